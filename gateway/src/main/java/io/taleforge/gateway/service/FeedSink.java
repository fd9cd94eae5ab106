package io.taleforge.gateway.service;

import java.util.concurrent.Executor;

import io.vertx.core.buffer.Buffer;

/**
 * One browser's connection as the feed sees it. Every write for it runs on its {@link #loop()}, one
 * after the other in the order the feed handed them over, so a story's fan-out costs one task per
 * event loop (writing the same buffer to each of that loop's browsers), not one per browser.
 */
public interface FeedSink {

    /** The connection's event loop; null writes at once on the caller's thread (tests). */
    Executor loop();

    /** Writes frames on the loop; false when the browser is gone or was cut off (it then leaves the feed). */
    boolean write(Buffer frames);

    /** Ends the stream (a failed read past its deadline): the browser resumes with its Last-Event-ID. */
    void end();
}
