package io.mashups.analyticsingest.erasure;

import io.mashups.analyticsingest.IngestConfig;
import io.mashups.analyticsingest.capture.RawEvents;
import io.mashups.events.CloudEvent;
import io.mashups.events.analytics.AnalyticsEventV1;
import io.mashups.web.Hashes;
import io.mashups.web.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Erases a user from analytics: an erasure record per person (the user, each device they listened on signed out)
 * goes through the raw topic to the rollups, which take the person's contributions back and drop every entry they
 * keep of them; the devices' ids leave the capture's table of seen event ids. Recorded without the user's id.
 */
@ApplicationScoped
public class ErasureService {
    private final Pool pool;
    private final RawEvents raw;
    private final Duration rawRetention;

    public ErasureService(Pool pool, RawEvents raw, IngestConfig config) {
        this.pool = pool;
        this.raw = raw;
        this.rawRetention = config.rawRetention();
    }

    public Uni<Erasure> erase(String adminId, ErasureRequest request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        List<String> devices = request.deviceIds() == null
                ? List.of()
                : request.deviceIds().stream().distinct().toList();
        List<CloudEvent> records = new ArrayList<>();
        records.add(RawEvents.cloudEvent(
                AnalyticsEventV1.userErased(id.toString(), request.userId(), "erasure", now), now));
        devices.forEach(device ->
                records.add(RawEvents.cloudEvent(AnalyticsEventV1.userErased(id.toString(), null, device, now), now)));
        Erasure erasure = new Erasure(id, devices.size(), now, now.plus(rawRetention));
        return Uni.createFrom()
                .completionStage(() -> raw.writeToEveryPartition(records))
                // finding the partitions waits up to max.block.ms when the producer has no metadata: not on the loop
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure()
                .transform(failure -> ProblemException.unavailable(
                        "the erasure could not be recorded (" + failure.getMessage() + "); send it again"))
                .chain(() -> pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO erasures"
                                + " (id, user_hash, devices, requested_by, requested_at, raw_events_gone_by)"
                                + " VALUES ($1, $2, $3, $4, $5, $6)")
                        .execute(Tuple.of(
                                id,
                                Hashes.sha256Hex(request.userId()),
                                devices.size(),
                                adminId,
                                utc(now),
                                utc(erasure.rawEventsGoneBy())))
                        .chain(() -> tx.preparedQuery("DELETE FROM captured_events WHERE device_id = ANY($1)")
                                .execute(Tuple.of(devices.toArray(String[]::new))))))
                .replaceWith(erasure);
    }

    public Uni<Erasure> get(UUID id) {
        return pool.preparedQuery("SELECT id, devices, requested_at, raw_events_gone_by FROM erasures WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("erasure", id.toString());
                    }
                    Row row = rows.iterator().next();
                    return new Erasure(
                            row.getUUID(0),
                            row.getInteger(1),
                            row.getOffsetDateTime(2).toInstant(),
                            row.getOffsetDateTime(3).toInstant());
                });
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
