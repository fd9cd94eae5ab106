package io.taleforge.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import io.taleforge.testing.KafkaProbe;

/**
 * One simulated browser of one story: an SSE stream read line by line without a thread of its own
 * (the JDK client's asynchronous line subscriber), that records every event id once, the
 * Kafka-to-here latency of each event (from the record's {@code occurredAt}), and, like
 * {@code EventSource}, reconnects after a drop with its {@code Last-Event-ID} within {@code spread}.
 */
final class BenchReader {

    private final HttpClient http;
    private final URI uri;
    private final String token;
    private final List<Long> latencies;
    final Set<String> ids = ConcurrentHashMap.newKeySet();
    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger connects = new AtomicInteger();
    private volatile String lastId;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile Duration spread = Duration.ZERO;

    BenchReader(HttpClient http, URI uri, String token, List<Long> latencies) {
        this.http = http;
        this.uri = uri;
        this.token = token;
        this.latencies = latencies;
    }

    boolean connected() {
        return connected;
    }

    /** From now on a dropped stream is opened again after a random pause below {@code within}. */
    void reconnectWithin(Duration within) {
        spread = within;
    }

    void open() {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET();
        request.header("Last-Event-ID", lastId == null ? "0-0" : lastId);
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(new Lines()))
                .whenComplete((answer, failure) -> dropped());
    }

    void close() {
        closed = true;
    }

    private void dropped() {
        connected = false;
        if (closed || spread.isZero()) {
            return;
        }
        long pause = ThreadLocalRandom.current().nextLong(Math.max(1, spread.toMillis()));
        java.util.concurrent.CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS).execute(this::open);
    }

    private final class Lines implements Flow.Subscriber<String> {

        private Flow.Subscription subscription;
        private String id;
        private String data;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (closed) {
                subscription.cancel();
                return;
            }
            if (line.startsWith(":")) {
                if (!connected) {
                    connected = true;
                    connects.incrementAndGet();
                }
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
                data = line.substring(5).trim();
            } else if (line.isEmpty() && id != null) {
                event(id, data);
                id = null;
                data = null;
            }
        }

        @Override
        public void onError(Throwable failure) {
        }

        @Override
        public void onComplete() {
        }
    }

    private void event(String eventId, String json) {
        long now = System.currentTimeMillis();
        received.incrementAndGet();
        lastId = eventId;
        if (!ids.add(eventId)) {
            return; // a duplicate
        }
        try {
            JsonNode at = KafkaProbe.JSON.readTree(json).path("occurredAt");
            if (!at.isMissingNode()) {
                latencies.add(now - Instant.parse(at.asText()).toEpochMilli());
            }
        } catch (Exception e) {
            // a reload or an event without a time: counted, not timed
        }
    }
}
