package io.mashups.studio.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mashups.events.EventCatalog;
import io.mashups.events.audio.RemixStartedV1;
import io.mashups.events.studio.ProjectChangedV1;
import io.mashups.events.studio.ProjectPublishedV1;
import io.mashups.json.Json;
import io.mashups.messaging.entitlements.Entitlements;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.studio.document.OpRejected;
import io.mashups.studio.document.ProjectDocument;
import io.mashups.studio.remix.RemixDocument;
import io.mashups.studio.room.RoomStore;
import io.mashups.studio.room.Rooms;
import io.mashups.web.PageQuery;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Projects and their members. Non-members get 404 (they must not learn a project exists); members without the
 * right role get 403. Every change is announced as {@code studio.project-changed} in its transaction.
 */
@ApplicationScoped
public class ProjectService {
    static final String UPGRADE_PATH = "/api/billing/checkout";
    private static final ObjectMapper JSON = Json.mapper();

    private final Outbox outbox;
    private final Entitlements entitlements;
    private final RoomStore rooms;

    public ProjectService(Outbox outbox, Entitlements entitlements, RoomStore rooms) {
        this.outbox = outbox;
        this.entitlements = entitlements;
        this.rooms = rooms;
    }

    public Uni<ProjectView> create(String userId, ProjectDraft draft) {
        ProjectDocument document;
        try {
            document =
                    draft.document() != null ? ProjectDocument.fromSnapshot(draft.document()) : new ProjectDocument();
        } catch (OpRejected rejected) {
            throw ProblemException.invalid(Map.of("document", rejected.getMessage()));
        }
        Project project = new Project();
        project.id = UUID.randomUUID().toString();
        project.ownerId = userId;
        project.title = draft.title().strip();
        project.bpm = draft.bpm() != null ? draft.bpm() : 120;
        project.musicalKey = draft.key();
        project.document = document.view().toString();
        project.sequence = -1; // no op yet (ops are numbered from 0 by the room log)
        project.createdAt = OffsetDateTime.now();
        project.updatedAt = project.createdAt;
        return Panache.withTransaction(() -> persistNew(project, document)).map(saved -> view(project, Member.OWNER));
    }

