package io.mashups.community.profile;

import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Public profiles: remembered from every caller's token, read by every feature that shows people. */
@ApplicationScoped
public class ProfileService {
    /** How long a replica trusts that a caller's profile is stored as their token says. */
    private static final Duration RECENT = Duration.ofMinutes(10);

    private static final int REMEMBERED_CALLERS = 100_000;

    private final Clock clock;
    private final Map<String, Claims> remembered = new ConcurrentHashMap<>();

    private record Claims(String name, String picture, long at) {
        boolean sameAs(Claims other) {
            return Objects.equals(name, other.name) && Objects.equals(picture, other.picture);
        }
    }

    public ProfileService(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records the caller (first seen now if new) with the name and picture their token gives, in the caller's
     * transaction: every community request starts with it, so a profile exists for whoever acts.
     */
    public Uni<Void> remember(Caller caller) {
        return remember(caller, clock.instant());
    }

    /** As {@link #remember(Caller)}, a new profile first seen at {@code now} (the instant the caller's rules read). */
    public Uni<Void> remember(Caller caller, Instant now) {
        return Panache.getSession()
                // untyped: Hibernate 7.2 caches a typed native query's interpretation anew on every execution
                .chain(session -> session.createNativeQuery(Profile.REMEMBER)
                        .setParameter(1, caller.id())
                        .setParameter(2, caller.name())
                        .setParameter(3, caller.picture())
                        .setParameter(4, now.atOffset(ZoneOffset.UTC))
                        .getSingleResult())
                .replaceWithVoid();
    }

    /**
     * As {@link #remember(Caller, Instant)} in a transaction of its own, unless this replica stored these very
     * claims of the caller in the last {@link #RECENT}: reads answered from memory then touch no table.
     */
    public Uni<Void> rememberRecent(Caller caller, Instant now) {
        Claims claims = new Claims(caller.name(), caller.picture(), System.nanoTime());
        Claims stored = remembered.get(caller.id());
        if (stored != null && stored.sameAs(claims) && claims.at() - stored.at() < RECENT.toNanos()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> remember(caller, now)).invoke(() -> {
            if (remembered.size() >= REMEMBERED_CALLERS) {
                remembered.clear();
            }
            remembered.put(caller.id(), claims);
        });
    }

    public Uni<ProfileView> get(Caller caller) {
        return Panache.withTransaction(() -> remember(caller)
                .chain(() -> Profile.<Profile>findById(caller.id()).map(ProfileView::of)));
    }

    public Uni<ProfileView> update(Caller caller, ProfilePatch patch) {
        String zone = patch.timeZone().strip();
        // region ids only (Europe/Paris, UTC): offsets and abbreviations are not IANA time zones
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            throw ProblemException.invalid(Map.of("timeZone", zone + " is not an IANA time zone"));
        }
        return Panache.withTransaction(() -> remember(caller)
                .chain(() -> Profile.<Profile>findById(caller.id()))
                .call(profile -> zone.equals(profile.timeZone)
                        ? Uni.createFrom().voidItem()
                        : Panache.getSession()
                                .chain(session -> session.createNativeQuery(
                                                "INSERT INTO profile_zones (user_id, since, "
                                                        + "time_zone) VALUES (?1, ?2, ?3) ON CONFLICT (user_id, since) DO UPDATE "
                                                        + "SET time_zone = excluded.time_zone")
                                        .setParameter(1, caller.id())
                                        .setParameter(2, OffsetDateTime.now(clock))
                                        .setParameter(3, zone)
                                        .executeUpdate()))
                .map(profile -> {
                    profile.timeZone = zone;
                    profile.updatedAt = OffsetDateTime.now(clock);
                    return ProfileView.of(profile);
                }));
    }

    /** The public faces of some users, by id (users never seen have no name or picture). */
    public Uni<Map<String, PublicUser>> publicUsers(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ids = List.copyOf(Set.copyOf(userIds));
        return Profile.<Profile>list("userId in ?1", ids).map(profiles -> {
            Map<String, Profile> byId = profiles.stream().collect(Collectors.toMap(p -> p.userId, Function.identity()));
            return ids.stream().collect(Collectors.toMap(id -> id, id -> PublicUser.of(id, byId.get(id))));
        });
    }
}
