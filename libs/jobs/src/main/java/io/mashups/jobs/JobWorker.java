package io.mashups.jobs;

import static io.mashups.messaging.Blocking.await;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventType;
import io.mashups.events.jobs.JobProgressV1;
import io.mashups.events.jobs.JobQueuedV1;
import io.mashups.media.WorkDirs;
import io.mashups.messaging.TraceContext;
import io.mashups.messaging.consumer.EventDelivery;
import io.mashups.messaging.consumer.EventHandler;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs jobs. Dispatch comes from the engine's work queue topic (the workers are one consumer group, so each job goes
 * to one of them); a dispatch is a turn to run one job: the worker takes whichever queued job of its kinds should run
 * next (someone's own request before automatic work, then the oldest), so a request never waits behind a backlog of
 * automatic jobs, only behind the jobs already running. A sweeper also picks up jobs nobody runs, so neither a lost
 * message nor a dead worker loses a job.
 * While every slot is busy the dispatch channel is paused, so the backlog stays in Kafka as consumer lag (what KEDA
 * scales the worker Deployment on) instead of piling up inside one worker. A running job's lease is renewed while
 * this worker lives; a job cancelled meanwhile is interrupted as soon as its progress event arrives (or at the next
 * renewal or progress step), and its child processes with it.
 */
@ApplicationScoped
public class JobWorker implements EventHandler {
    private static final Logger LOG = Logger.getLogger(JobWorker.class);
    static final String CHANNEL = "job-workers";

    private final JobStore store;
    private final JobsConfig config;
    private final JobProgressFeed feed;
    private final EventDelivery delivery;
    private final ChannelRegistry channels;
    private final Tracer tracer;
    private final EventType<JobQueuedV1> dispatch;
    private final Map<String, JobExecutor> executors;
    private final String worker;
    /** Jobs running here, by the thread running each (interrupted when the job turns out cancelled). */
    private final Map<String, Thread> running = new ConcurrentHashMap<>();

    private Semaphore slots;
    private ExecutorService pool;
    private ScheduledExecutorService timers;

    public JobWorker(
            JobStore store,
            JobsConfig config,
            JobProgressFeed feed,
            Instance<JobExecutor> executors,
            EventDelivery delivery,
            ChannelRegistry channels,
            Instance<OpenTelemetry> openTelemetry) {
        this.store = store;
        this.config = config;
        this.feed = feed;
        this.delivery = delivery;
        this.channels = channels;
        this.tracer = (openTelemetry.isResolvable() ? openTelemetry.get() : GlobalOpenTelemetry.get())
                .getTracer("io.mashups.jobs");
        this.dispatch = store.events().queued();
        this.executors = executors.stream().collect(Collectors.toMap(JobExecutor::kind, e -> e));
        this.worker = hostName() + "/" + UUID.randomUUID();
    }

    @Override
    public String name() {
        return CHANNEL;
    }

    @Incoming(CHANNEL)
    Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        return delivery.apply(this, record);
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(dispatch);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        if (!executors.isEmpty()) {
            submit(() -> store.claimNext(executors.keySet(), worker));
        }
        return Uni.createFrom().voidItem();
    }

    void start(@Observes StartupEvent event) {
        if (!config.workerEnabled()) {
            return;
        }
        slots = new Semaphore(config.concurrency());
        pool = Executors.newCachedThreadPool(runnable -> new Thread(runnable, "job-" + config.owner()));
        timers = Executors.newSingleThreadScheduledExecutor(
                runnable -> new Thread(runnable, "job-timers-" + config.owner()));
        long renewMillis = Math.max(200, config.lease().toMillis() / 3);
        timers.scheduleWithFixedDelay(this::renewLeases, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
        long sweepMillis = config.sweepInterval().toMillis();
        timers.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        feed.listen(this::interruptIfCancelled);
    }

    void stop(@Observes ShutdownEvent event) {
        if (pool != null) {
            timers.shutdownNow();
            // interrupted jobs keep their lease until it runs out; then another worker takes them over
            pool.shutdownNow();
        }
    }

    /** Runs the job here if a slot is free; otherwise leaves it queued for the sweeper of whichever worker has room. */
    void submit(String jobId) {
        if (!running.containsKey(jobId)) {
            submit(() -> store.claim(jobId, worker));
        }
    }

    /** Runs what {@code claim} takes if a slot is free; otherwise the job stays queued for whichever worker has room. */
    private void submit(Supplier<Uni<Job>> claim) {
        if (pool == null) {
            return;
        }
        if (!slots.tryAcquire()) {
            LOG.debug("worker busy; queued jobs left for the sweeper");
            return;
        }
        if (slots.availablePermits() == 0) {
            dispatchChannel().ifPresent(PausableChannel::pause);
        }
        try {
            pool.execute(() -> {
                try {
                    run(claim);
                } finally {
                    releaseSlot();
                }
            });
        } catch (RejectedExecutionException stopping) {
            releaseSlot();
        }
    }

    private void releaseSlot() {
        slots.release();
        dispatchChannel().ifPresent(PausableChannel::resume);
    }

    /** Absent until SmallRye has wired the channel, and where the channel is off. */
    private Optional<PausableChannel> dispatchChannel() {
        return Optional.ofNullable(channels.getPausable(CHANNEL));
    }

    private void run(Supplier<Uni<Job>> claim) {
        Job job = await(claim);
        if (job == null) {
            return;
        }
        String jobId = job.id;
        Span span = tracer.spanBuilder("job " + job.kind)
                .setParent(TraceContext.of(job.traceParent))
                .setAttribute("mashups.job.id", jobId)
                .setAttribute("mashups.job.kind", job.kind)
                .setAttribute("mashups.job.attempt", job.attempts)
                .startSpan();
        // on this thread the trace is not on a Vert.x context, where Quarkus puts it in the log's MDC itself
        MDC.put("traceId", span.getSpanContext().getTraceId());
        MDC.put("spanId", span.getSpanContext().getSpanId());
        try (Scope traced = span.makeCurrent()) {
            LOG.infof("job %s (%s) attempt %d started", jobId, job.kind, job.attempts);
            execute(job, span);
        } finally {
            span.end();
            MDC.remove("traceId");
            MDC.remove("spanId");
        }
    }

    private void execute(Job job, Span span) {
        String jobId = job.id;
        JobExecutor executor = executors.get(job.kind);
        Path workDir = null;
        running.put(jobId, Thread.currentThread());
        try {
            workDir = Files.createTempDirectory(Path.of(config.workDir()), "job-" + jobId + "-");
            JobExecutor.Completion completion = executor.execute(job, new WorkerContext(jobId, workDir));
            await(() -> store.complete(jobId, worker, completion));
            LOG.infof("job %s (%s) completed", jobId, job.kind);
        } catch (JobExecutor.JobCancelled | InterruptedException stopped) {
            LOG.infof("job %s stopped: %s", jobId, stopped.getMessage());
        } catch (JobFailure failure) {
            span.setStatus(StatusCode.ERROR, failure.getMessage());
            await(() -> store.fail(jobId, worker, failure.getMessage(), true));
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                LOG.infof("job %s stopped while %s", jobId, e.getMessage());
                return;
            }
            LOG.warnf(e, "job %s attempt %d failed", jobId, job.attempts);
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            await(() -> store.fail(jobId, worker, reason, false));
        } finally {
            running.remove(jobId, Thread.currentThread());
            Thread.interrupted();
            WorkDirs.delete(workDir);
        }
    }

    private void interruptIfCancelled(JobProgressV1 progress) {
        if (JobStatus.CANCELLED.wire().equals(progress.status())) {
            Thread thread = running.get(progress.jobId());
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    private void renewLeases() {
        try {
            Set<String> mine = Set.copyOf(running.keySet());
            Set<String> kept = Set.copyOf(await(() -> store.renew(worker, mine)));
            for (String jobId : mine) {
                Thread thread = running.get(jobId);
                if (!kept.contains(jobId) && thread != null) {
                    thread.interrupt();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not renew job leases", e);
        }
    }

    private void sweep() {
        try {
            int free = slots.availablePermits();
            if (free > 0 && !executors.isEmpty()) {
                await(() -> store.abandoned(executors.keySet(), free)).forEach(this::submit);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not look for abandoned jobs", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "worker";
        }
    }

    private final class WorkerContext implements JobExecutor.Context {
        private final String jobId;
        private final Path workDir;
        private String lastStage;
        private int lastPercent = -1;

        WorkerContext(String jobId, Path workDir) {
            this.jobId = jobId;
            this.workDir = workDir;
        }

        @Override
        public Path workDir() {
            return workDir;
        }

        @Override
        public void progress(String stage, int percent) throws JobExecutor.JobCancelled {
            if (Thread.currentThread().isInterrupted()) {
                throw new JobExecutor.JobCancelled("cancelled");
            }
            if (stage.equals(lastStage) && percent == lastPercent) {
                return;
            }
            lastStage = stage;
            lastPercent = percent;
            if (!await(() -> store.progress(jobId, worker, stage, percent))) {
                throw new JobExecutor.JobCancelled("cancelled or taken over");
            }
        }
    }
}
