package io.mashups.messaging.consumer;

import io.mashups.messaging.KafkaClients;
import io.mashups.messaging.MessagingConfig;
import io.mashups.messaging.inbox.Inbox;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Starts one consumer thread per enabled {@link EventHandler} bean with the application, and stops them with it. */
@ApplicationScoped
public class EventConsumers {
    private final Instance<EventHandler> handlers;
    private final KafkaClients clients;
    private final Inbox inbox;
    private final MessagingConfig config;
    private final List<EventConsumer> running = new ArrayList<>();
    private KafkaProducer<String, byte[]> deadLetters;

    public EventConsumers(Instance<EventHandler> handlers, KafkaClients clients, Inbox inbox, MessagingConfig config) {
        this.handlers = handlers;
        this.clients = clients;
        this.inbox = inbox;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        for (EventHandler handler : handlers) {
            if (!handler.enabled()) {
                continue;
            }
            if (deadLetters == null) {
                deadLetters = clients.producer("dead-letters");
            }
            EventConsumer consumer = new EventConsumer(
                    handler,
                    clients.consumer(handler.name(), handler.maxPollRecords()),
                    deadLetters,
                    inbox,
                    config.consumer());
            consumer.start();
            running.add(consumer);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running.forEach(EventConsumer::stop);
        if (deadLetters != null) {
            deadLetters.close(java.time.Duration.ofSeconds(5));
        }
    }
}
