package io.taleforge.gateway.metrics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.gateway.service.EventFeed;
import io.taleforge.gateway.service.FeedSink;
import io.taleforge.testing.RealInfraResource;
import io.vertx.core.buffer.Buffer;

/** {@code /q/metrics} of the gateway: the SSE clients connected, the status consumer's Kafka metrics. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class GatewayMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    EventFeed feed;

    @Test
    void theSseClientsGaugeCountsTheFollowersWhileTheyFollow() {
        String story = UUID.randomUUID().toString();
        Runnable first = feed.follow(story, Optional.empty(), new Discarding());
        Runnable second = feed.follow(story, Optional.empty(), new Discarding());
        await("two followers counted").atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .statusCode(200).body(containsString("\ntaleforge_sse_clients 2.0\n")));
        first.run();
        second.run();
        await("the followers gone").atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("\ntaleforge_sse_clients 0.0\n")));
    }

    @Test
    void theStatusConsumerHasItsKafkaClientMetrics() {
        await("the consumer's metrics bound").atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .statusCode(200).body(containsString("kafka_consumer_fetch_manager_records_consumed_total{")));
    }

    /** A browser that takes every frame and throws it away. */
    private static final class Discarding implements FeedSink {

        @Override
        public Executor loop() {
            return null;
        }

        @Override
        public boolean write(Buffer frames) {
            return true;
        }

        @Override
        public void end() {
        }
    }
}
