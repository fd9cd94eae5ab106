package io.taleforge.commons.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.taleforge.contracts.TopicSpec;
import io.taleforge.contracts.Topics;

/**
 * Creates the declared topics ({@link Topics#SPECS}) that are missing, before the Kafka channels
 * start, with the replication factor of the deployment
 * ({@code TALEFORGE_KAFKA_REPLICATION_FACTOR}); see {@link TopicProvisioner#ensureAtStart} for
 * what an unreachable or refusing broker does to the start.
 */
@ApplicationScoped
public class TopicBootstrap {

    private final Map<String, Object> kafka;
    private final boolean enabled;
    private final int replicationFactor;
    private final Duration timeout;

    public TopicBootstrap(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "taleforge.kafka.topics.provision", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "taleforge.kafka.replication-factor", defaultValue = "1") int replicationFactor,
            @ConfigProperty(name = "taleforge.kafka.topics.timeout", defaultValue = "15s") Duration timeout) {
        this.kafka = kafka;
        this.enabled = enabled;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        ensure(Topics.SPECS);
    }

    /** Ensures {@code specs} exist (services with private topics in tests call this for theirs). */
    public void ensure(List<TopicSpec> specs) {
        if (enabled) {
            new TopicProvisioner(String.valueOf(kafka.get("bootstrap.servers")), replicationFactor)
                    .ensureAtStart(specs, timeout.toMillis());
        }
    }
}
