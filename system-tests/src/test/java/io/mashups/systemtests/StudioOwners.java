package io.mashups.systemtests;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.utils.Utils;

/**
 * Which studio-collab replica owns which rooms, as Kafka's group of room log readers says (the replicas name
 * themselves {@code studio-rooms@host:port} in it), and how many log entries each replica has read.
 */
final class StudioOwners {
    /** The room log's partitions in the fleet: studio-collab's default. */
    static final int PARTITIONS = 12;

    private static final String GROUP = "studio-collab.room-owners";
    private static final String TOPIC = "studio.room-log";
    private static final String PREFIX = "studio-rooms@";

    private StudioOwners() {}

    /** The room log partition of a project (Kafka's default partitioner on its key). */
    static int partitionOf(String projectId) {
        return Utils.toPositive(Utils.murmur2(projectId.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /** Each replica's port and the partitions it owns now. */
    static Map<Integer, Set<Integer>> assignment() throws Exception {
        Properties props = new Properties();
        props.put(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getenv().getOrDefault("MASHUPS_KAFKA_BOOTSTRAP", "127.0.0.1:9092"));
        try (Admin admin = Admin.create(props)) {
            Map<Integer, Set<Integer>> owned = new HashMap<>();
            for (MemberDescription member : admin.describeConsumerGroups(List.of(GROUP))
                    .describedGroups()
                    .get(GROUP)
                    .get(10, TimeUnit.SECONDS)
                    .members()) {
                if (!member.clientId().startsWith(PREFIX)) {
                    continue;
                }
                String address = member.clientId().substring(PREFIX.length());
                Set<Integer> partitions = new TreeSet<>();
                member.assignment().topicPartitions().stream()
                        .filter(partition -> partition.topic().equals(TOPIC))
                        .forEach(partition -> partitions.add(partition.partition()));
                owned.put(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)), partitions);
            }
            return owned;
        }
    }

    /** Waits until exactly these replicas share every partition evenly. */
    static Map<Integer, Set<Integer>> awaitBalanced(Set<Integer> ports) {
        Map<Integer, Set<Integer>>[] seen = new Map[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    seen[0] = assignment();
                    return seen[0].keySet().equals(ports)
                            && seen[0].values().stream().allMatch(p -> p.size() == PARTITIONS / ports.size())
                            && seen[0].values().stream().mapToInt(Set::size).sum() == PARTITIONS;
                });
        return seen[0];
    }

    /** The port of the replica owning a project's room now. */
    static int ownerOf(String projectId) throws Exception {
        int partition = partitionOf(projectId);
        return assignment().entrySet().stream()
                .filter(entry -> entry.getValue().contains(partition))
                .mapToInt(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no replica owns partition " + partition));
    }

    /** How many room log entries a replica has read since it started (its metric). */
    static double entriesRead(int port) {
        String metrics = io.restassured.RestAssured.given()
                .port(port)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(line -> line.startsWith("studio_room_log_entries_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
