package io.mashups.analyticsingest.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.analyticsingest.IngestConfig;
import io.mashups.analyticsingest.capture.Agents.AgentClass;
import io.mashups.events.CloudEvent;
import io.mashups.events.analytics.AnalyticsEventV1;
import io.mashups.web.Hashes;
import io.mashups.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes a batch of client events: drops bots and devices sending faster than a person can, rejects malformed events
 * one by one, and for the rest, in one transaction, claims their ids (a repeat is a duplicate), enriches them and
 * writes them to Kafka; the claim commits only once Kafka has them all, so a failed write leaves nothing claimed and
 * the client's retry goes through.
 */
@ApplicationScoped
public class CaptureService {
    private static final long SESSION_SECONDS = 30 * 60;

    private final Pool pool;
    private final Agents agents;
    private final DeviceRates rates;
    private final RawEvents raw;
    private final IngestConfig.Capture config;
    private final Map<String, Counter> outcomes = new HashMap<>();

    public CaptureService(
            Pool pool, Agents agents, DeviceRates rates, RawEvents raw, IngestConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.agents = agents;
        this.rates = rates;
        this.raw = raw;
        this.config = config.capture();
        for (String outcome : List.of("accepted", "duplicate", "rejected", "bot", "rate")) {
            outcomes.put(outcome, metrics.counter("analytics.capture.events", "outcome", outcome));
        }
    }

    /** Who sent a batch, as the request says: the user when signed in, the agent, the ingress's country. */
    public record Sender(String userId, String userAgent, String country) {}

