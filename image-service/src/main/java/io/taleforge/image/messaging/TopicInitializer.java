package io.taleforge.image.messaging;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.taleforge.commons.messaging.TopicBootstrap;
import io.taleforge.contracts.Topics;
import io.taleforge.image.config.ImageConfig;

/**
 * The declared topics are created by service-commons' {@link TopicBootstrap}; this adds the
 * private {@code scene-approved} topic (and its dead-letter topic) that tests and the benchmark
 * configure, with the same declaration, so their instances share its partitions as in production.
 */
@ApplicationScoped
public class TopicInitializer {

    private final TopicBootstrap topics;
    private final ImageConfig config;

    public TopicInitializer(TopicBootstrap topics, ImageConfig config) {
        this.topics = topics;
        this.config = config;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        String topic = config.consumer().topic();
        if (!Topics.SCENE_APPROVED.equals(topic)) {
            topics.ensure(List.of(Topics.spec(Topics.SCENE_APPROVED).orElseThrow().named(topic),
                    Topics.spec(Topics.dlq(Topics.SCENE_APPROVED)).orElseThrow().named(Topics.dlq(topic))));
        }
    }
}
