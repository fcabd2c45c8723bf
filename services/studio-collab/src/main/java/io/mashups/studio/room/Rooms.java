package io.mashups.studio.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mashups.messaging.KafkaClients;
import io.mashups.studio.StudioConfig;
import io.mashups.studio.document.OpRejected;
import io.mashups.studio.document.ProjectDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * The rooms this replica owns (Kafka gave it their room log partitions), and relays for sockets of other replicas'
 * rooms. Clients' messages are checked here (role, size, rate, shape) and handed to the rooms' thread, where each room
 * orders, applies and broadcasts its ops at once and appends them to the log; a sender's ack waits until the log has
 * its op. A room opens when its first client joins (stored state, then the committed log not yet stored), is
 * forgotten a while after its last one leaves, and is closed (clients told to reconnect) when its partition moves to
 * another replica or its ops could not be written.
 */
@ApplicationScoped
public class Rooms {
    private static final Logger LOG = Logger.getLogger(Rooms.class);
    /** Seconds without a touch after which a session counts as gone. */
    public static final long SESSION_STALE_SECONDS = 90;

    /** Close code: the room moved to another replica (or has none for now); reconnect with {@code since}. */
    static final int MOVED = 4503;

    private static final String ROOM_MOVED = "the room moved to another replica; reconnect";
    private static final String COULD_NOT_OPEN = "the studio could not open this project; try again";
    private static final String MUST_RELOAD = "the studio has to load this project again; reconnect";
    private static final String NOT_WRITTEN = "the room log did not take the latest ops; reconnect";

    private static final int FORWARDED_FRAME_BYTES = 64 * 1024 * 1024;

    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final KafkaClients kafka;
    private final StudioConfig.Rooms config;
    private final RoomStore store;
    private final ManagedExecutor workers;
    private final Vertx vertx;
    private final Map<String, Participant> participants = new ConcurrentHashMap<>();
    /** Clients of rooms other replicas own, passed on to them. */
    private final Map<String, Relay> relays = new ConcurrentHashMap<>();
    /** Rooms' thread only. */
    private final Map<String, Room> rooms = new HashMap<>();

    private RoomLog log;
    private RoomThread thread;
    private Outgoing outgoing;
    private WebSocketClient sockets;
    private long lastSessionTouch = System.nanoTime();

    private final Counter applied;
    private final Counter refused;
    private final Counter entries;
    private final AtomicInteger open = new AtomicInteger();

    public Rooms(
            KafkaClients kafka,
            StudioConfig config,
            RoomStore store,
            ManagedExecutor workers,
            Vertx vertx,
            MeterRegistry metrics) {
        this.kafka = kafka;
        this.config = config.rooms();
        this.store = store;
        this.workers = workers;
        this.vertx = vertx;
        this.entries = metrics.counter("studio.room_log.entries");
        this.applied = metrics.counter("studio.ops.applied");
        this.refused = metrics.counter("studio.ops.refused");
        metrics.gauge("studio.rooms.open", open);
        metrics.gaugeMapSize("studio.connections", java.util.List.of(), participants);
        metrics.gaugeMapSize("studio.connections.forwarded", java.util.List.of(), relays);
    }

