package io.taleforge.gateway.model;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.vertx.core.buffer.Buffer;

/**
 * One entry of a story's event stream ({@code id} is the Redis stream entry id and the SSE id),
 * a {@link #reload(String)}, or a heartbeat ({@link #heartbeat()}: no id, no event).
 *
 * <p>Its SSE frame ({@link #frame()}) is serialised once, when the entry is read, and the same
 * buffer is written to every browser of the story: 500 browsers of one story cost one
 * serialisation per event, not 500.
 */
public final class StreamEntry {

    /** The event that tells a client to read the whole state again: the buffer could not replay a gap. */
    public static final String RELOAD = "reload";

    private static final StreamEntry HEARTBEAT = new StreamEntry(null, null, null);

    private final String id;
    private final String event;
    private final String data;
    private final Buffer frame;

    public StreamEntry(String id, String event, String data) {
        this.id = id;
        this.event = event;
        this.data = data;
        this.frame = Buffer.buffer(frame(id, event, data).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code reload}, with the id the client resumes from after it reloaded. */
    public static StreamEntry reload(String resumeFrom) {
        return new StreamEntry(resumeFrom, RELOAD, "{\"reason\":\"the events since your last id are no longer kept\"}");
    }

    public static StreamEntry heartbeat() {
        return HEARTBEAT;
    }

    public String id() {
        return id;
    }

    public String event() {
        return event;
    }

    public String data() {
        return data;
    }

    public boolean isHeartbeat() {
        return event == null;
    }

    /** The entry as written on the wire ({@code id:}, {@code event:}, {@code data:} lines; a heartbeat is a comment). */
    public Buffer frame() {
        return frame;
    }

    private static String frame(String id, String event, String data) {
        if (event == null) {
            return ":heartbeat\n\n";
        }
        StringBuilder text = new StringBuilder(32 + event.length() + (data == null ? 0 : data.length()));
        if (id != null) {
            text.append("id:").append(id).append('\n');
        }
        text.append("event:").append(event).append('\n');
        for (String line : (data == null ? "" : data).split("\r\n|\r|\n", -1)) {
            text.append("data:").append(line).append('\n');
        }
        return text.append('\n').toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamEntry that && Objects.equals(id, that.id) && Objects.equals(event, that.event)
                && Objects.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, event, data);
    }

    @Override
    public String toString() {
        return "StreamEntry[id=" + id + ", event=" + event + "]";
    }
}
