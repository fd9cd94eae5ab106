package io.taleforge.commons.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalCall;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.commons.tracing.TraceContext;
import io.taleforge.contracts.Topics;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.KafkaProbe.Received;
import io.taleforge.testing.RealInfra;
import io.taleforge.testing.RealInfraResource;

/**
 * The trace goes on through the outbox: a row keeps the traceparent of the transaction that
 * appended it, and the relay, later and on its own thread, publishes it to the real broker with a
 * {@code traceparent} header of the same trace. Journal rows keep the trace id of their call.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class TracePropagationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static KafkaProbe probe;

    @Inject
    Outbox outbox;

    @Inject
    Journal journal;

    @Inject
    Tracer tracer;

    @BeforeAll
    static void openProbe() {
        probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.STORY_STATUS);
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    void theRelayPublishesARowWithinTheTraceThatAppendedIt() {
        String key = UUID.randomUUID().toString();
        Span request = tracer.spanBuilder("a story request").startSpan();
        String traceId = request.getSpanContext().getTraceId();
        try (Scope ignored = request.makeCurrent()) {
            QuarkusTransaction.requiringNew().run(() -> outbox.append(Topics.STORY_STATUS, key, Map.of("n", 1)));
        } finally {
            request.end();
        }

        String stored = QuarkusTransaction.requiringNew().call(() -> OutboxEntry.forKey(key, Topics.STORY_STATUS))
                .get(0).traceparent;
        assertEquals("00-" + traceId + "-" + request.getSpanContext().getSpanId() + "-01", stored);
        Received record = probe.await(Topics.STORY_STATUS, r -> key.equals(r.key()), 1, DEADLINE).get(0);
        String header = record.header(TraceContext.TRACEPARENT);
        assertNotNull(header, "the record carries a traceparent");
        assertEquals(traceId, header.split("-")[1], "same trace as the appending request");
        assertNotEquals(stored, header, "a producer span of its own, child of the stored one");
    }

    @Test
    void aRowAppendedOutsideATraceStoresNone() {
        String key = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> outbox.append(Topics.STORY_STATUS, key, Map.of("n", 2)));

        assertNull(QuarkusTransaction.requiringNew().call(() -> OutboxEntry.forKey(key, Topics.STORY_STATUS))
                .get(0).traceparent);
        probe.await(Topics.STORY_STATUS, r -> key.equals(r.key()), 1, DEADLINE);
    }

    @Test
    void aJournalRowKeepsTheTraceIdOfItsCall() {
        Span call = tracer.spanBuilder("a provider call").startSpan();
        UUID id;
        try (Scope ignored = call.makeCurrent();
                JournalCall journaled = JournalCall.open(journal, new Journal.Subject("trace-test", null, null, null,
                        "wiremock", "m"), "call", "in")) {
            id = journaled.id();
            journaled.success("done", "out");
        } finally {
            call.end();
        }

        JournalEntry row = QuarkusTransaction.requiringNew().call(() -> JournalEntry.findById(id));
        assertEquals(call.getSpanContext().getTraceId(), row.traceId);
    }
}
