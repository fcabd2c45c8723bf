package io.mashups.studio.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.studio.document.OpRejected;
import io.mashups.studio.document.ProjectDocument;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One project's room on this replica, touched only by the room log's reader thread: the document at the last
 * applied sequence, the recent ops for catch-up, the local participants and everyone present on any replica.
 *
 * <p>While it loads, entries from the log are kept and applied once the stored state is in.
 */
final class Room {
    /** A sequence older than every op: nothing applied yet. */
    static final long NOTHING = -1;
    /** The floor when it is not known which op came before the oldest one kept. */
    static final long UNKNOWN = Long.MIN_VALUE;

    private final String projectId;
    private final String node;
    private final int window;
    private ProjectDocument document;
    private long seq = NOTHING;
    /** (seq, message) of the last applied ops; {@code floor} is the seq just before the oldest of them, if known. */
    private final ArrayDeque<Applied> recent = new ArrayDeque<>();

    private long floor = UNKNOWN;
    private final Map<String, Participant> local = new LinkedHashMap<>();
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private List<Entry> pending = new ArrayList<>();
    private final List<Participant> waiting = new ArrayList<>();
    private long emptySinceNanos = System.nanoTime();

    record Applied(long seq, String message) {}

    /** A log entry kept while the room loads. */
    private record Entry(long offset, JsonNode parsed, String text) {}

    private final Counter applied;
    private final Counter refused;

    Room(String projectId, String node, int window, Counter applied, Counter refused) {
        this.projectId = projectId;
        this.node = node;
        this.window = window;
        this.applied = applied;
        this.refused = refused;
    }

    String projectId() {
        return projectId;
    }

    boolean ready() {
        return pending == null;
    }

    /** The stored state arrived: take it, apply what the log brought meanwhile, let the waiting participants in. */
    List<Participant> loaded(ProjectDocument stored, long storedSeq, List<Applied> storedRecent, long storedFloor) {
        document = stored;
        seq = storedSeq;
        floor = storedFloor;
        storedRecent.forEach(this::remember);
        List<Entry> meanwhile = pending;
        pending = null;
        meanwhile.forEach(entry -> onEntry(entry.offset(), entry.parsed(), entry.text()));
        List<Participant> admitted = new ArrayList<>(waiting);
        waiting.clear();
        return admitted;
    }

    void await(Participant participant) {
        waiting.add(participant);
    }

    List<Participant> waitingAndLocal() {
        List<Participant> all = new ArrayList<>(waiting);
        all.addAll(local.values());
        return all;
    }

    /** A participant enters: it gets the document (or what it missed) and everyone present, who are told. */
    void admit(Participant participant) {
        local.put(participant.id(), participant);
        Peer peer = new Peer(participant.id(), participant.userId(), participant.role(), participant.color());
        peers.put(participant.id(), peer);
        List<String> missed = catchUp(participant.since());
        participant.send(Wire.init(
                projectId, seq, participant, peers.values(), missed == null ? document.snapshot() : null, missed));
        broadcast(Wire.joined(peer), participant.id());
    }

    /** A participant's cursor, selection or playhead: the others see it at once (it is not part of the document). */
    void presence(String connection, JsonNode presence) {
        Peer peer = peers.get(connection);
        if (peer != null) {
            peer.presence(presence);
            broadcast(Wire.presence(peer), connection);
        }
    }

    /** The ops after {@code since} if they are all still here; null when the client must start from a snapshot. */
    private List<String> catchUp(long since) {
        if (since < 0 && since != NOTHING) {
            return null;
        }
        if (since == seq) {
            return List.of();
        }
        boolean covered = since == floor || recent.stream().anyMatch(applied -> applied.seq() == since);
        if (!covered || since > seq) {
            return null;
        }
        return recent.stream()
                .filter(applied -> applied.seq() > since)
                .map(Applied::message)
                .toList();
    }

    /** A participant leaves: the others are told. */
    Participant leave(String connectionId) {
        Participant gone = local.remove(connectionId);
        Peer peer = peers.remove(connectionId);
        if (peer != null) {
            broadcast(Wire.left(peer), connectionId);
        }
        if (local.isEmpty()) {
            emptySinceNanos = System.nanoTime();
        }
        waiting.removeIf(p -> p.id().equals(connectionId));
        return gone;
    }

    boolean idleLongerThan(long nanos) {
        return local.isEmpty() && waiting.isEmpty() && ready() && System.nanoTime() - emptySinceNanos > nanos;
    }

    Iterable<Participant> local() {
        return local.values();
    }

    boolean hasLocal() {
        return !local.isEmpty();
    }

    /** One entry of the room log, in log order. */
    void onEntry(long offset, JsonNode entry, String entryText) {
        if (pending != null) {
            pending.add(new Entry(offset, entry, entryText));
            return;
        }
        switch (entry.path("k").asText()) {
            case Wire.OP -> applyOp(offset, entry, entryText, entry.path("c").asText());
            case Wire.MEMBER ->
                memberChanged(
                        entry.path("u").asText(),
                        entry.path("r").isTextual() ? entry.get("r").asText() : null);
            default -> {
                // DELETED is handled by Rooms (the room goes away); presence, joins and leaves of older replicas
                // (they logged them) and unknown kinds of newer ones are not this room's
            }
        }
    }

    private void applyOp(long offset, JsonNode entry, String entryText, String connection) {
        if (offset <= seq) {
            return;
        }
        String clientOpId = entry.path("i").asText();
        Participant sender = entry.path("n").asText().equals(node) ? local.get(connection) : null;
        String message;
        try {
            message = apply(document, offset, entry, entryText);
        } catch (OpRejected rejected) {
            refused.increment();
            if (sender != null) {
                sender.settle(clientOpId);
                sender.send(Wire.error(rejected.code(), rejected.getMessage(), clientOpId));
            }
            return;
        }
        applied.increment();
        seq = offset;
        remember(new Applied(offset, message));
        if (sender != null) {
            // a sender told the op was unavailable has let it go: an ack would name an op it no longer holds
            sender.send(
                    sender.settle(clientOpId)
                            ? message
                            : Wire.ack(clientOpId, offset, entry.path("t").asLong()));
        }
        broadcast(message, connection);
    }

    /**
     * Applies an op entry of the log at its offset, as every room, the persister and every client do; returns the
     * message that broadcasts it (and that the op log stores).
     */
    static String apply(ProjectDocument document, long offset, JsonNode entry, String entryText) {
        long time = entry.path("t").asLong();
        document.apply(entry.get("op"), time);
        return Wire.op(offset, entry.path("u").asText(), entry.path("i").asText(), time, Wire.opText(entryText));
    }

    private void memberChanged(String user, String role) {
        for (Participant participant : new ArrayList<>(local.values())) {
            if (participant.userId().equals(user)) {
                if (role == null) {
                    participant.send(Wire.error("forbidden", "you are no longer a member of this project", null));
                    participant.close(4403, "no longer a member");
                } else {
                    participant.role(role);
                }
            }
        }
        peers.values().stream()
                .filter(peer -> peer.user().equals(user) && role != null)
                .forEach(peer -> peer.role(role));
    }

    private void remember(Applied applied) {
        recent.addLast(applied);
        while (recent.size() > window) {
            floor = recent.removeFirst().seq();
        }
    }

    private void broadcast(String message, String exceptConnection) {
        for (Participant participant : local.values()) {
            if (!participant.id().equals(exceptConnection)) {
                participant.send(message);
            }
        }
    }

    List<Peer> localPeers() {
        return local.keySet().stream()
                .map(peers::get)
                .filter(java.util.Objects::nonNull)
                .toList();
    }
}
