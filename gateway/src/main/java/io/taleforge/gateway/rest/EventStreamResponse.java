package io.taleforge.gateway.rest;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.SseEventSink;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.taleforge.gateway.model.StreamEntry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * One browser's SSE response, written straight onto its HTTP connection: each entry's frame,
 * serialised once per story ({@link StreamEntry#frame()}), is the very buffer written to every
 * browser, with no per-browser serialisation and no per-event writer lookup on the way. The
 * {@link SseEventSink} only keeps the request open; it is closed when the feed ends.
 *
 * <p>A browser whose connection stopped taking data (its write queue full) is cut off: like any
 * {@code EventSource} it comes back with its {@code Last-Event-ID} and is replayed what it missed,
 * so a slow reader never holds memory for the others. A closed connection is noticed at the next
 * write (a heartbeat at the latest) and leaves the story's feed.
 */
final class EventStreamResponse {

    private static final Buffer HEAD = Buffer.buffer();

    private final String storyId;
    private final HttpServerResponse response;
    private final SseEventSink sink;
    private final AtomicReference<Cancellable> subscription = new AtomicReference<>();
    private final AtomicBoolean over = new AtomicBoolean();

    private EventStreamResponse(String storyId, HttpServerResponse response, SseEventSink sink) {
        this.storyId = storyId;
        this.response = response;
        this.sink = sink;
    }

    /** Sends the head now (so no frame can race the framework's own), then the feed as it comes. */
    static void stream(String storyId, Multi<StreamEntry> feed, HttpServerResponse response, SseEventSink sink) {
        response.setStatusCode(200).setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.SERVER_SENT_EVENTS)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .write(HEAD);
        EventStreamResponse stream = new EventStreamResponse(storyId, response, sink);
        stream.subscription.set(feed.subscribe().with(stream::write, stream::failed, stream::end));
        if (stream.over.get()) {
            stream.subscription.get().cancel();
        }
    }

    private void write(StreamEntry entry) {
        if (over.get()) {
            return;
        }
        if (response.closed()) {
            end();
            return;
        }
        if (response.writeQueueFull()) {
            Log.infof("event stream cut off, the browser does not read storyId=%s (it resumes with its Last-Event-ID)",
                    storyId);
            response.close();
            end();
            return;
        }
        try {
            response.write(entry.frame());
        } catch (IllegalStateException closed) {
            end();
        }
    }

    private void failed(Throwable failure) {
        end(); // the browser reconnects with its Last-Event-ID (the failure itself is logged by the feed)
    }

    private void end() {
        if (!over.compareAndSet(false, true)) {
            return;
        }
        Cancellable feed = subscription.get();
        if (feed != null) {
            feed.cancel();
        }
        try {
            sink.close();
        } catch (RuntimeException alreadyClosed) {
            Log.debugf("event stream of storyId=%s closed already: %s", storyId, alreadyClosed.getMessage());
        }
    }
}
