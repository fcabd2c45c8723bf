package io.mashups.audio.generation;

import io.mashups.audio.vocals.VocalJob;
import io.mashups.jobs.Job;
import io.mashups.jobs.JobStatus;
import io.mashups.messaging.entitlements.Entitlements;
import io.mashups.messaging.entitlements.UserEntitlements;
import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The plan's monthly AI generations, shared by mashup generations and AI vocals (billing has no separate vocal
 * limit), and how many jobs of one kind a user may run at once. Call it inside the user's submit lock.
 */
@ApplicationScoped
public class AiQuota {
    static final List<String> AI_KINDS = List.of(MashupJob.KIND, VocalJob.KIND);

    private final Entitlements entitlements;
    private final GenerationConfig config;

    public AiQuota(Entitlements entitlements, GenerationConfig config) {
        this.entitlements = entitlements;
        this.config = config;
    }

    /** What the user may still do, and how many jobs of the kind they have queued or running. */
    public record Usage(UserEntitlements plan, long active) {}

    /**
     * Refuses with 402 when the month's AI generations are used up, and 429 when {@code kind} jobs are at the
     * limit of jobs at once ({@code what} names them in the error).
     */
    public Uni<Usage> check(String userId, String kind, String what) {
        return entitlements
                .of(userId)
                .chain(plan -> Job.count(
                                "ownerId = ?1 and kind in ?2 and status <> ?3 and createdAt >= ?4",
                                userId,
                                AI_KINDS,
                                JobStatus.FAILED,
                                monthStart())
                        .chain(used -> {
                            refuseOver(
                                    plan,
                                    "AI generations per month",
                                    plan.limits().aiGenerationsPerMonth(),
                                    used);
                            return Job.count(
                                    "ownerId = ?1 and kind = ?2 and status in (?3)",
                                    userId,
                                    kind,
                                    List.of(JobStatus.QUEUED, JobStatus.RUNNING));
                        })
                        .map(active -> {
                            if (active >= config.maxActivePerUser()) {
                                throw new ProblemException(Problem.of(
                                        429,
                                        "too-many-jobs",
                                        "Too many " + what + " at once",
                                        "You have " + active + " " + what + " queued or running; the limit is "
                                                + config.maxActivePerUser()
                                                + ". Wait for one to finish or cancel it."));
                            }
                            return new Usage(plan, active);
                        }));
    }

    public static OffsetDateTime monthStart() {
        return YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    static void refuseOver(UserEntitlements plan, String limit, Integer allowed, long used) {
        if (allowed != null && used >= allowed) {
            throw ProblemException.limitReached(
                    limit, allowed, used, plan.tier().name().toLowerCase(), UserEntitlements.UPGRADE_PATH);
        }
    }
}
