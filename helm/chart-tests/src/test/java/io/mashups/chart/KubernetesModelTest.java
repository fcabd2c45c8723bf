package io.mashups.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object the chart renders is a known Kubernetes kind whose every field the typed model knows (a misspelt or
 * misplaced field would land in "additional properties"), and each service's container agrees with the manifest
 * quarkus-kubernetes generates for it on port and probe paths.
 */
class KubernetesModelTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static List<String> scenarios() {
        return ChartTest.scenarios().toList();
    }

    static List<String> services() {
        return Repository.services();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyRenderedObjectIsATypedKindWithNoUnknownFields(String scenario) {
        var template = new Helm(ChartTest.CHART).template().withName("r");
        if ("all-on".equals(scenario)) {
            template.withValuesFile(ChartTest.ALL_ON);
        }
        List<HasMetadata> objects = parse(template.call());
        assertFalse(objects.isEmpty());
        for (HasMetadata object : objects) {
            String where = object.getKind() + "/" + object.getMetadata().getName();
            if (object instanceof GenericKubernetesResource custom
                    && "keda.sh/v1alpha1/ScaledObject".equals(custom.getApiVersion() + "/" + custom.getKind())) {
                ScaledObject scaled = ScaledObject.read(SERIALIZATION.asJson(custom));
                String target = scaled.spec().scaleTargetRef().name();
                assertTrue(
                        objects.stream()
                                .anyMatch(o -> o instanceof Deployment
                                        && o.getMetadata().getName().equals(target)),
                        where + " scales " + target);
                continue;
            }
            assertFalse(object instanceof GenericKubernetesResource, where + " is not a known kind");
            List<String> unknown = new ArrayList<>();
            collectUnknownFields(object, where, unknown);
            assertEquals(List.of(), unknown, "fields the Kubernetes model does not know");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void chartAgreesWithTheGeneratedQuarkusManifest(String service) throws IOException {
        Path generated = Repository.ROOT.resolve("services/" + service + "/target/kubernetes/kubernetes.yml");
        assertTrue(Files.exists(generated), generated + " is built by quarkus-kubernetes before this module");
        Container quarkus = container(parse(Files.readString(generated)), service);
        Container chart = container(
                parse(new Helm(ChartTest.CHART).template().withName("r").call()), service);

        // the generated manifest lists a service's ports (http, management) in no fixed order
        assertEquals(
                new java.util.TreeSet<>(quarkus.getPorts().stream()
                        .map(port -> port.getContainerPort())
                        .toList()),
                new java.util.TreeSet<>(chart.getPorts().stream()
                        .map(port -> port.getContainerPort())
                        .toList()),
                "container ports");
        assertEquals(
                quarkus.getLivenessProbe().getHttpGet().getPath(),
                chart.getLivenessProbe().getHttpGet().getPath());
        assertEquals(
                quarkus.getReadinessProbe().getHttpGet().getPath(),
                chart.getReadinessProbe().getHttpGet().getPath());
        assertEquals(
                quarkus.getStartupProbe().getHttpGet().getPath(),
                chart.getStartupProbe().getHttpGet().getPath());
    }

    private static Container container(List<HasMetadata> objects, String service) {
        return objects.stream()
                .filter(o -> o instanceof Deployment
                        && service.equals(o.getMetadata().getName()))
                .map(o -> ((Deployment) o)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + service));
    }

    private static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank() && document.contains("kind:")) {
                objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return objects;
    }

    /** Walks the typed tree through its getters; any additionalProperties entry is a field the model did not know. */
    private static void collectUnknownFields(Object node, String where, List<String> unknown) {
        if (node == null
                || node instanceof String
                || node instanceof Number
                || node instanceof Boolean
                || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, where + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknownFields(v, where + "." + k, unknown));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass")) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(where + ": " + extra.keySet());
                    }
                } else {
                    collectUnknownFields(value, where + "." + getter.getName().substring(3), unknown);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
