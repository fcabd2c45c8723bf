package io.mashups.jobs;

import io.mashups.events.jobs.JobProgressV1;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Following jobs as they change (what SSE endpoints stream). A replica reads a followed job's row once, when its
 * first follower arrives, then keeps its newest state from {@link JobProgressFeed}: any number of followers on any
 * replica cost one read per replica and job, whichever replica runs the job.
 */
@ApplicationScoped
public class JobFollowers {
    private final JobProgressFeed feed;
    private final Map<String, Followed> followed = new ConcurrentHashMap<>();
    private final AtomicLong rowReads = new AtomicLong();

    public JobFollowers(JobProgressFeed feed) {
        this.feed = feed;
    }

    void listen(@Observes StartupEvent event) {
        feed.listen(this::offer);
    }

    /**
     * The job's state now and each change after it, ending with the job; 404 when the job is not the owner's or not
     * of this kind (checked before anything streams).
     */
    public Uni<Multi<JobProgressV1>> follow(String ownerId, String kind, String jobId) {
        // a job followed here already is known from its first read; otherwise this caller reads it in a session of
        // its own (sharing one read between callers that arrive together ran it outside the later ones' sessions)
        Followed known = followed.get(jobId);
        Uni<JobProgressV1> read = known != null
                ? Uni.createFrom().item(known.first)
                : Panache.withSession(() -> Job.<Job>findById(jobId))
                        .invoke(() -> rowReads.incrementAndGet())
                        .map(row -> row == null ? null : row.state());
        return read.map(state -> {
            if (state == null
                    || !state.ownerId().equals(ownerId)
                    || !state.kind().equals(kind)) {
                throw ProblemException.notFound("Job", jobId);
            }
            return Multi.createFrom().emitter(emitter -> {
                Follower follower = new Follower(emitter);
                emitter.onTermination(follower::end);
                // the entry may be dropped (its last follower left) until this one is in it: then join its successor
                Followed target;
                do {
                    target = followed.computeIfAbsent(jobId, id -> new Followed(id, state));
                    target.add(follower, state);
                } while (followed.get(jobId) != target && target.remove(follower));
            });
        });
    }

    /** Rows read to serve followers since start: one per job and replica, however many follow it. */
    public long rowReads() {
        return rowReads.get();
    }

    private void offer(JobProgressV1 progress) {
        Followed job = followed.get(progress.jobId());
        if (job != null) {
            job.offer(progress);
        }
    }

    /**
     * Forgets a job nobody follows here any more. Never takes a job's lock under the map's (a follower may end, and
     * drop its job, while its job's lock is held), so the two cannot dead-lock.
     */
    private void drop(Followed job) {
        followed.computeIfPresent(job.jobId, (id, current) -> current == job && job.unfollowed() ? null : current);
    }

    /** One followed job: its newest state and its followers, each told every newer state once. */
    private final class Followed {
        private final String jobId;
        /** The state read when the first follower here came. */
        private final JobProgressV1 first;

        private final List<Follower> followers = new CopyOnWriteArrayList<>();
        private JobProgressV1 newest;

        Followed(String jobId, JobProgressV1 first) {
            this.jobId = jobId;
            this.first = first;
        }

        synchronized void add(Follower follower, JobProgressV1 read) {
            follower.job = this;
            if (!follower.ended) {
                followers.add(follower);
                offer(read);
                follower.tell(newest);
            }
        }

        synchronized void offer(JobProgressV1 progress) {
            if (newest != null && progress.revision() <= newest.revision()) {
                return;
            }
            newest = progress;
            for (Follower follower : followers) {
                follower.tell(progress);
            }
        }

        boolean remove(Follower follower) {
            return followers.remove(follower);
        }

        boolean unfollowed() {
            return followers.isEmpty();
        }
    }

    private final class Follower {
        private final MultiEmitter<? super JobProgressV1> emitter;
        private volatile Followed job;
        private volatile boolean ended;
        private long told = -1;

        Follower(MultiEmitter<? super JobProgressV1> emitter) {
            this.emitter = emitter;
        }

        void tell(JobProgressV1 progress) {
            if (progress.revision() <= told) {
                return;
            }
            told = progress.revision();
            emitter.emit(progress);
            if (JobStatus.of(progress.status()).finished()) {
                emitter.complete();
            }
        }

        /** The stream ended (job finished, client gone): leave the job, and forget it when nobody else follows. */
        void end() {
            ended = true;
            Followed current = job;
            if (current != null) {
                current.remove(this);
                drop(current);
            }
        }
    }
}
