package io.mashups.community.gamification;

import io.mashups.community.gamification.XpLog.Award;
import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.events.audio.MashupRenderedV1;
import io.mashups.events.studio.ProjectChangedV1;
import io.mashups.messaging.consumer.EventDelivery;
import io.mashups.messaging.consumer.EventHandler;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Creative actions from the other services: a mashup rendered for the first time is a mashup created (XP, the
 * first-mashup badge, the week's count, a creative day for its owner); a studio project's change is a studio session
 * of its owner (a creative day), and a project shared with others is each member's first collaboration.
 */
@ApplicationScoped
public class CreativeActivity implements EventHandler {
    private final EventDelivery delivery;
    private final XpLog log;
    private final Gamification gamification;

    public CreativeActivity(EventDelivery delivery, XpLog log, Gamification gamification) {
        this.delivery = delivery;
        this.log = log;
        this.gamification = gamification;
    }

    @Override
    public String name() {
        return "creative-activity";
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.MASHUP_RENDERED, EventCatalog.PROJECT_CHANGED);
    }

    @Incoming("creative-activity")
    Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        return delivery.apply(this, record);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        if (event.is(EventCatalog.MASHUP_RENDERED)) {
            return mashupCreated(event.dataAs(EventCatalog.MASHUP_RENDERED), event.time());
        }
        ProjectChangedV1 project = event.dataAs(EventCatalog.PROJECT_CHANGED);
        if (project.deleted() || project.ownerId() == null) {
            return Uni.createFrom().voidItem();
        }
        Instant at = project.changedAt() == null ? event.time() : project.changedAt();
        Uni<Void> collaboration = project.memberIds() == null
                        || project.memberIds().stream()
                                .filter(member -> !member.equals(project.ownerId()))
                                .findAny()
                                .isEmpty()
                ? Uni.createFrom().voidItem()
                : log.grant(Set.copyOf(project.memberIds()).stream()
                                .sorted()
                                .map(member -> new XpLog.Grant(
                                        member, Badge.FIRST_COLLABORATION, "project:" + project.projectId(), at))
                                .toList())
                        .replaceWithVoid();
        return gamification.creativeAction(project.ownerId(), at).chain(() -> collaboration);
    }

    private Uni<Void> mashupCreated(MashupRenderedV1 mashup, Instant at) {
        String owner = mashup.ownerId();
        return log.lock(owner, at)
                .chain(() -> log.zones(owner))
                .chain(zones -> log.award(new Award(
                                owner,
                                XpRule.MASHUP_CREATED,
                                XpRule.MASHUP_CREATED.xp(),
                                "mashup:" + mashup.mashupId(),
                                mashup.mashupId(),
                                zones.day(at),
                                at))
                        .chain(created -> !created
                                ? Uni.createFrom().voidItem()
                                : log.weekly(List.of(new XpLog.Week(owner, zones.week(at), 1, 0, 0)))
                                        .chain(() ->
                                                log.badge(owner, Badge.FIRST_MASHUP, "mashup:" + mashup.mashupId(), at))
                                        .chain(() -> log.creativeDay(owner, zones.day(at), at))));
    }
}
