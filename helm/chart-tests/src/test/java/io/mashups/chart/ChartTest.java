package io.mashups.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The chart lints cleanly and renders hardened workloads; issue 7 grows these checks with the chart. */
class ChartTest {
    private static final Path CHART = Path.of("../mashups").toAbsolutePath().normalize();

    @Test
    void chartLintsStrictly() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertFalse(result.isFailed(), String.join("\n", result.getMessages()));
    }

    @Test
    void gatewayRendersAsAHardenedDeploymentWithProbes() {
        List<Map<String, Object>> objects = render(Map.of("ingress.enabled", "true"));
        Map<String, Object> deployment = find(objects, "Deployment", "gateway");
        Map<String, Object> container = first(path(deployment, "spec", "template", "spec").get("containers"));
        Map<String, Object> security = path(container, "securityContext");

        assertEquals(Boolean.TRUE, security.get("readOnlyRootFilesystem"));
        assertEquals(Boolean.FALSE, security.get("allowPrivilegeEscalation"));
        assertEquals(Boolean.TRUE, path(deployment, "spec", "template", "spec", "securityContext").get("runAsNonRoot"));
        assertEquals("/q/health/ready", path(container, "readinessProbe", "httpGet").get("path"));
        assertEquals("/q/health/live", path(container, "livenessProbe", "httpGet").get("path"));
        assertNotNull(path(container, "resources", "limits").get("memory"));
        assertFalse(((String) container.get("image")).endsWith(":latest"));
        assertNotNull(find(objects, "Service", "gateway"));
        assertNotNull(find(objects, "Ingress", "r-gateway"));
    }

    private static List<Map<String, Object>> render(Map<String, String> values) {
        var template = new Helm(CHART).template().withName("r");
        values.forEach(template::set);
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(template.call())) {
            if (doc != null) {
                objects.add(cast(doc));
            }
        }
        return objects;
    }

    private static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(path(o, "metadata").get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Map<String, Object> path(Map<String, Object> node, String... keys) {
        Map<String, Object> current = node;
        for (String key : keys) {
            Object next = current.get(key);
            assertTrue(next instanceof Map, key + " missing in " + current.keySet());
            current = cast(next);
        }
        return current;
    }

    private static Map<String, Object> first(Object list) {
        return cast(((List<?>) list).get(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
