package io.mashups.analyticsingest;

import io.mashups.messaging.KafkaClients;
import io.mashups.messaging.MessagingConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the raw topic with its retention (raw events are purged by Kafka after {@code raw-retention}) and the rollup
 * topic compacted (only each key's latest value matters), or sets those on topics an operator created. The rollups
 * start once the raw topic exists.
 */
@ApplicationScoped
public class AnalyticsTopics {
    private static final Logger LOG = Logger.getLogger(AnalyticsTopics.class);

    private final KafkaClients clients;
    private final IngestConfig config;
    private final int partitions;

    public AnalyticsTopics(KafkaClients clients, IngestConfig config, MessagingConfig messaging) {
        this.clients = clients;
        this.config = config;
        this.partitions = messaging.partitions();
    }

    void ensure(@Observes StartupEvent event) {
        try (Admin admin = clients.admin()) {
            ensure(
                    admin,
                    config.rawTopic(),
                    Map.of(
                            TopicConfig.CLEANUP_POLICY_CONFIG,
                            TopicConfig.CLEANUP_POLICY_DELETE,
                            TopicConfig.RETENTION_MS_CONFIG,
                            Long.toString(config.rawRetention().toMillis())));
            ensure(
                    admin,
                    config.rollups().topic(),
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        } catch (Exception e) {
            // Kafka may be down at start: captures answer 503 until it is back, and the next start tries again
            LOG.warnf("could not set up the analytics topics: %s", e.getMessage());
        }
    }

    private void ensure(Admin admin, String topic, Map<String, String> settings) throws Exception {
        try {
            admin.createTopics(
                            List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()).configs(settings)))
                    .all()
                    .get(15, TimeUnit.SECONDS);
            LOG.infof("created topic %s %s", topic, settings);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            List<AlterConfigOp> ops = settings.entrySet().stream()
                    .map(setting -> new AlterConfigOp(
                            new ConfigEntry(setting.getKey(), setting.getValue()), AlterConfigOp.OpType.SET))
                    .toList();
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops))
                    .all()
                    .get(15, TimeUnit.SECONDS);
        }
    }
}
