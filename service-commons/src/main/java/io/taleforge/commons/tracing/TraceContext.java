package io.taleforge.commons.tracing;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The current trace in W3C form, for what leaves the request thread and comes back later: the
 * outbox stores {@link #traceparent()} with its row and the relay publishes under
 * {@link #parse}; the journal keeps {@link #traceId()}. With the SDK off every answer is empty.
 */
public final class TraceContext {

    /** The W3C header that carries the trace. */
    public static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContext() {
    }

    /** The current span as a {@code traceparent} value, or null when no trace is being recorded. */
    public static String traceparent() {
        return traceparent(Context.current());
    }

    /**
     * {@code context}'s span as a {@code traceparent} value, or null when it records no trace: for a
     * context handed over with a message rather than current on this thread.
     */
    public static String traceparent(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The current trace id (32 hex digits), or null when no trace is being recorded. */
    public static String traceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    /** The context a stored {@code traceparent} names (the root context when it is null or malformed). */
    public static Context parse(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceparent),
                MAP_GETTER);
    }
}
