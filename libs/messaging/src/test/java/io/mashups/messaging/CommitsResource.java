package io.mashups.messaging;

import io.mashups.events.EventCatalog;
import io.mashups.events.community.XpAwardedV1;
import io.mashups.messaging.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.stream.IntStream;

/** Commits a state change and its events in one transaction, as a service does. */
@Path("/test/commits")
public class CommitsResource {
    private final Outbox outbox;

    public CommitsResource(Outbox outbox) {
        this.outbox = outbox;
    }

    @POST
    @WithTransaction
    public Uni<Integer> commit(
            @QueryParam("subject") String subject,
            @QueryParam("events") int events,
            @QueryParam("fail") boolean fail,
            @QueryParam("together") boolean together) {
        List<XpAwardedV1> data = IntStream.range(0, events)
                .mapToObj(i -> new XpAwardedV1(subject, i + 1, "test", i + 1, 1, "test", null, java.time.Instant.EPOCH))
                .toList();
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("INSERT INTO commits (subject) VALUES (?1)")
                        .setParameter(1, subject)
                        .executeUpdate())
                .chain(() -> together
                        ? outbox.addAll(EventCatalog.XP_AWARDED, XpAwardedV1::userId, data)
                        : Multi.createFrom()
                                .iterable(data)
                                .onItem()
                                .transformToUniAndConcatenate(
                                        item -> outbox.add(EventCatalog.XP_AWARDED, subject, item))
                                .collect()
                                .asList())
                .map(list -> {
                    if (fail) {
                        throw new IllegalStateException("rolled back on purpose");
                    }
                    return list.size();
                });
    }
}
