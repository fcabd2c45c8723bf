package io.mashups.audio.remix;

import io.mashups.audio.mashup.Mashup;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Lineage over the remixes table and the mashups published from remix projects: up, the chain of mashups a mashup
 * descends from; down, the remixes begun from it. A remix shows to its remixer, to the owner of the mashup it took,
 * and to anyone who can see a mashup published from it; a published mashup shows to whoever may see it.
 */
@ApplicationScoped
public class LineageService {
    /** How far up and down a lineage is followed. */
    static final int MAX_DEPTH = 20;

    public Uni<LineageView> lineage(String userId, String mashupId) {
        return Panache.withSession(() -> Mashup.<Mashup>findById(mashupId).chain(mashup -> {
            if (mashup == null || !mashup.visibleTo(userId)) {
                throw ProblemException.notFound("Mashup", mashupId);
            }
            return ancestors(mashup, new ArrayList<>())
                    .chain(ancestors ->
                            remixes(userId, mashup, 0).map(remixes -> new LineageView(mashupId, ancestors, remixes)));
        }));
    }

    private static Uni<List<LineageView.Ancestor>> ancestors(Mashup mashup, List<LineageView.Ancestor> found) {
        if (mashup.projectId == null || found.size() >= MAX_DEPTH) {
            return Uni.createFrom().item(found);
        }
        return Remix.<Remix>findById(mashup.projectId).chain(remix -> {
            if (remix == null) {
                return Uni.createFrom().item(found);
            }
            found.add(new LineageView.Ancestor(
                    remix.mashupId, remix.sourceTitle, remix.sourceOwnerId, remix.id, RemixService.credit(remix)));
            return Mashup.<Mashup>findById(remix.mashupId)
                    .chain(parent -> parent == null ? Uni.createFrom().item(found) : ancestors(parent, found));
        });
    }

    private static Uni<List<LineageView.RemixNode>> remixes(String userId, Mashup mashup, int depth) {
        if (depth >= MAX_DEPTH) {
            return Uni.createFrom().item(List.of());
        }
        return Remix.<Remix>list("mashupId", Sort.by("createdAt").and("id"), mashup.id)
                .chain(remixes -> {
                    Uni<List<LineageView.RemixNode>> nodes = Uni.createFrom().item(new ArrayList<>());
                    for (Remix remix : remixes) {
                        nodes = nodes.chain(list -> published(userId, remix, depth)
                                .map(mashups -> {
                                    boolean shown = remix.remixerId.equals(userId)
                                            || mashup.ownerId.equals(userId)
                                            || !mashups.isEmpty();
                                    if (shown) {
                                        list.add(new LineageView.RemixNode(
                                                remix.id,
                                                remix.remixerId,
                                                remix.title,
                                                remix.createdAt,
                                                RemixService.credit(remix),
                                                mashups));
                                    }
                                    return list;
                                }));
                    }
                    return nodes;
                });
    }

    private static Uni<List<LineageView.Published>> published(String userId, Remix remix, int depth) {
        return Mashup.<Mashup>list("projectId", Sort.by("createdAt").and("id"), remix.id)
                .chain(mashups -> {
                    Uni<List<LineageView.Published>> found = Uni.createFrom().item(new ArrayList<>());
                    for (Mashup published : mashups) {
                        if (!published.visibleTo(userId)) {
                            continue;
                        }
                        found = found.chain(list -> remixes(userId, published, depth + 1)
                                .map(below -> {
                                    list.add(new LineageView.Published(
                                            published.id, published.title, published.ownerId, below));
                                    return list;
                                }));
                    }
                    return found;
                });
    }
}
