package io.taleforge.gateway.model;

/**
 * One entry of a story's event stream ({@code id} is the Redis stream entry id and the SSE id),
 * or a heartbeat ({@link #heartbeat()}: no id, no event).
 */
public record StreamEntry(String id, String event, String data) {

    private static final StreamEntry HEARTBEAT = new StreamEntry(null, null, null);

    public static StreamEntry heartbeat() {
        return HEARTBEAT;
    }

    public boolean isHeartbeat() {
        return event == null;
    }
}
