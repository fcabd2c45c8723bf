package io.mashups.community.mashup;

import io.mashups.community.profile.Caller;
import io.mashups.messaging.mashups.KnownMashup;
import io.mashups.web.ProblemException;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What battles and challenges take: the caller's own live mashup, readable by others, not blocked by Content ID. */
public final class EnterableMashups {
    private EnterableMashups() {}

    /** The mashup, or the problem that keeps it out (404 unknown or unreadable, 403 not theirs, 422 private or blocked). */
    public static Uni<KnownMashup> ofCaller(Caller caller, String mashupId) {
        return KnownMashup.live(mashupId).map(mashup -> {
            if (mashup == null || !mashup.readableBy(caller.id())) {
                throw ProblemException.notFound("mashup", mashupId);
            }
            if (!mashup.ownedBy(caller.id())) {
                throw ProblemException.forbidden("only its owner may enter a mashup");
            }
            if (!mashup.visibility.readableByOthers()) {
                throw ProblemException.unprocessable(
                        "a private mashup cannot be entered: make it public or unlisted first");
            }
            if (mashup.blocked()) {
                throw ProblemException.unprocessable("Content ID blocked this mashup");
            }
            return mashup;
        });
    }

    /** The known mashups of some ids (unknown ones are missing from the map). */
    public static Uni<Map<String, KnownMashup>> byId(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return KnownMashup.<KnownMashup>list("id in ?1", List.copyOf(Set.copyOf(ids)))
                .map(found -> found.stream().collect(Collectors.toMap(m -> m.id, Function.identity())));
    }
}
