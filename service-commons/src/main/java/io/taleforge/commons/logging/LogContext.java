package io.taleforge.commons.logging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.logging.MDC;

/**
 * The story, scene and attempt being handled, as MDC fields of every log line written until it is
 * closed: in production the JSON console log carries them as {@code mdc.storyId},
 * {@code mdc.scene} and {@code mdc.attempt}. Opened with try-with-resources where a message or a
 * job starts being handled (a consumer, a worker); closing restores what the fields held before,
 * so a pooled thread carries no ids into its next task. A null id is left out.
 */
public final class LogContext implements AutoCloseable {

    public static final String STORY = "storyId";
    public static final String SCENE = "scene";
    public static final String ATTEMPT = "attempt";

    private final Map<String, Object> previous = new LinkedHashMap<>();

    private LogContext(Map<String, Object> fields) {
        fields.forEach((key, value) -> previous.put(key, MDC.put(key, value)));
    }

    /** The ids of one scene's attempt (any of them may be null). */
    public static LogContext of(Object storyId, Object scene, Object attempt) {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, STORY, storyId);
        put(fields, SCENE, scene);
        put(fields, ATTEMPT, attempt);
        return new LogContext(fields);
    }

    private static void put(Map<String, Object> fields, String key, Object value) {
        if (value != null) {
            fields.put(key, String.valueOf(value));
        }
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