    /** Before messaging starts (priority 1000): the room log store's channel subscribes to the topic created here. */
    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 1) StartupEvent event) {
        outgoing = new Outgoing(() -> thread.isCurrent());
        thread = new RoomThread(outgoing::flush, this::housekeeping);
        log = new RoomLog(kafka, config);
        // the owner's frames: gathered messages of 32 KiB, and an init with a whole document
        sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(FORWARDED_FRAME_BYTES)
                .setMaxMessageSize(FORWARDED_FRAME_BYTES));
        log.start(this::onEntry, new Written(), partitions -> thread.await(() -> released(partitions)));
    }

    void stop(@Observes ShutdownEvent event) {
        if (log != null) {
            log.close();
        }
        if (thread != null) {
            thread.close();
        }
    }

    /** The room log topic's id: positions stored for another topic of the same name do not count. */
    String topicId() {
        return log.topicId();
    }

    // ---- from the WebSocket (event loop) ----

    /**
     * A socket has opened (on its event loop): its room is served here if this replica owns it, or by its owner
     * through a {@link Relay}. A socket another replica forwarded here for a room this one does not own (it moved
     * meanwhile) is closed with {@link #MOVED}, and that replica looks for the owner again.
     */
    void open(WebSocketConnection connection, String userId, String role, long since, long epoch) {
        String projectId = connection.pathParam("projectId");
        if (log.owns(projectId)) {
            join(participant(connection, userId, role, since, epoch));
        } else if (connection.handshakeRequest().header(Relay.FORWARDED) != null) {
            connection.close(new CloseReason(MOVED, ROOM_MOVED)).subscribe().with(closed -> {}, failure -> {});
        } else {
            Relay relay = new Relay(
                    connection, projectId, log::owner, workers, sockets, node, () -> log.owns(projectId), early -> {
                        // on the connection's event loop, like its close: gone from relays means it has left
                        if (relays.remove(connection.id()) != null) {
                            join(participant(connection, userId, role, since, epoch));
                            early.forEach(text -> receive(connection.id(), text));
                        }
                    });
            relays.put(relay.id(), relay);
            relay.start();
        }
    }

    private Participant participant(
            WebSocketConnection connection, String userId, String role, long since, long epoch) {
        return new Participant(
                connection,
                connection.pathParam("projectId"),
                userId,
                role,
                since,
                epoch,
                new FloodGuard(config.messagesPerSecond(), config.burst(), config.floodClose()),
                outgoing);
    }

    private void join(Participant participant) {
        participants.put(participant.id(), participant);
        thread.execute(() -> {
            Room room = rooms.get(participant.projectId());
            if (room == null && log.appender(participant.projectId()) == null) {
                // the room moved between the socket's opening and now
                turnAway(participant, MOVED, "moved", ROOM_MOVED);
                return;
            }
            if (room == null) {
                try {
                    room = open(participant.projectId());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "room %s could not be opened", participant.projectId());
                    turnAway(participant, 1011, "unavailable", COULD_NOT_OPEN);
                    return;
                }
            }
            if (room.ready()) {
                admit(room, participant);
            } else {
                room.await(participant);
            }
        });
    }

    void leave(String connectionId) {
        Relay relay = relays.remove(connectionId);
        if (relay != null) {
            relay.clientClosed();
            return;
        }
        Participant participant = participants.remove(connectionId);
        if (participant == null) {
            return;
        }
        thread.execute(() -> {
            Room room = rooms.get(participant.projectId());
            if (room != null) {
                room.leave(connectionId);
            }
        });
        store.sessionClosed(connectionId)
                .subscribe()
                .with(done -> {}, e -> LOG.warnf("session %s not closed: %s", connectionId, e.getMessage()));
    }

    /** One text message from a client. */
    void receive(String connectionId, String text) {
        Participant participant = participants.get(connectionId);
        if (participant == null) {
            Relay relay = relays.get(connectionId);
            if (relay != null) {
                relay.fromClient(text);
            }
            return;
        }
        switch (participant.guard().admit()) {
            case ACCEPT -> {}
            case REFUSE_QUIETLY -> {
                return;
            }
            case REFUSE_AND_WARN -> {
                participant.send(Wire.error(
                        "rate-limited",
                        "more than " + config.messagesPerSecond() + " messages a second: messages are being dropped",
                        null));
                return;
            }
            case CLOSE -> {
                participant.close(1008, "flooding");
                return;
            }
        }
        if (text == null) {
            participant.send(Wire.error("malformed", "the studio speaks JSON text messages, not binary ones", null));
            return;
        }
        if (text.length() > config.maxMessageBytes()
                || (text.length() * 3L > config.maxMessageBytes()
                        && text.getBytes(StandardCharsets.UTF_8).length > config.maxMessageBytes())) {
            participant.send(
                    Wire.error("too-large", "messages are limited to " + config.maxMessageBytes() + " bytes", null));
            return;
        }
        JsonNode message = Wire.parse(text);
        if (message == null || !message.isObject() || !message.path("type").isTextual()) {
            participant.send(Wire.error("malformed", "a message is a JSON object with a \"type\"", null));
            return;
        }
        switch (message.get("type").asText()) {
            case "op", "operation" -> op(participant, message);
            case "transport" -> op(participant, transportOp(message));
            case "presence", "cursor" -> presence(participant, message);
            case "ping" -> participant.send(Wire.pong(message.get("t")));
            default ->
                participant.send(Wire.error(
                        "unknown-type",
                        "unknown message type \"" + message.get("type").asText()
                                + "\"; expected op, transport, presence or ping",
                        null));
        }
    }

    private void op(Participant participant, JsonNode message) {
        String clientOpId = message.path("clientOpId").isTextual()
                ? message.get("clientOpId").asText()
                : null;
        if (clientOpId == null || clientOpId.isEmpty() || clientOpId.length() > 64) {
            participant.send(Wire.error(OpRejected.INVALID, "an op needs a clientOpId (1-64 characters)", null));
            return;
        }
        if (!participant.mayEdit()) {
            participant.send(Wire.error("forbidden", "viewers cannot change the project", clientOpId));
            return;
        }
        JsonNode op = message.get("op");
        if (op == null || !op.isObject() || !op.path("kind").isTextual()) {
            participant.send(Wire.error(
                    OpRejected.INVALID, "an op message carries an \"op\" object with a \"kind\"", clientOpId));
            return;
        }
        long lastSeq = message.path("lastSeq").asLong(-1);
        thread.execute(() -> order(participant, clientOpId, op, lastSeq));
    }

    /** An op reaches its room (rooms' thread): ordered now, or once its sender is let in. */
    private void order(Participant participant, String clientOpId, JsonNode op, long lastSeq) {
        Room room = rooms.get(participant.projectId());
        if (room == null || !participants.containsKey(participant.id())) {
            // the room closed (its clients are being sent away) or the sender left
            return;
        }
        if (room.isWaiting(participant)) {
            room.afterLoading(() -> order(participant, clientOpId, op, lastSeq));
            return;
        }
        try {
            room.op(participant, clientOpId, op, lastSeq);
        } catch (RuntimeException e) {
            // the document may be half-way through the op: its clients come back to a room loaded afresh
            LOG.errorf(e, "room %s failed on an op; closing it", room.projectId());
            close(room, 1011, "unavailable", MUST_RELOAD);
        }
    }

    /** {@code {type: transport, action, positionSec?, loop?}} is the op {@code {kind: transport, ...}}. */
    private static JsonNode transportOp(JsonNode message) {
        ObjectNode op = ((ObjectNode) message).deepCopy();
        op.remove(List.of("type", "clientOpId", "lastSeq"));
        op.put("kind", "transport");
        ObjectNode wrapped = Wire.object();
        wrapped.set("clientOpId", message.get("clientOpId"));
        wrapped.set("lastSeq", message.get("lastSeq"));
        wrapped.set("op", op);
        return wrapped;
    }

    private void presence(Participant participant, JsonNode message) {
        ObjectNode presence;
        try {
            presence = Presence.read(message);
        } catch (Presence.Invalid e) {
            participant.send(Wire.error("invalid-presence", e.getMessage(), null));
            return;
        }
        // the room's clients are all here (its owner): presence goes to them without the log
        thread.execute(() -> {
            Room room = rooms.get(participant.projectId());
            if (room != null && room.ready()) {
                room.presence(participant.id(), presence);
            }
        });
    }

    // ---- from the REST API: the owner hears it through the log ----

    public void projectDeleted(String projectId) {
        log.append(projectId, Wire.write(Wire.object().put("k", Wire.DELETED)));
    }

    /** A member's role changed ({@code role} null: they were removed). */
    public void memberChanged(String projectId, String userId, String role) {
        log.append(
                projectId,
                Wire.write(Wire.object().put("k", Wire.MEMBER).put("u", userId).put("r", role)));
    }

    // ---- rooms' thread ----

    /** Kafka gave these partitions to another replica: their rooms' clients reconnect and reach it. */
    private void released(Set<Integer> partitions) {
        for (Room room : List.copyOf(rooms.values())) {
            if (partitions.contains(log.partitionOf(room.projectId()))) {
                close(room, MOVED, "moved", ROOM_MOVED);
            }
        }
    }

    /** An entry of an owned partition (reader thread): others' entries go to the room; the owner's own ops are done. */
    private void onEntry(ConsumerRecord<String, byte[]> record) {
        entries.increment();
        if (RoomLog.isOp(record) || record.value() == null) {
            return;
        }
        JsonNode entry = Wire.parse(new String(record.value(), StandardCharsets.UTF_8));
        if (entry != null) {
            thread.execute(() -> onEntry(record.key(), entry));
        }
    }

    private void onEntry(String projectId, JsonNode entry) {
        Room room = rooms.get(projectId);
        if (room == null) {
            return;
        }
        switch (entry.path("k").asText()) {
            case Wire.DELETED -> close(room, 4404, "not-found", "the project was deleted");
            case Wire.MEMBER ->
                room.memberChanged(
                        entry.path("u").asText(),
                        entry.path("r").isTextual() ? entry.get("r").asText() : null);
            default -> {
                // ops of owners from before ops carried their kind in a header (the room has them: they were committed
                // before it opened), presence of older replicas, unknown kinds of newer ones
            }
        }
    }

    /** What the appenders report, handed to the rooms' thread. */
    private final class Written implements Appender.Outcome {
        @Override
        public void committed(Map<Room, Long> upTo) {
            thread.execute(() -> upTo.forEach(Room::committed));
        }

        @Override
        public void failed(Appender appender, int generation, boolean fenced) {
            thread.execute(() -> {
                for (Room room : List.copyOf(rooms.values())) {
                    if (room.appender() == appender && room.generation() == generation) {
                        if (fenced) {
                            close(room, MOVED, "moved", ROOM_MOVED);
                        } else {
                            close(room, 1011, "unavailable", NOT_WRITTEN);
                        }
                    }
                }
            });
        }
    }

    private Room open(String projectId) {
        Appender appender = log.appender(projectId);
        int partition = log.partitionOf(projectId);
        Room room =
                new Room(projectId, config.catchUpWindow(), entry -> log.opRecord(projectId, entry), applied, refused);
        rooms.put(projectId, room);
        open.set(rooms.size());
        // the appender has fenced the previous owner first: the log then holds every op that owner committed
        Uni.createFrom()
                .completionStage(appender.ready())
                .chain(generation -> store.load(
                                projectId, log.topic(), log.topicId(), partition, config.catchUpWindow())
                        .emitOn(workers)
                        .map(stored -> stored.exists() ? restore(projectId, stored) : null)
                        .map(restored -> restored == null ? null : new Opening(restored, generation)))
                .subscribe()
                .with(opening -> thread.execute(() -> opened(room, appender, opening)), failure -> {
                    LOG.errorf(failure, "room %s could not be loaded", projectId);
                    thread.execute(() -> opened(room, appender, null));
                });
        return room;
    }

    private record Opening(Room.Restored restored, int generation) {}

    /** The stored state plus the committed ops the log has and Postgres not yet: the room as the log has it. */
    private Room.Restored restore(String projectId, RoomStore.Stored stored) {
        ProjectDocument document = stored.document();
        long seq = stored.seq();
        List<Room.Applied> recent = new ArrayList<>(stored.tail());
        long floor = stored.snapshotSeq() == Room.NOTHING ? Room.NOTHING : Room.UNKNOWN;
        long floorEpoch = Room.FIRST_EPOCH;
        if (recent.size() > config.catchUpWindow()) {
            Room.Applied oldest = recent.remove(0);
            floor = oldest.seq();
            floorEpoch = oldest.epoch();
        }
        // the tail is read after the ops: what the persister stored in between is read from the log below, once
        recent.removeIf(applied -> applied.seq() > stored.seq());
        long from = stored.storedUpTo() != null ? stored.storedUpTo() : 0;
        int fromLog = 0;
        for (ConsumerRecord<String, String> record : log.read(projectId, from)) {
            JsonNode entry = Wire.parse(record.value());
            if (entry == null || !Wire.OP.equals(entry.path("k").asText())) {
                continue;
            }
            long opSeq = Wire.seqOf(entry, record.offset());
            if (opSeq <= seq) {
                continue;
            }
            try {
                recent.add(Room.Applied.of(opSeq, Room.apply(document, opSeq, entry, record.value())));
                seq = opSeq;
                fromLog++;
            } catch (OpRejected rejected) {
                // refused everywhere alike (only entries of older owners, which logged ops before applying them)
            }
        }
        // rooms open rarely; how one was put together is what explains a replica that disagrees with the others
        LOG.infof(
                "room %s opened at %d: snapshot %d, %d stored ops up to %d (partition stored up to %d), %d ops from the log",
                projectId, seq, stored.snapshotSeq(), stored.replay().size(), stored.seq(), from, fromLog);
        return new Room.Restored(document, seq, recent, floor, floorEpoch);
    }

    private void opened(Room room, Appender appender, Opening opening) {
        if (rooms.get(room.projectId()) != room) {
            return;
        }
        if (opening == null) {
            close(room, 1011, "unavailable", COULD_NOT_OPEN);
            return;
        }
        long epoch = ThreadLocalRandom.current().nextLong(1, EPOCHS);
        for (Participant participant : room.loaded(opening.restored(), appender, opening.generation(), epoch)) {
            admit(room, participant);
        }
        room.takeDeferred().forEach(Runnable::run);
    }

    /** Epochs are drawn below 2^48, exact in every client's numbers (JavaScript's too). */
    private static final long EPOCHS = 1L << 48;

    /** Forgets a room and sends its participants (waiting or in) away with an error and a close code. */
    private void close(Room room, int closeCode, String errorCode, String why) {
        rooms.remove(room.projectId());
        open.set(rooms.size());
        for (Participant participant : room.waitingAndLocal()) {
            turnAway(participant, closeCode, errorCode, why);
        }
    }

    /** An error saying why, then the close code (the error still arrives: the close waits for what is queued). */
    private static void turnAway(Participant participant, int closeCode, String errorCode, String why) {
        participant.send(Wire.error(errorCode, why, null));
        participant.close(closeCode, why);
    }

    private void admit(Room room, Participant participant) {
        if (!participants.containsKey(participant.id())) {
            return;
        }
        room.admit(participant);
        store.sessionOpened(participant, node)
                .subscribe()
                .with(done -> {}, e -> LOG.warnf("session not stored: %s", e.getMessage()));
    }

    private void housekeeping() {
        long idle = config.idleUnload().toNanos();
        rooms.values().removeIf(room -> room.idleLongerThan(idle));
        open.set(rooms.size());
        if (System.nanoTime() - lastSessionTouch > config.sessionTouch().toNanos()) {
            lastSessionTouch = System.nanoTime();
            List<String> ids = new ArrayList<>();
            List<String> cursors = new ArrayList<>();
            rooms.values()
                    .forEach(room -> room.localPeers().forEach(peer -> {
                        ids.add(peer.connection());
                        cursors.add(peer.presence() == null ? null : Wire.write(peer.presence()));
                    }));
            store.sessionsActive(ids, cursors)
                    .subscribe()
                    .with(done -> {}, e -> LOG.warnf("sessions not touched: %s", e.getMessage()));
        }
    }
}
