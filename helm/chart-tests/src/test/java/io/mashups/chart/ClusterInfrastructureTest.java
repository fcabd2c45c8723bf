package io.mashups.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** deploy/k8s creates every topic of the catalogue as it must be, and the chart's defaults point at what it creates. */
class ClusterInfrastructureTest {
    @Test
    void everyTopicAndItsDeadLetterTopicExistWithEntitlementsCompacted() throws Exception {
        Map<String, String> policies = new HashMap<>();
        for (Map<String, Object> topic : documents("deploy/k8s/kafka-topics.yaml")) {
            assertEquals("KafkaTopic", topic.get("kind"));
            Map<String, Object> spec = ChartTest.path(topic, "spec");
            policies.put((String) spec.get("topicName"), (String)
                    ChartTest.path(spec, "config").get("cleanup.policy"));
        }
        List<String> expected = new ArrayList<>();
        for (var field : Topics.class.getFields()) {
            if (field.get(null) instanceof String topic) {
                expected.add(topic);
                if (!Topics.SERVICE_LOGS.contains(topic)) {
                    expected.add(Topics.deadLetterOf(topic));
                }
            }
        }
        assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(policies.keySet()));
        assertEquals("compact", policies.get(Topics.BILLING_ENTITLEMENTS));
        assertEquals("delete", policies.get(Topics.AUDIO_JOB_PROGRESS));
    }

    @Test
    void chartDefaultsPointAtTheInClusterKafkaAndPostgres() throws IOException {
        Map<String, Object> values =
                ChartTest.cast(new Yaml().load(Files.readString(Repository.ROOT.resolve("helm/mashups/values.yaml"))));
        String kafkaName = (String) ChartTest.path(
                        documents("deploy/k8s/kafka.yaml").stream()
                                .filter(d -> "Kafka".equals(d.get("kind")))
                                .findFirst()
                                .orElseThrow(),
                        "metadata")
                .get("name");
        String dbName =
                (String) ChartTest.path(documents("deploy/k8s/postgres.yaml").get(0), "metadata")
                        .get("name");

        assertEquals(
                kafkaName + "-kafka-bootstrap:9092",
                ChartTest.path(values, "kafka").get("bootstrapServers"));
        assertEquals(dbName + "-rw", ChartTest.path(values, "postgres").get("host"));
        assertTrue(Files.readString(Repository.ROOT.resolve("deploy/k8s/kafka.yaml"))
                .contains("auto.create.topics.enable: false"));
    }

    private static List<Map<String, Object>> documents(String path) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(Files.readString(Repository.ROOT.resolve(path)))) {
            if (doc != null) {
                docs.add(ChartTest.cast(doc));
            }
        }
        return docs;
    }
}
