package io.mashups.systemtests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.studio.client.Ops;
import io.mashups.studio.client.StudioClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rooms belong to the replica that owns their room log partition: with two replicas each reads about half of the
 * log's entries, with four about a quarter, whichever replica the clients connect to (the others pass their sockets
 * on to the owner).
 */
@ExtendWith(Fleet.class)
class StudioOwnershipIT {
    private static final int PROJECTS_PER_PARTITION = 2;
    private static final int OPS_PER_PROJECT = 6;

    @Test
    void eachReplicaReadsOnlyTheRoomsItOwns() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String bearer = FrontendSessionIT.devToken(owner, "");
        List<String> projects = projectsOnEveryPartition(bearer);
        List<Integer> ports = new ArrayList<>(List.of(Fleet.port(8082), Fleet.replica("studio-collab", 8092)));
        try {
            StudioOwners.awaitBalanced(Set.copyOf(ports));
            assertShares(ports, projects, bearer, 0.5);

            ports.add(Fleet.replica("studio-collab", 8102));
            ports.add(Fleet.replica("studio-collab", 8112));
            StudioOwners.awaitBalanced(Set.copyOf(ports));
            assertShares(ports, projects, bearer, 0.25);
        } finally {
            Fleet.retire("studio-collab@" + Fleet.port(8102));
            Fleet.retire("studio-collab@" + Fleet.port(8112));
        }
    }

    /** Projects until every partition of the room log has the same number of them. */
    private static List<String> projectsOnEveryPartition(String bearer) {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < StudioOwners.PARTITIONS * PROJECTS_PER_PARTITION) {
            String id = StudioProjects.create(bearer, Map.of("title", "Spread"));
            List<String> here = byPartition.computeIfAbsent(StudioOwners.partitionOf(id), p -> new ArrayList<>());
            if (here.size() < PROJECTS_PER_PARTITION) {
                here.add(id);
                chosen.add(id);
            }
        }
        return chosen;
    }

    /**
     * Each project gets a client on one replica after the other (most of them not the owner), which joins, sends its
     * ops (the last acknowledged, so all read by the owner) and leaves: the same entries for every project (its ops;
     * presence, joins and leaves stay at the owner). Every replica must have read its share of them, not all of them.
     */
    private static void assertShares(List<Integer> ports, List<String> projects, String bearer, double share)
            throws Exception {
        Map<Integer, Double> before = new HashMap<>();
        for (int port : ports) {
            before.put(port, StudioOwners.entriesRead(port));
        }
        for (int i = 0; i < projects.size(); i++) {
            String project = projects.get(i);
            StudioClient client = StudioClient.connect(
                    "ws://127.0.0.1:" + ports.get(i % ports.size()), project, StudioClient.joinToken(bearer, project));
            String last = null;
            for (int op = 0; op < OPS_PER_PROJECT; op++) {
                last = client.op(Ops.addTrack("t" + op + "-" + UUID.randomUUID(), "T"));
            }
            client.outcome(last);
            client.close();
        }
        int written = projects.size() * OPS_PER_PROJECT;
        for (int port : ports) {
            double read = StudioOwners.entriesRead(port) - before.get(port);
            assertTrue(
                    read >= written * share * 0.8 && read <= written * share * 1.2,
                    "the replica on :" + port + " read " + read + " of " + written + " entries; expected about " + share
                            + " of them (owners " + StudioOwners.assignment() + ")");
        }
    }
}
