package io.mashups.jobs;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventType;
import io.mashups.events.jobs.JobProgressV1;
import io.mashups.messaging.KafkaRecords;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Every replica reads the engine's progress topic from its end and hands each change to its listeners: the
 * followers of a job (SSE) and the worker (a cancel reaches a running job at once). So following a job works on any
 * replica and reads nothing from the database per viewer. The channel {@code job-progress} has a consumer group of
 * its own per replica (see this library's configuration), so each replica gets every record, and commits nothing.
 */
@ApplicationScoped
public class JobProgressFeed {
    private static final Logger LOG = Logger.getLogger(JobProgressFeed.class);

    private final EventType<JobProgressV1> type;
    private final List<Consumer<JobProgressV1>> listeners = new CopyOnWriteArrayList<>();

    public JobProgressFeed(JobStore store) {
        this.type = store.events().progress();
    }

    public void listen(Consumer<JobProgressV1> listener) {
        listeners.add(listener);
    }

    @Incoming("job-progress")
    public void receive(ConsumerRecord<String, byte[]> record) {
        progressOf(record).ifPresent(progress -> listeners.forEach(listener -> listener.accept(progress)));
    }

    private Optional<JobProgressV1> progressOf(ConsumerRecord<String, byte[]> record) {
        try {
            CloudEvent event = KafkaRecords.cloudEvent(record);
            return event.is(type) ? Optional.of(event.dataAs(type)) : Optional.empty();
        } catch (RuntimeException e) {
            LOG.debugf("skipped a record of %s that is not a job progress event: %s", type.topic(), e.getMessage());
            return Optional.empty();
        }
    }
}
