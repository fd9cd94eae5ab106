package io.taleforge.gateway.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * One simulated browser of one story: an SSE stream read on the benchmark's one Vert.x event loop
 * (Netty, no thread and no executor hop per connection, so 5,000 of them cost the benchmark little
 * CPU on a 2-core machine: the figures are the gateway's, not the client's). It records every event
 * id once, the Kafka-to-here latency of each event (from the record's {@code occurredAt}), and,
 * like {@code EventSource}, reconnects after a drop with its {@code Last-Event-ID} within {@code spread}.
 */
final class BenchReader {

    private static final String OCCURRED_AT = "\"occurredAt\":\"";

    private final Vertx vertx;
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
    private volatile HttpConnection connection;

    BenchReader(Vertx vertx, HttpClient http, URI uri, String token, List<Long> latencies) {
        this.vertx = vertx;
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
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost())
                .setPort(uri.getPort()).setURI(uri.getRawPath()).setIdleTimeout(0)
                .putHeader("Authorization", "Bearer " + token).putHeader("Accept", "text/event-stream")
                .putHeader("Last-Event-ID", lastId == null ? "0-0" : lastId);
        AtomicBoolean over = new AtomicBoolean();
        Runnable dropped = () -> {
            if (over.compareAndSet(false, true)) {
                dropped();
            }
        };
        http.request(request).compose(HttpClientRequest::send).onComplete(answer -> {
            if (answer.failed()) {
                dropped.run();
                return;
            }
            HttpClientResponse response = answer.result();
            connection = response.request().connection();
            Lines lines = new Lines();
            response.handler(lines::feed);
            response.endHandler(end -> dropped.run());
            response.exceptionHandler(failure -> dropped.run());
        });
    }

    void close() {
        closed = true;
        HttpConnection open = connection;
        if (open != null) {
            open.close();
        }
    }

    private void dropped() {
        connected = false;
        if (closed || spread.isZero()) {
            return;
        }
        long pause = ThreadLocalRandom.current().nextLong(Math.max(1, spread.toMillis()));
        vertx.setTimer(Math.max(1, pause), timer -> open());
    }

    /** SSE lines out of the chunks as they come (the chunk boundaries fall anywhere). */
    private final class Lines {

        private final StringBuilder line = new StringBuilder();
        private String id;
        private String data;

        void feed(Buffer chunk) {
            String text = chunk.toString(StandardCharsets.UTF_8);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    line(line.toString());
                    line.setLength(0);
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        private void line(String text) {
            if (text.startsWith(":")) {
                if (!connected) {
                    connected = true;
                    connects.incrementAndGet();
                }
            } else if (text.startsWith("id:")) {
                id = text.substring(3).trim();
            } else if (text.startsWith("data:")) {
                data = text.substring(5).trim();
            } else if (text.isEmpty() && id != null) {
                event(id, data);
                id = null;
                data = null;
            }
        }
    }

    private void event(String eventId, String json) {
        long now = System.currentTimeMillis();
        received.incrementAndGet();
        lastId = eventId;
        if (!ids.add(eventId)) {
            return; // a duplicate
        }
        long at = occurredAt(json);
        if (at > 0) {
            latencies.add(now - at);
        }
    }

    /**
     * The record's {@code occurredAt} in epoch ms, found by its key rather than parsed as JSON: 500
     * readers of one story get each event at the same moment on the benchmark's one event loop, and a
     * JSON tree per reader per event was client time counted as latency. 0 for a reload or an event
     * without a time.
     */
    static long occurredAt(String json) {
        int key = json == null ? -1 : json.indexOf(OCCURRED_AT);
        if (key < 0) {
            return 0;
        }
        int from = key + OCCURRED_AT.length();
        int to = json.indexOf('"', from);
        try {
            return to < 0 ? 0 : Instant.parse(json.substring(from, to)).toEpochMilli();
        } catch (java.time.DateTimeException notATime) {
            return 0;
        }
    }
}
