package io.taleforge.gateway.messaging;

import java.time.Duration;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.taleforge.contracts.TopicProvisioner;
import io.taleforge.contracts.Topics;

/**
 * Creates the declared topics that are missing before the status consumers start, as every
 * service does (the gateway has no service-commons: no database, no journal), so that the
 * services may start in any order.
 */
@ApplicationScoped
public class TopicBootstrap {

    void onStart(@Observes @Priority(1) StartupEvent event,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "taleforge.kafka.topics.provision", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "taleforge.kafka.replication-factor", defaultValue = "1") int replicationFactor,
            @ConfigProperty(name = "taleforge.kafka.topics.timeout", defaultValue = "15s") Duration timeout) {
        if (enabled) {
            new TopicProvisioner(String.valueOf(kafka.get("bootstrap.servers")), replicationFactor)
                    .ensureAtStart(Topics.SPECS, timeout.toMillis());
        }
    }
}
