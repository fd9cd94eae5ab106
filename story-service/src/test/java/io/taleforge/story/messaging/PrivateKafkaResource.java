package io.taleforge.story.messaging;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.taleforge.infra.LocalInfra;
import io.taleforge.testing.PrivateBroker;

/**
 * A Kafka broker of its own for tests that stop and restart it ({@link PrivateBroker}: free ports,
 * never the shared 9092, a fresh data folder), stopped and deleted when the application stops.
 * Redis is not started: story-service does not use it.
 */
public class PrivateKafkaResource implements QuarkusTestResourceLifecycleManager {

    private static volatile PrivateBroker broker;

    /** The running private broker (only while the test application runs). */
    public static LocalInfra infra() {
        return broker == null ? null : broker.infra();
    }

    @Override
    public Map<String, String> start() {
        broker = PrivateBroker.start("story-private-kafka");
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
