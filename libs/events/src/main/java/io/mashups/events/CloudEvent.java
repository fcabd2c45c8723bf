package io.mashups.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in binary content mode: attributes travel as {@code ce_*} headers, the JSON data as the
 * message value. {@code id} is unique per event and is the consumers' idempotency key; {@code subject} is the
 * aggregate id and also the Kafka key.
 */
public record CloudEvent(String id, URI source, String type, String subject, Instant time, byte[] data) {
    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    public static final String HEADER_ID = "ce_id";
    public static final String HEADER_SOURCE = "ce_source";
    public static final String HEADER_TYPE = "ce_type";
    public static final String HEADER_SUBJECT = "ce_subject";
    public static final String HEADER_TIME = "ce_time";
    public static final String HEADER_SPEC_VERSION = "ce_specversion";
    public static final String HEADER_CONTENT_TYPE = "content-type";

    public CloudEvent {
        requireText(id, "id");
        Objects.requireNonNull(source, "source");
        requireText(type, "type");
        requireText(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** A new event with a fresh id and the current time. */
    public static <T extends EventData> CloudEvent of(EventType<T> type, URI source, String subject, T data) {
        if (!type.dataClass().isInstance(data)) {
            throw new IllegalArgumentException(
                    type.name() + " carries " + type.dataClass().getSimpleName() + ", not "
                            + data.getClass().getSimpleName());
        }
        return new CloudEvent(
                UUID.randomUUID().toString(), source, type.name(), subject, Instant.now(), EventJson.write(data));
    }

    /** Reads the data as the given type; fails if this event is of another type. */
    public <T extends EventData> T dataAs(EventType<T> expected) {
        if (!expected.name().equals(type)) {
            throw new IllegalArgumentException("event " + id + " is " + type + ", not " + expected.name());
        }
        return EventJson.read(data, expected.dataClass());
    }

    public boolean is(EventType<?> candidate) {
        return candidate.name().equals(type);
    }

    /** The {@code ce_*} headers of binary content mode. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER_SPEC_VERSION, SPEC_VERSION);
        headers.put(HEADER_ID, id);
        headers.put(HEADER_SOURCE, source.toString());
        headers.put(HEADER_TYPE, type);
        headers.put(HEADER_SUBJECT, subject);
        headers.put(HEADER_TIME, time.toString());
        headers.put(HEADER_CONTENT_TYPE, CONTENT_TYPE);
        return headers;
    }

    /** Rebuilds an event from binary-mode headers and data; rejects a message that is not a CloudEvents 1.0 event. */
    public static CloudEvent fromHeaders(Map<String, String> headers, byte[] data) {
        if (!SPEC_VERSION.equals(headers.get(HEADER_SPEC_VERSION))) {
            throw new IllegalArgumentException("not a CloudEvents " + SPEC_VERSION + " message: ce_specversion="
                    + headers.get(HEADER_SPEC_VERSION));
        }
        try {
            return new CloudEvent(
                    headers.get(HEADER_ID),
                    URI.create(required(headers, HEADER_SOURCE)),
                    headers.get(HEADER_TYPE),
                    headers.get(HEADER_SUBJECT),
                    Instant.parse(required(headers, HEADER_TIME)),
                    data == null ? new byte[0] : data);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("ce_time is not an RFC 3339 timestamp: " + headers.get(HEADER_TIME), e);
        }
    }

    public String dataAsString() {
        return new String(data, StandardCharsets.UTF_8);
    }

    private static String required(Map<String, String> headers, String name) {
        String value = headers.get(name);
        requireText(value, name);
        return value;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("CloudEvent attribute '" + name + "' is required");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CloudEvent that
                && id.equals(that.id)
                && source.equals(that.source)
                && type.equals(that.type)
                && subject.equals(that.subject)
                && time.equals(that.time)
                && java.util.Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "CloudEvent[id=" + id + ", type=" + type + ", subject=" + subject + ", time=" + time + "]";
    }
}