    /**
     * The project of a remix begun in audio-pipeline: the remixer's, with the mashup's stems as tracks and where it
     * came from. Once only: a redelivered event finds it made.
     */
    public Uni<Void> createRemix(RemixStartedV1 remix) {
        return Project.<Project>findById(remix.remixId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            ProjectDocument document = ProjectDocument.fromSnapshot(RemixDocument.of(remix));
            Project project = new Project();
            project.id = remix.remixId();
            project.ownerId = remix.remixerId();
            project.title = remix.title();
            project.bpm = remix.bpm();
            project.musicalKey = remix.key();
            project.document = document.view().toString();
            project.remix = JSON.createObjectNode()
                    .put("mashupId", remix.mashupId())
                    .put("commercial", remix.commercial())
                    .<ObjectNode>set("licence", JSON.valueToTree(remix.licence()))
                    .set("credit", JSON.valueToTree(remix.credit()))
                    .toString();
            project.sequence = -1;
            project.createdAt = OffsetDateTime.now();
            project.updatedAt = project.createdAt;
            return persistNew(project, document).replaceWithVoid();
        });
    }

    /** A new project, its owner, its room's first snapshot, announced; in the caller's transaction. */
    private Uni<Project> persistNew(Project project, ProjectDocument document) {
        Member owner = member(project.id, project.ownerId, Member.OWNER, null);
        return project.<Project>persist()
                .chain(() -> owner.persist())
                .chain(() -> Panache.flush())
                .chain(() -> Panache.getSession())
                .chain(session -> session.createNativeQuery(RoomStore.INITIAL_SNAPSHOT)
                        .setParameter(1, project.id)
                        .setParameter(2, document.snapshot().toString())
                        .executeUpdate())
                .chain(() -> announce(project, false));
    }

    /** The projects the user is a member of, most recently joined first. */
    public Uni<List<ProjectView>> list(String userId, PageQuery paging) {
        return Panache.withSession(() -> Member.<Member>find("userId", Sort.descending("createdAt"), userId)
                .page(Page.of(paging.index(), paging.size))
                .list()
                .chain(memberships -> memberships.isEmpty()
                        ? Uni.createFrom().item(List.<ProjectView>of())
                        : Project.<Project>list(
                                        "id in ?1",
                                        memberships.stream()
                                                .map(m -> m.projectId)
                                                .toList())
                                .map(projects -> {
                                    Map<String, Project> byId =
                                            projects.stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
                                    return memberships.stream()
                                            .filter(m -> byId.containsKey(m.projectId))
                                            .map(m -> view(byId.get(m.projectId), m.role))
                                            .toList();
                                })));
    }

    public Uni<ProjectView> get(String userId, String projectId) {
        return Panache.withSession(() -> membership(userId, projectId)
                .chain(member -> Project.<Project>findById(projectId).map(project -> view(project, member.role))));
    }

    public Uni<ProjectView> update(String userId, String projectId, ProjectPatch patch) {
        return Panache.withTransaction(() -> membership(userId, projectId).chain(member -> {
            if (!member.mayEdit()) {
                throw ProblemException.forbidden("Viewers cannot change the project");
            }
            return Project.<Project>findById(projectId, LockModeType.PESSIMISTIC_WRITE)
                    .chain(project -> {
                        if (patch.title() != null) {
                            project.title = patch.title().strip();
                        }
                        if (patch.bpm() != null) {
                            project.bpm = patch.bpm();
                        }
                        if (patch.key() != null) {
                            project.musicalKey = patch.key();
                        }
                        project.updatedAt = OffsetDateTime.now();
                        return announce(project, false).map(saved -> view(project, member.role));
                    });
        }));
    }

    public Uni<Void> delete(String userId, String projectId) {
        return Panache.withTransaction(() -> owned(userId, projectId)
                .chain(project -> announce(project, true).chain(() -> project.delete())));
    }

    /**
     * The owner publishes the project: audio-pipeline renders its document as stored (the studio stores it at most a
     * debounce after the last edit). {@code atLeast}: the sequence the owner's client has seen; 409 while the stored
     * document is older.
     */
    public Uni<Publication> publish(String userId, String projectId, Long atLeast) {
        return Panache.withTransaction(() -> owned(userId, projectId).chain(project -> {
            if (atLeast != null && project.sequence < atLeast) {
                throw ProblemException.conflict("The project is still being saved (at op " + project.sequence + " of "
                        + atLeast + "); publish again in a moment");
            }
            return outbox.add(
                            EventCatalog.PROJECT_PUBLISHED,
                            project.id,
                            new ProjectPublishedV1(
                                    project.id,
                                    project.ownerId,
                                    project.title,
                                    project.bpm,
                                    project.musicalKey,
                                    project.sequence,
                                    json(project.document),
                                    Instant.now()))
                    .replaceWith(new Publication(project.id, project.sequence, "rendering"));
        }));
    }

    /** Adds or changes a member; collaboration needs a plan that includes it (402 otherwise). */
    public Uni<List<Collaborator>> invite(String userId, String projectId, Invitation invitation) {
        String role = invitation.role() == null ? Member.EDITOR : invitation.role();
        if (invitation.userId().equals(userId)) {
            throw ProblemException.invalid(Map.of("userId", "is you: the owner is already a member"));
        }
        return Panache.withTransaction(() -> owned(userId, projectId)
                        .chain(project -> entitlements.of(userId).chain(plan -> {
                            if (!plan.limits().collaboration()) {
                                throw ProblemException.limitReached(
                                        "collaboration",
                                        null,
                                        0,
                                        plan.tier().name().toLowerCase(),
                                        UPGRADE_PATH);
                            }
                            return Member.<Member>find("projectId = ?1 and userId = ?2", projectId, invitation.userId())
                                    .firstResult()
                                    .chain(existing -> {
                                        if (existing != null) {
                                            existing.role = role;
                                            return Uni.createFrom().item(existing);
                                        }
                                        return member(projectId, invitation.userId(), role, userId)
                                                .persist();
                                    })
                                    .chain(() -> announce(project, false));
                        })))
                .chain(() -> collaborators(userId, projectId));
    }

    /** The owner removes a member, or a member leaves; the owner cannot be removed. */
    public Uni<Void> removeMember(String userId, String projectId, String memberId) {
        return Panache.withTransaction(() -> membership(userId, projectId).chain(caller -> {
                    if (!caller.userId.equals(memberId) && !Member.OWNER.equals(caller.role)) {
                        throw ProblemException.forbidden("Only the owner removes other members");
                    }
                    return Member.<Member>find("projectId = ?1 and userId = ?2", projectId, memberId)
                            .firstResult()
                            .chain(member -> {
                                if (member == null) {
                                    throw ProblemException.notFound("Member", memberId);
                                }
                                if (Member.OWNER.equals(member.role)) {
                                    throw ProblemException.conflict(
                                            "The owner cannot leave the project; delete it instead");
                                }
                                return member.delete()
                                        .chain(() -> Project.<Project>findById(projectId))
                                        .chain(project -> announce(project, false));
                            });
                }))
                .replaceWithVoid();
    }

    /** Members with their names, pictures, roles and whether they are in the studio now (on any replica). */
    public Uni<List<Collaborator>> collaborators(String userId, String projectId) {
        return Panache.withSession(() -> membership(userId, projectId)
                        .chain(caller -> Member.<Member>find("projectId", Sort.ascending("createdAt"), projectId)
                                .list())
                        .chain(members -> UserProfile.<UserProfile>list(
                                        "userId in ?1",
                                        members.stream().map(m -> m.userId).toList())
                                .map(profiles -> Map.entry(
                                        members, profiles.stream().collect(Collectors.toMap(p -> p.userId, p -> p))))))
                .chain(found -> rooms.online(projectId, Rooms.SESSION_STALE_SECONDS)
                        .map(online -> found.getKey().stream()
                                .map(m -> collaborator(
                                        m,
                                        found.getValue().get(m.userId),
                                        online.containsKey(m.userId),
                                        online.get(m.userId)))
                                .toList()));
    }

    private static Collaborator collaborator(Member member, UserProfile profile, boolean online, String presence) {
        JsonNode last = presence == null ? null : json(presence);
        return new Collaborator(
                member.userId,
                profile == null ? null : profile.name,
                profile == null ? null : profile.avatar,
                Collaborator.colourOf(member.userId),
                last == null || !last.hasNonNull("cursor") ? null : last.get("cursor"),
                member.role,
                online,
                last);
    }

    /** Keeps the name and picture the user's token gives, to show them to their collaborators. */
    public Uni<Void> rememberProfile(String userId, String name, String avatar) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(UserProfile.REMEMBER)
                        .setParameter(1, userId)
                        .setParameter(2, name)
                        .setParameter(3, avatar)
                        .executeUpdate())
                .replaceWithVoid());
    }

    /** The studio's document as of {@code sequence}, stored on the project and announced (debounced by the caller). */
    public Uni<Void> documentChanged(String projectId, String view, long sequence) {
        return Panache.withTransaction(() -> Project.<Project>findById(projectId, LockModeType.PESSIMISTIC_WRITE)
                .chain(project -> {
                    if (project == null || project.sequence >= sequence) {
                        return Uni.createFrom().voidItem();
                    }
                    project.document = view;
                    project.sequence = sequence;
                    project.updatedAt = OffsetDateTime.now();
                    return announce(project, false).replaceWithVoid();
                }));
    }

    /** The caller's membership; 404 for non-members. */
    public Uni<Member> membership(String userId, String projectId) {
        return Member.<Member>find("projectId = ?1 and userId = ?2", projectId, userId)
                .firstResult()
                .map(member -> {
                    if (member == null) {
                        throw ProblemException.notFound("Project", projectId);
                    }
                    return member;
                });
    }

    private Uni<Project> owned(String userId, String projectId) {
        return membership(userId, projectId).chain(member -> {
            if (!Member.OWNER.equals(member.role)) {
                throw ProblemException.forbidden("Only the project's owner may do this");
            }
            return Project.<Project>findById(projectId, LockModeType.PESSIMISTIC_WRITE);
        });
    }

    private Uni<Project> announce(Project project, boolean deleted) {
        return Member.<Member>list("projectId", project.id)
                .chain(members -> outbox.add(
                        EventCatalog.PROJECT_CHANGED,
                        project.id,
                        new ProjectChangedV1(
                                project.id,
                                project.ownerId,
                                project.title,
                                members.stream().map(m -> m.userId).toList(),
                                project.sequence,
                                deleted,
                                Instant.now())))
                .replaceWith(project);
    }

    private static Member member(String projectId, String userId, String role, String invitedBy) {
        Member member = new Member();
        member.projectId = projectId;
        member.userId = userId;
        member.role = role;
        member.invitedBy = invitedBy;
        member.createdAt = OffsetDateTime.now();
        return member;
    }

    static ProjectView view(Project project, String role) {
        return new ProjectView(
                project.id,
                project.ownerId,
                project.title,
                project.bpm,
                project.musicalKey,
                json(project.document),
                project.sequence,
                project.remix == null ? null : json(project.remix),
                role,
                project.createdAt,
                project.updatedAt);
    }

    private static JsonNode json(String document) {
        try {
            return JSON.readTree(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
