package io.mashups.studio.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mashups.studio.document.OpRejected;
import io.mashups.studio.document.ProjectDocument;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One project's room at its owner, touched only by the rooms' thread: the document, the recent ops for catch-up, the
 * participants. The room orders its ops: each gets the next sequence, is applied and broadcast at once, and goes to
 * the room log; its sender's ack waits until the log has it.
 *
 * <p>Every op carries the <em>epoch</em> of the owner that ordered it, drawn when the room opens. After a failover
 * the new owner numbers on from what the log committed, so a sequence can name two different ops: the one a client
 * saw from the old owner (never committed) and the new owner's. A client resuming names the sequence and epoch of the
 * last op it applied; unless the room has that very op it gets a snapshot.
 */
final class Room {
    /** A sequence older than every op: nothing applied yet. */
    static final long NOTHING = -1;
    /** The floor when it is not known which op came before the oldest one kept. */
    static final long UNKNOWN = Long.MIN_VALUE;
    /** The epoch of ops ordered before owners drew epochs (they were in the log before anyone saw them). */
    static final long FIRST_EPOCH = 0;

    private final String projectId;
    private final int window;
    private final Function<String, ProducerRecord<String, String>> record;
    private ProjectDocument document;
    private long seq = NOTHING;
    /** The last op the log has: ops after it have been seen but are not acknowledged yet. */
    private long committed = NOTHING;
    /** (seq, epoch, message) of the last applied ops; {@code floor} is the op just before the oldest of them. */
    private final ArrayDeque<Applied> recent = new ArrayDeque<>();
    /** The recent ops' sequences by sender and client op id: an op sent again is acknowledged, not applied twice. */
    private final Map<String, Long> recentIds = new HashMap<>();

    private long floor = UNKNOWN;
    private long floorEpoch = FIRST_EPOCH;
    private final Map<String, Participant> local = new LinkedHashMap<>();
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private boolean loading = true;
    private final List<Participant> waiting = new ArrayList<>();
    /** Ops of participants that sent them before they were let in, applied once they are. */
    private final List<Runnable> deferred = new ArrayList<>();
    /** Senders waiting for an op to be in the log, in sequence order but for ops sent again. */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    private Appender appender;
    private int generation;
    private long epoch;
    private long emptySinceNanos = System.nanoTime();

    /** An applied op: its sequence, its owner's epoch, who sent it under which id, and its broadcast. */
    record Applied(long seq, long epoch, String id, String message) {
        /** A stored broadcast, read back. */
        static Applied of(long seq, String message) {
            JsonNode op = Wire.parse(message);
            return new Applied(
                    seq,
                    op.path("epoch").asLong(FIRST_EPOCH),
                    idOf(op.path("user").asText(), op.path("clientOpId").asText()),
                    message);
        }
    }

    private record Waiter(long seq, Participant sender, String clientOpId, long time) {}

    private final Counter applied;
    private final Counter refused;

    Room(
            String projectId,
            int window,
            Function<String, ProducerRecord<String, String>> record,
            Counter applied,
            Counter refused) {
        this.projectId = projectId;
        this.window = window;
        this.record = record;
        this.applied = applied;
        this.refused = refused;
    }

    String projectId() {
        return projectId;
    }

    boolean ready() {
        return !loading;
    }

    Appender appender() {
        return appender;
    }

    int generation() {
        return generation;
    }

    /**
     * The stored state arrived, as the log committed it: the room orders ops from here on with a new epoch, writing them
     * in {@code generation} of {@code appender}. Answers the participants waiting to be let in.
     */
    List<Participant> loaded(Restored restored, Appender appender, int generation, long epoch) {
        this.document = restored.document();
        this.seq = restored.seq();
        this.committed = restored.seq();
        this.floor = restored.floor();
        this.floorEpoch = restored.floorEpoch();
        restored.recent().forEach(this::remember);
        this.appender = appender;
        this.generation = generation;
        this.epoch = epoch;
        this.loading = false;
        List<Participant> admitted = new ArrayList<>(waiting);
        waiting.clear();
        return admitted;
    }

    /** A room as stored and logged: the document at {@code seq}, the last ops, the op before them. */
    record Restored(ProjectDocument document, long seq, List<Applied> recent, long floor, long floorEpoch) {}

    /** Ops that came before their sender was let in run once the room has loaded. */
    void afterLoading(Runnable op) {
        deferred.add(op);
    }

    List<Runnable> takeDeferred() {
        List<Runnable> ops = new ArrayList<>(deferred);
        deferred.clear();
        return ops;
    }

    void await(Participant participant) {
        waiting.add(participant);
    }

