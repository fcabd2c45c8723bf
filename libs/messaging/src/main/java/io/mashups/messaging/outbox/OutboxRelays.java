package io.mashups.messaging.outbox;

import io.mashups.messaging.KafkaClients;
import io.mashups.messaging.MessagingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Starts this replica's outbox relay with the application and stops it, flushing, on shutdown. */
@ApplicationScoped
public class OutboxRelays {
    private final Pool pool;
    private final KafkaClients clients;
    private final MessagingConfig config;
    private KafkaProducer<String, byte[]> producer;
    private OutboxRelay relay;

    public OutboxRelays(Pool pool, KafkaClients clients, MessagingConfig config) {
        this.pool = pool;
        this.clients = clients;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (config.relay().enabled()) {
            relay = startRelay("replica-" + UUID.randomUUID().toString().substring(0, 8));
        }
    }

    /** A relay of its own (own producer, own claim name); tests run several to show claims are exclusive. */
    public OutboxRelay startRelay(String name) {
        synchronized (this) {
            if (producer == null) {
                producer = clients.producer("outbox-relay");
            }
        }
        OutboxRelay started = new OutboxRelay(name, pool, producer, config.relay());
        started.start();
        return started;
    }

    void stop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.stop();
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
