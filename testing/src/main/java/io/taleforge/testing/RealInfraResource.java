package io.taleforge.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.taleforge.infra.LocalInfra;

/**
 * Points a {@code @QuarkusTest} at the real Kafka broker and the real redis-server, starting
 * them when nothing answers yet. Use with {@code @QuarkusTestResource(RealInfraResource.class)}
 * or {@code @WithTestResource}.
 */
public class RealInfraResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalInfra infra = RealInfra.get();
        return Map.of(
                "kafka.bootstrap.servers", infra.kafkaBootstrapServers(),
                "quarkus.redis.hosts", infra.redisUrl());
    }

    @Override
    public void stop() {
        // The broker and Redis outlive one application start: the JVM's shutdown stops them.
    }
}