    public Uni<CaptureResult> capture(JsonNode body, Sender sender) {
        List<JsonNode> batch = batch(body);
        // parsing an unseen agent runs hundreds of regular expressions: not on the event loop
        return Uni.createFrom()
                .item(() -> sort(batch, sender, Instant.now()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(sorted ->
                        sorted.admitted.isEmpty() ? Uni.createFrom().item(sorted.result(0, 0)) : store(sorted, sender));
    }

    private List<JsonNode> batch(JsonNode body) {
        JsonNode events = body == null ? null : body.get("events");
        if (events == null || !events.isArray()) {
            throw ProblemException.badRequest("the body is {\"events\": [...]}, an array of events");
        }
        if (events.isEmpty() || events.size() > config.maxEvents()) {
            throw ProblemException.unprocessable(
                    "a batch holds 1 to " + config.maxEvents() + " events; this one has " + events.size());
        }
        List<JsonNode> batch = new ArrayList<>(events.size());
        events.forEach(batch::add);
        return batch;
    }

    /** A batch checked: the events to store, in order, and what became of the others. */
    private static final class Sorted {
        final List<IncomingEvent> admitted = new ArrayList<>();
        final List<CaptureResult.Rejected> rejected = new ArrayList<>();
        final Instant receivedAt;
        final String agentClass;
        int dropped;
        String droppedReason;

        Sorted(Instant receivedAt, String agentClass) {
            this.receivedAt = receivedAt;
            this.agentClass = agentClass;
        }

        CaptureResult result(int accepted, int duplicates) {
            return new CaptureResult(accepted, duplicates, dropped, droppedReason, List.copyOf(rejected));
        }
    }

    private Sorted sort(List<JsonNode> batch, Sender sender, Instant now) {
        AgentClass agent = agents.classify(sender.userAgent());
        Sorted sorted = new Sorted(now, agent.wire());
        if (agent == AgentClass.BOT) {
            sorted.dropped = batch.size();
            sorted.droppedReason = CaptureResult.BOT;
            outcomes.get("bot").increment(batch.size());
            return sorted;
        }
        Map<String, List<IncomingEvent>> byDevice = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            IncomingEvent.Read read = IncomingEvent.read(batch.get(i), now, config);
            if (read.rejection() != null) {
                sorted.rejected.add(new CaptureResult.Rejected(
                        i,
                        IncomingEvent.idOf(batch.get(i)),
                        read.rejection().reason(),
                        read.rejection().detail()));
            } else {
                byDevice.computeIfAbsent(read.event().deviceId(), device -> new ArrayList<>())
                        .add(read.event());
            }
        }
        outcomes.get("rejected").increment(sorted.rejected.size());
        byDevice.forEach((device, events) -> {
            int allowed = rates.admit(device, events.size());
            sorted.admitted.addAll(events.subList(0, allowed));
            if (allowed < events.size()) {
                sorted.dropped += events.size() - allowed;
                sorted.droppedReason = CaptureResult.RATE;
            }
        });
        outcomes.get("rate").increment(sorted.dropped);
        return sorted;
    }

    private Uni<CaptureResult> store(Sorted sorted, Sender sender) {
        return pool.withTransaction(tx -> claim(tx, sorted.admitted)
                        .chain(fresh -> owners(tx, fresh)
                                .chain(owners -> {
                                    List<CloudEvent> events = fresh.stream()
                                            .map(event -> cloudEvent(event, owners, sorted, sender))
                                            .toList();
                                    return Uni.createFrom().completionStage(() -> raw.write(events));
                                })
                                .replaceWith(fresh.size())))
                .onFailure(failure -> !(failure instanceof ProblemException))
                .transform(failure -> ProblemException.unavailable(
                        "the events could not be stored (" + failure.getMessage() + "); send the batch again"))
                .map(accepted -> {
                    int duplicates = sorted.admitted.size() - accepted;
                    outcomes.get("accepted").increment(accepted);
                    outcomes.get("duplicate").increment(duplicates);
                    return sorted.result(accepted, duplicates);
                });
    }

    /** The events whose ids this transaction claimed first: not seen before, first of their id in the batch. */
    private static Uni<List<IncomingEvent>> claim(SqlClient tx, List<IncomingEvent> events) {
        return tx.preparedQuery(
                        "INSERT INTO captured_events (device_id, event_id) "
                                + "SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING RETURNING device_id, event_id")
                .execute(Tuple.of(
                        events.stream().map(IncomingEvent::deviceId).toArray(String[]::new),
                        events.stream().map(IncomingEvent::id).toArray(String[]::new)))
                .map(rows -> {
                    Set<String> claimed = new HashSet<>();
                    rows.forEach(row -> claimed.add(row.getString(0) + "/" + row.getString(1)));
                    List<IncomingEvent> fresh = new ArrayList<>();
                    for (IncomingEvent event : events) {
                        if (claimed.remove(event.deviceId() + "/" + event.id())) {
                            fresh.add(event);
                        }
                    }
                    return fresh;
                });
    }

    /** The creators of the mashups the events are about, as the shared mashup projection knows them. */
    private static Uni<Map<String, String>> owners(SqlClient tx, List<IncomingEvent> events) {
        String[] mashups = events.stream()
                .map(IncomingEvent::mashupId)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toArray(String[]::new);
        if (mashups.length == 0) {
            return Uni.createFrom().item(Map.of());
        }
        return tx.preparedQuery("SELECT id, owner_id FROM known_mashups WHERE id = ANY($1)")
                .execute(Tuple.of(mashups))
                .map(rows -> {
                    Map<String, String> owners = new HashMap<>();
                    rows.forEach(row -> owners.put(row.getString(0), row.getString(1)));
                    return owners;
                });
    }

    private static CloudEvent cloudEvent(
            IncomingEvent event, Map<String, String> owners, Sorted sorted, Sender sender) {
        // a mashup's creator is who the projection says owns it, never what a client claims
        String creator = event.mashupId() != null ? owners.get(event.mashupId()) : event.creatorId();
        AnalyticsEventV1 data = new AnalyticsEventV1(
                event.id(),
                event.type(),
                event.mashupId(),
                creator,
                sender.userId(),
                event.deviceId(),
                event.sessionId() != null ? event.sessionId() : derivedSession(event.deviceId(), sorted.receivedAt),
                event.positionSec(),
                event.trackLengthSec(),
                event.platform(),
                event.source() != null
                        ? event.source()
                        : (event.referrerHost() != null ? event.referrerHost() : "direct"),
                event.referrerHost(),
                sender.country(),
                sorted.agentClass,
                event.tier(),
                event.clientTime(),
                sorted.receivedAt);
        return RawEvents.cloudEvent(data, sorted.receivedAt);
    }

    /** A session for clients that name none: the device's half hour. */
    private static String derivedSession(String deviceId, Instant at) {
        return "d-"
                + Hashes.sha256Hex(deviceId + "|" + at.getEpochSecond() / SESSION_SECONDS)
                        .substring(0, 16);
    }
}
