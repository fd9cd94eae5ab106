package io.taleforge.gateway.rest;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.SseEventSink;

import io.quarkus.logging.Log;
import io.taleforge.gateway.model.StreamEntry;
import io.taleforge.gateway.service.EventFeed;
import io.taleforge.gateway.service.FeedSink;
import io.taleforge.gateway.service.StreamId;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.impl.ContextInternal;

/**
 * One browser's SSE response, written straight onto its HTTP connection: each entry's frame,
 * serialised once per story ({@link StreamEntry#frame()}), is the very buffer written to every
 * browser, with no per-browser serialisation, reactive chain or writer lookup on the way. The
 * writes run on the connection's own event loop ({@link #loop()}), where the story's fan-out
 * groups them: one task per loop for all its browsers. The {@link SseEventSink} only keeps the
 * request open; it is closed when the stream ends.
 *
 * <p>A browser whose connection stopped taking data (its write queue full) is cut off: like any
 * {@code EventSource} it comes back with its {@code Last-Event-ID} and is replayed what it missed,
 * so a slow reader never holds memory for the others. A closed connection is noticed at the next
 * write (a heartbeat at the latest) and leaves the story's feed.
 */
final class EventStreamResponse implements FeedSink {

    private static final Buffer HEAD = Buffer.buffer();

    private final String storyId;
    private final HttpServerResponse response;
    private final SseEventSink sink;
    private final Executor loop;
    private final AtomicBoolean over = new AtomicBoolean();

    private EventStreamResponse(String storyId, HttpServerRequest request, SseEventSink sink) {
        this.storyId = storyId;
        this.response = request.response();
        this.sink = sink;
        this.loop = eventLoop(request);
    }

    /** Sends the head now (so no frame can race the framework's own), then the feed as it comes. */
    static void stream(String storyId, Optional<StreamId> lastEventId, EventFeed feed, HttpServerRequest request,
            SseEventSink sink) {
        request.response().setStatusCode(200).setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.SERVER_SENT_EVENTS)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .write(HEAD);
        feed.follow(storyId, lastEventId, new EventStreamResponse(storyId, request, sink));
    }

    /** The event loop that owns the connection (writes there need no hop); null if it cannot be told. */
    private static Executor eventLoop(HttpServerRequest request) {
        Context context = request instanceof HttpServerRequestInternal internal ? internal.context() : null;
        return context instanceof ContextInternal owner ? owner.nettyEventLoop() : null;
    }

    @Override
    public Executor loop() {
        return loop;
    }

    @Override
    public boolean write(Buffer frames) {
        if (over.get()) {
            return false;
        }
        if (response.closed()) {
            end();
            return false;
        }
        if (response.writeQueueFull()) {
            Log.infof("event stream cut off, the browser does not read storyId=%s (it resumes with its Last-Event-ID)",
                    storyId);
            response.close();
            end();
            return false;
        }
        try {
            response.write(frames);
            return true;
        } catch (IllegalStateException closed) {
            end();
            return false;
        }
    }

    @Override
    public void end() {
        if (!over.compareAndSet(false, true)) {
            return;
        }
        try {
            sink.close();
        } catch (RuntimeException alreadyClosed) {
            Log.debugf("event stream of storyId=%s closed already: %s", storyId, alreadyClosed.getMessage());
        }
    }
}