    boolean isWaiting(Participant participant) {
        return waiting.contains(participant);
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
        List<String> missed = catchUp(participant.since(), participant.sinceEpoch());
        participant.send(Wire.init(
                projectId,
                seq,
                epochAt(seq),
                participant,
                peers.values(),
                missed == null ? document.snapshot() : null,
                missed));
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

    /**
     * The ops after {@code since} if the room has the op the client last applied (same sequence, same epoch) and all
     * after it; null when the client must start from a snapshot.
     */
    private List<String> catchUp(long since, long sinceEpoch) {
        if (since == NOTHING && floor == NOTHING) {
            return recent.stream().map(Applied::message).toList();
        }
        if (since < 0 || since > seq || sinceEpoch != epochAt(since)) {
            return null;
        }
        return recent.stream()
                .filter(applied -> applied.seq() > since)
                .map(Applied::message)
                .toList();
    }

    /** The epoch of the op at {@code at} if the room still knows it, else -1 (no client names that). */
    private long epochAt(long at) {
        if (at == floor) {
            return floorEpoch;
        }
        for (var it = recent.descendingIterator(); it.hasNext(); ) {
            Applied applied = it.next();
            if (applied.seq() == at) {
                return applied.epoch();
            }
            if (applied.seq() < at) {
                break;
            }
        }
        return at == NOTHING ? FIRST_EPOCH : -1;
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

    /** Nobody here for that long, and every op in the log: the room may be forgotten. */
    boolean idleLongerThan(long nanos) {
        return local.isEmpty()
                && waiting.isEmpty()
                && ready()
                && committed == seq
                && System.nanoTime() - emptySinceNanos > nanos;
    }

    /**
     * An op from a participant: ordered after the others, applied, broadcast to everyone (its sender included, so it
     * knows the op's place) and appended to the log; its sender is acknowledged once the log has it. An op sent
     * again (same sender and client op id, after a reconnect) is not applied twice: it is acknowledged.
     */
    void op(Participant sender, String clientOpId, JsonNode op, long lastSeq) {
        String id = idOf(sender.userId(), clientOpId);
        long time = System.currentTimeMillis();
        Long known = recentIds.get(id);
        if (known != null) {
            if (known <= committed) {
                sender.send(Wire.ack(clientOpId, known, time));
            } else {
                waiters.add(new Waiter(known, sender, clientOpId, time));
            }
            return;
        }
        long next = seq + 1;
        ObjectNode entry = Wire.object()
                .put("k", Wire.OP)
                .put("s", next)
                .put("e", epoch)
                .put("c", sender.id())
                .put("u", sender.userId())
                .put("r", sender.role())
                .put("i", clientOpId)
                .put("b", lastSeq)
                .put("t", time);
        entry.set("op", op);
        String entryText = Wire.write(entry);
        String message;
        try {
            message = apply(document, next, entry, entryText);
        } catch (OpRejected rejected) {
            refused.increment();
            sender.send(Wire.error(rejected.code(), rejected.getMessage(), clientOpId));
            return;
        }
        applied.increment();
        seq = next;
        remember(new Applied(next, epoch, id, message));
        broadcast(message, null);
        waiters.add(new Waiter(next, sender, clientOpId, time));
        // false: this generation failed, and the room is about to close (its clients saw ops the log may not have)
        appender.append(generation, this, next, record.apply(entryText));
    }

    /** The log has this room's ops up to {@code upTo}: their senders get their acks. */
    void committed(long upTo) {
        if (upTo <= committed) {
            return;
        }
        committed = upTo;
        waiters.removeIf(waiter -> {
            if (waiter.seq() > upTo) {
                return false;
            }
            waiter.sender().send(Wire.ack(waiter.clientOpId(), waiter.seq(), waiter.time()));
            return true;
        });
    }

    /**
     * Applies an op entry at its sequence, as the owner, the persister and every client do; returns the message that
     * broadcasts it (and that the op log stores).
     */
    static String apply(ProjectDocument document, long seq, JsonNode entry, String entryText) {
        long time = entry.path("t").asLong();
        document.apply(entry.get("op"), time);
        return Wire.op(
                seq,
                Wire.epochOf(entry),
                entry.path("u").asText(),
                entry.path("i").asText(),
                time,
                Wire.opText(entryText));
    }

    /** The key an op is recognised by when its sender sends it again. */
    static String idOf(String user, String clientOpId) {
        return user + '\n' + clientOpId;
    }

    /** A member's role changed ({@code role} null: removed), as the log says. */
    void memberChanged(String user, String role) {
        for (Participant participant : waitingAndLocal()) {
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

    private void remember(Applied op) {
        recent.addLast(op);
        recentIds.put(op.id(), op.seq());
        while (recent.size() > window) {
            Applied oldest = recent.removeFirst();
            recentIds.remove(oldest.id(), oldest.seq());
            floor = oldest.seq();
            floorEpoch = oldest.epoch();
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
