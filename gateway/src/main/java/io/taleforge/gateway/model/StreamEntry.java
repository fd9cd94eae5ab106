package io.taleforge.gateway.model;

/**
 * One entry of a story's event stream ({@code id} is the Redis stream entry id and the SSE id),
 * a {@link #reload(String)}, or a heartbeat ({@link #heartbeat()}: no id, no event).
 */
public record StreamEntry(String id, String event, String data) {

    private static final StreamEntry HEARTBEAT = new StreamEntry(null, null, null);

    /** The event that tells a client to read the whole state again: the buffer could not replay a gap. */
    public static final String RELOAD = "reload";

    /** {@code reload}, with the id the client resumes from after it reloaded. */
    public static StreamEntry reload(String resumeFrom) {
        return new StreamEntry(resumeFrom, RELOAD, "{\"reason\":\"the events since your last id are no longer kept\"}");
    }

    public static StreamEntry heartbeat() {
        return HEARTBEAT;
    }

    public boolean isHeartbeat() {
        return event == null;
    }
}
