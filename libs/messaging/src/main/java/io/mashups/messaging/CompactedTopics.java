package io.mashups.messaging;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Makes sure the topics a service keeps "latest value per key" on (billing.entitlements) exist and are compacted,
 * whether or not an operator created them: a fresh local Kafka would otherwise auto-create them with deletion.
 */
@ApplicationScoped
public class CompactedTopics {
    private static final Logger LOG = Logger.getLogger(CompactedTopics.class);
    private final MessagingConfig config;
    private final KafkaClients clients;

    public CompactedTopics(MessagingConfig config, KafkaClients clients) {
        this.config = config;
        this.clients = clients;
    }

    void ensure(@Observes StartupEvent event) {
        config.compactedTopics().filter(topics -> !topics.isEmpty()).ifPresent(this::ensure);
    }

    void ensure(List<String> topics) {
        try (Admin admin = clients.admin()) {
            Map<String, String> compact = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, Optional.of(config.partitions()), Optional.empty())
                                    .configs(compact)))
                            .all()
                            .get(15, TimeUnit.SECONDS);
                    LOG.infof("created compacted topic %s", topic);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                    Collection<AlterConfigOp> ops = Set.of(new AlterConfigOp(
                            new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                            AlterConfigOp.OpType.SET));
                    admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(15, TimeUnit.SECONDS);
                }
            }
        } catch (Exception e) {
            // Kafka may be down at start; events still wait in the outbox, and the next start tries again
            LOG.warnf("could not make %s compacted: %s", topics, e.getMessage());
        }
    }
}
