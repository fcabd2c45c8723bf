package io.mashups.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** The chart lints, renders for default values and with everything on, and every workload it renders is hardened. */
class ChartTest {
    static final Path CHART = Path.of("../mashups").toAbsolutePath().normalize();
    static final Path ALL_ON = Path.of("src/test/resources/values-all-on.yaml").toAbsolutePath();

    public static Stream<String> scenarios() {
        return Stream.of("default", "all-on");
    }

    @Test
    void chartLintsStrictly() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertFalse(result.isFailed(), String.join("\n", result.getMessages()));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyWorkloadIsHardenedWithProbesAndResources(String scenario) {
        List<Map<String, Object>> objects = render(scenario);
        List<Map<String, Object>> deployments =
                objects.stream().filter(o -> "Deployment".equals(o.get("kind"))).toList();
        int workers = "all-on".equals(scenario) ? 1 : 0;
        assertEquals(
                Repository.services().size() + workers,
                deployments.size(),
                "one Deployment per service (and the audio worker)");
        for (Map<String, Object> deployment : deployments) {
            String name = (String) path(deployment, "metadata").get("name");
            Map<String, Object> pod = path(deployment, "spec", "template", "spec");
            assertEquals(Boolean.TRUE, path(pod, "securityContext").get("runAsNonRoot"), name);
            for (Object c : (List<?>) pod.get("containers")) {
                Map<String, Object> container = cast(c);
                Map<String, Object> security = path(container, "securityContext");
                assertEquals(Boolean.TRUE, security.get("readOnlyRootFilesystem"), name);
                assertEquals(Boolean.FALSE, security.get("allowPrivilegeEscalation"), name);
                assertEquals(List.of("ALL"), path(security, "capabilities").get("drop"), name);
                assertEquals(
                        "/q/health/ready",
                        path(container, "readinessProbe", "httpGet").get("path"),
                        name);
                assertEquals(
                        "/q/health/live",
                        path(container, "livenessProbe", "httpGet").get("path"),
                        name);
                assertEquals(
                        "/q/health/started",
                        path(container, "startupProbe", "httpGet").get("path"),
                        name);
                // the gateway's port is public: its health and metrics are on a port the ingress does not route
                assertEquals(
                        name.equals("gateway") ? "management" : "http",
                        path(container, "readinessProbe", "httpGet").get("port"),
                        name);
                assertNotNull(path(container, "resources", "limits").get("memory"), name);
                assertNotNull(path(container, "resources", "requests").get("cpu"), name);
                String image = (String) container.get("image");
                assertTrue(image.contains(":") && !image.endsWith(":latest"), name + " image " + image);
            }
            assertNotNull(find(objects, "Service", name));
            assertNotNull(find(objects, "ServiceAccount", name));
            assertNotNull(find(objects, "PodDisruptionBudget", name));
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void configMapsHoldNoSecrets(String scenario) {
        for (Map<String, Object> config : render(scenario).stream()
                .filter(o -> "ConfigMap".equals(o.get("kind")))
                .toList()) {
            Map<String, Object> data = cast(config.getOrDefault("data", Map.of()));
            data.keySet()
                    .forEach(key -> assertFalse(key.matches("(?i).*(password|secret|token|api_key|private).*"), key));
            data.values()
                    .forEach(value -> assertFalse(
                            String.valueOf(value)
                                    .matches("(?s).*(sk_live_|sk_test_|whsec_|BEGIN [A-Z ]*PRIVATE KEY).*"),
                            "secret-looking value in a ConfigMap"));
        }
    }

    @Test
    void onlyTheGatewayTakesOutsideTrafficAndAutoscalingReplacesReplicas() {
        List<Map<String, Object>> objects = render("all-on");
        assertNotNull(find(objects, "Ingress", "r-gateway"));
        Map<String, Object> billingPolicy = find(objects, "NetworkPolicy", "billing");
        Map<String, Object> allowed =
                cast(((List<?>) path(billingPolicy, "spec").get("ingress")).get(0));
        Map<String, Object> fromGateway = cast(((List<?>) allowed.get("from")).get(0));
        assertEquals("gateway", path(fromGateway, "podSelector", "matchLabels").get("app.kubernetes.io/name"));
        assertNotNull(find(objects, "HorizontalPodAutoscaler", "gateway"));
        assertNull(path(find(objects, "Deployment", "gateway"), "spec").get("replicas"), "the HPA owns replicas");
        List<Map<String, Object>> defaults = render("default");
        assertTrue(defaults.stream().noneMatch(o -> "HorizontalPodAutoscaler".equals(o.get("kind"))));
        assertTrue(defaults.stream().noneMatch(o -> "Ingress".equals(o.get("kind"))));
    }

    @Test
    void studioReplicasKnowTheirAddressAndMayReachEachOther() {
        List<Map<String, Object>> objects = render("all-on");
        Map<String, Object> studio =
                cast(((List<?>) path(find(objects, "Deployment", "studio-collab"), "spec", "template", "spec")
                                .get("containers"))
                        .get(0));
        assertEquals("$(POD_IP):8080", env(studio).get("MASHUPS_STUDIO_ADVERTISED_ADDRESS"));
        Map<String, Object> podIp = ((List<?>) studio.get("env"))
                .stream()
                        .map(ChartTest::cast)
                        .filter(entry -> "POD_IP".equals(entry.get("name")))
                        .findFirst()
                        .orElseThrow();
        assertEquals("status.podIP", path(podIp, "valueFrom", "fieldRef").get("fieldPath"));
        assertEquals(List.of("gateway", "studio-collab"), allowedFrom(find(objects, "NetworkPolicy", "studio-collab")));
        assertEquals(List.of("gateway"), allowedFrom(find(objects, "NetworkPolicy", "billing")));
    }

    /** The pods a network policy's first rule lets in, by name. */
    private static List<Object> allowedFrom(Map<String, Object> policy) {
        Map<String, Object> rule = cast(((List<?>) path(policy, "spec").get("ingress")).get(0));
        return ((List<?>) rule.get("from"))
                .stream()
                        .map(ChartTest::cast)
                        .filter(from -> from.containsKey("podSelector"))
                        .map(from -> path(from, "podSelector", "matchLabels").get("app.kubernetes.io/name"))
                        .toList();
    }

    @Test
    void audioWorkersRunOnGpuNodesScaledByKedaAndTheApiPodsStopRunningJobs() {
        List<Map<String, Object>> objects = render("all-on");
        Map<String, Object> worker = find(objects, "Deployment", "audio-worker");
        Map<String, Object> pod = path(worker, "spec", "template", "spec");
        assertNull(path(worker, "spec").get("replicas"), "KEDA owns the replicas");
        assertEquals("nvidia-l4", path(pod, "nodeSelector").get("cloud.google.com/gke-accelerator"));
        assertEquals(
                "nvidia.com/gpu",
                cast(((List<?>) pod.get("tolerations")).get(0)).get("key"));
        Map<String, Object> container = cast(((List<?>) pod.get("containers")).get(0));
        assertEquals(1, path(container, "resources", "limits").get("nvidia.com/gpu"));
        assertEquals("demucs", env(container).get("MASHUPS_AUDIO_STEMS_ENGINE"));
        assertEquals("cuda", env(container).get("MASHUPS_AUDIO_DEMUCS_DEVICE"));
        assertEquals("true", env(container).get("MASHUPS_AUDIO_WORKER_ENABLED"));
        assertTrue(String.valueOf(container.get("image")).contains("/audio-worker:"));

        Map<String, Object> trigger = cast(((List<?>) path(find(objects, "ScaledObject", "audio-worker"), "spec")
                        .get("triggers"))
                .get(0));
        assertEquals("kafka", trigger.get("type"));
        assertEquals("audio.jobs", path(trigger, "metadata").get("topic"));
        assertEquals("audio-pipeline.job-workers", path(trigger, "metadata").get("consumerGroup"));
        assertNotNull(find(objects, "NetworkPolicy", "audio-worker"));

        Map<String, Object> api =
                cast(((List<?>) path(find(objects, "Deployment", "audio-pipeline"), "spec", "template", "spec")
                                .get("containers"))
                        .get(0));
        assertEquals("false", env(api).get("MASHUPS_AUDIO_WORKER_ENABLED"), "the API pods leave jobs to the workers");
        assertTrue(render("default").stream().noneMatch(o -> "ScaledObject".equals(o.get("kind"))));
    }

    @Test
    void everyServiceTakesTheKafkaLoginFromValuesAndASecret() {
        List<Map<String, Object>> objects = render("all-on");
        Map<String, Object> config = cast(find(objects, "ConfigMap", "r-config").get("data"));
        assertEquals("SASL_SSL", config.get("KAFKA_SECURITY_PROTOCOL"));
        assertEquals("SCRAM-SHA-512", config.get("KAFKA_SASL_MECHANISM"));
        for (Map<String, Object> deployment :
                objects.stream().filter(o -> "Deployment".equals(o.get("kind"))).toList()) {
            Map<String, Object> pod = path(deployment, "spec", "template", "spec");
            assertEquals(Boolean.FALSE, pod.get("enableServiceLinks"), "no KAFKA_PORT from a Service named kafka");
            Map<String, Object> container = cast(((List<?>) pod.get("containers")).get(0));
            assertTrue(
                    ((List<?>) container.get("envFrom"))
                            .stream()
                                    .anyMatch(from -> cast(from).get("secretRef") != null
                                            && "kafka-login"
                                                    .equals(cast(cast(from).get("secretRef"))
                                                            .get("name"))),
                    "the Kafka login Secret reaches "
                            + path(deployment, "metadata").get("name"));
        }
        Map<String, Object> trigger = cast(((List<?>) path(find(objects, "ScaledObject", "audio-worker"), "spec")
                        .get("triggers"))
                .get(0));
        assertEquals("kafka-trigger-auth", path(trigger, "authenticationRef").get("name"));
        assertTrue(new Helm(CHART)
                .template()
                .withName("r")
                .set("kafka.config.client\\.dns\\.lookup", "use_all_dns_ips")
                .call()
                .contains("KAFKA_CLIENT_DNS_LOOKUP: \"use_all_dns_ips\""));
        assertThrows(
                RuntimeException.class,
                () -> new Helm(CHART)
                        .template()
                        .withName("r")
                        .set("kafka.config.sasl\\.jaas\\.config", "ScramLoginModule required password=x;")
                        .call(),
                "a login is not a plain value");
    }

    @Test
    void everyServiceSendsItsSpansToTheCollectorTheValuesName() {
        Map<String, Object> config =
                cast(find(render("all-on"), "ConfigMap", "r-config").get("data"));
        assertEquals("http://collector.tracing:4318", config.get("MASHUPS_OTLP_ENDPOINT"));
        assertEquals("http/protobuf", config.get("MASHUPS_OTLP_PROTOCOL"));
        assertEquals("0.25", config.get("QUARKUS_OTEL_TRACES_SAMPLER_ARG"));
        assertThrows(
                RuntimeException.class,
                () -> new Helm(CHART)
                        .template()
                        .withName("r")
                        .set("tracing.protocol", "zipkin")
                        .call(),
                "only the OTLP protocols Quarkus exports with");
    }

    private static Map<String, Object> env(Map<String, Object> container) {
        Map<String, Object> values = new java.util.HashMap<>();
        for (Object entry : (List<?>) container.get("env")) {
            values.put(String.valueOf(cast(entry).get("name")), cast(entry).get("value"));
        }
        return values;
    }

    @Test
    void schemaRefusesALatestTagAndSecretsInConfig() {
        assertThrows(
                RuntimeException.class,
                () -> new Helm(CHART)
                        .template()
                        .withName("r")
                        .set("image.tag", "latest")
                        .call());
        assertThrows(
                RuntimeException.class,
                () -> new Helm(CHART)
                        .template()
                        .withName("r")
                        .set("config.STRIPE_API_KEY", "sk_live_x")
                        .call());
    }

    static List<Map<String, Object>> render(String scenario) {
        var template = new Helm(CHART).template().withName("r");
        if ("all-on".equals(scenario)) {
            template.withValuesFile(ALL_ON);
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(template.call())) {
            if (doc != null) {
                objects.add(cast(doc));
            }
        }
        return objects;
    }

    static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind"))
                        && name.equals(path(o, "metadata").get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static Map<String, Object> path(Map<String, Object> node, String... keys) {
        Map<String, Object> current = node;
        for (String key : keys) {
            Object next = current.get(key);
            assertTrue(next instanceof Map, key + " missing in " + current.keySet());
            current = cast(next);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
