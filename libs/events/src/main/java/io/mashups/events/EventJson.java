package io.mashups.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Event data as JSON, in the fleet's one configuration ({@link Json}): readers ignore fields they do not know. */
public final class EventJson {
    private static final ObjectMapper MAPPER = Json.mapper();

    public static byte[] write(Object data) {
        try {
            return MAPPER.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be serialized: " + e.getOriginalMessage(), e);
        }
    }

    /** {@link #write} as text: how SQL statements take a batch of rows as one JSON parameter. */
    public static String writeString(Object data) {
        return new String(write(data), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new MalformedEventException(
                    "event data is not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    private EventJson() {}

    /** Thrown for data that cannot be read as its declared type; consumers send such events to the dead-letter topic. */
    public static final class MalformedEventException extends UncheckedIOException {
        public MalformedEventException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
