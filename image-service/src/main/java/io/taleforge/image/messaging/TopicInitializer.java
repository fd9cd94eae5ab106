package io.taleforge.image.messaging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.taleforge.contracts.Topics;
import io.taleforge.image.config.ImageConfig;

/**
 * Creates the topics this service reads and writes when they are missing, with
 * {@link Topics#PARTITIONS} partitions so up to that many instances consume in parallel.
 * Existing topics are left as they are.
 */
@ApplicationScoped
public class TopicInitializer {

    private final Map<String, Object> kafka;
    private final ImageConfig config;

    public TopicInitializer(@Identifier("default-kafka-broker") Map<String, Object> kafka, ImageConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        String topic = config.consumer().topic();
        ensure(List.of(topic, Topics.dlq(topic), Topics.IMAGE_STATUS));
    }

    void ensure(List<String> topics) {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers"));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Optional.of(Topics.PARTITIONS), Optional.empty())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(15, TimeUnit.SECONDS);
                Log.infof("topics created with %d partitions: %s", Topics.PARTITIONS,
                        missing.stream().map(NewTopic::name).toList());
            }
        } catch (Exception e) {
            // Not fatal: the broker may auto-create, or an operator creates them; the consumer waits.
            Log.warnf("topics %s could not be checked or created: %s", topics, e.toString());
        }
    }
}
