package io.mashups.messaging;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/**
 * A trace carried where OpenTelemetry's own instrumentation cannot carry it: in an outbox row until the relay
 * publishes it, and in a job row until a worker runs it. Stored as the W3C {@code traceparent} value, which is also
 * the Kafka record header SmallRye Reactive Messaging's consumers continue the trace from.
 */
public final class TraceContext {
    public static final String HEADER = "traceparent";

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContext() {}

    /** The current span's traceparent; null outside any sampled trace (or where tracing is off). */
    public static String current() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The context a stored traceparent names, to start spans in; the root context for null or a malformed value. */
    public static Context of(String traceParent) {
        if (traceParent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(HEADER, traceParent), MAP);
    }
}
