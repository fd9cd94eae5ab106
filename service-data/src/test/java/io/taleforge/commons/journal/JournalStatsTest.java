package io.taleforge.commons.journal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.testing.RealInfraResource;

/**
 * The figures are the database's, over the window asked for: journal rows of known durations give
 * exactly known nearest-rank percentiles; rows outside the window, started rows and skips do not
 * move them.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class JournalStatsTest {

    /** A window of its own, long ago, so rows other tests journal now never fall in it. */
    private static final Instant FROM = Instant.parse("2001-01-01T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofHours(2));

    @BeforeEach
    @Transactional
    void journalKnownDurations() {
        JournalEntry.delete("createdAt < ?1", Instant.parse("2002-01-01T00:00:00Z"));
        for (int ms = 1; ms <= 100; ms++) {
            // durations 1..100 ms, one an hour apart from the other half; every tenth a failure
            Instant at = FROM.plus(Duration.ofMinutes(ms <= 50 ? 10 : 70)).plusMillis(ms);
            row("openai", "gpt-image-1", "image-generation", ms % 10 == 0 ? JournalEntry.Status.FAILED
                    : JournalEntry.Status.SUCCESS, (long) ms, at);
        }
        row("openai", "gpt-image-1", "image-generation", JournalEntry.Status.STARTED, null, FROM.plusSeconds(5));
        row("openai", "gpt-image-1", "image-generation", JournalEntry.Status.SKIPPED, 0L, FROM.plusSeconds(6));
        row("openai", "gpt-image-1", "image-generation", JournalEntry.Status.SUCCESS, 99_999L, TO.plusSeconds(1));
        row("openai", "gpt-image-1", "image-generation", JournalEntry.Status.SUCCESS, 99_999L, FROM.minusSeconds(1));
        row("cloudinary", null, "image-upload", JournalEntry.Status.SUCCESS, 7L, FROM.plusSeconds(7));
    }

    @Test
    void theRestAnswerHasTheExactPercentilesOfTheWindow() {
        given().get("/operations/stats?from=" + FROM + "&to=" + TO).then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].provider", equalTo("openai")).body("[0].model", equalTo("gpt-image-1"))
                .body("[0].operation", equalTo("image-generation"))
                .body("[0].count", equalTo(102)).body("[0].failures", equalTo(10)).body("[0].skipped", equalTo(1))
                .body("[0].p50Ms", equalTo(50)).body("[0].p95Ms", equalTo(95)).body("[0].p99Ms", equalTo(99))
                .body("[0].maxMs", equalTo(100))
                .body("[1].provider", equalTo("cloudinary")).body("[1].model", nullValue())
                .body("[1].p50Ms", equalTo(7)).body("[1].p99Ms", equalTo(7));
    }

    @Test
    void aSeriesHasTheFiguresOfEachSlice() {
        given().get("/operations/stats/series?from=" + FROM + "&to=" + TO + "&buckets=2").then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].from", equalTo(FROM.toString()))
                .body("[0].stats.find { it.operation == 'image-generation' }.count", equalTo(52))
                .body("[0].stats.find { it.operation == 'image-generation' }.p50Ms", equalTo(25))
                .body("[0].stats.find { it.operation == 'image-generation' }.p95Ms", equalTo(48))
                .body("[1].stats[0].count", equalTo(50))
                .body("[1].stats[0].p50Ms", equalTo(75))
                .body("[1].stats[0].p99Ms", equalTo(100));
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsAProblemNamingFrom() {
        given().get("/operations/stats?from=" + TO + "&to=" + FROM).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        given().get("/operations/stats?to=yesterday").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
    }

    private static void row(String provider, String model, String operation, JournalEntry.Status status,
            Long durationMs, Instant createdAt) {
        JournalEntry entry = new JournalEntry();
        entry.id = UUID.randomUUID();
        entry.provider = provider;
        entry.model = model;
        entry.operation = operation;
        entry.status = status;
        entry.durationMs = durationMs;
        entry.createdAt = createdAt;
        entry.persist();
    }
}
