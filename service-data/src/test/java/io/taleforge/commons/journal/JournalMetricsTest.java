package io.taleforge.commons.journal;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.testing.RealInfraResource;

/**
 * {@code /q/metrics} after journaled calls: the provider call histogram by provider, model,
 * operation and outcome; the outbox lag gauges; the Kafka client metrics of the outbox producer.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class JournalMetricsTest {

    @Inject
    Journal journal;

    @Test
    void aJournaledCallIsCountedInTheHistogramByProviderModelOperationAndOutcome() {
        String operation = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        Journal.Subject subject = new Journal.Subject(operation, UUID.randomUUID(), 1, 1, "openai", "gpt-image-1");
        try (JournalCall call = JournalCall.open(journal, subject, "request", "a prompt")) {
            call.success("done", "an image");
        }
        try (JournalCall call = JournalCall.open(journal, subject, "request", "a prompt")) {
            call.failed("request", new IllegalStateException("HTTP 500"));
        }
        journal.skipped(subject, "request", "a prompt", "budget exceeded");

        String labels = "model=\"gpt-image-1\",operation=\"" + operation + "\",outcome=\"%s\",provider=\"openai\"";
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("taleforge_provider_call_seconds_count{" + labels.formatted("success") + "} 1.0"))
                .body(containsString("taleforge_provider_call_seconds_count{" + labels.formatted("failed") + "} 1.0"))
                .body(containsString("taleforge_provider_call_seconds_count{" + labels.formatted("skipped") + "} 1.0"))
                .body(containsString("taleforge_provider_call_seconds_bucket{" + labels.formatted("skipped")
                        + ",le=\"0.05\"} 1.0"));
    }

    @Test
    void theOutboxLagAndTheKafkaClientMetricsAreExposed() {
        await("the outbox lag sampled and the producer's metrics bound").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                        .body(matchesPattern("(?s).*\\ntaleforge_outbox_lag_seconds(\\{[^}]*})? [0-9.E-]+\\n.*"))
                        .body(matchesPattern("(?s).*\\ntaleforge_outbox_pending(\\{[^}]*})? [0-9.E]+\\n.*"))
                        .body(containsString("kafka_producer_")));
    }
}
