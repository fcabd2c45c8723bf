package io.mashups.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/**
 * The fleet's one JSON configuration, for everything but the REST layer's bodies (Quarkus' own mapper): event data,
 * what services store as JSON, and what they read from tools and providers. ISO-8601 times kept in their offset, nulls
 * left out, unknown fields ignored (providers and newer writers add them); instants read by {@link Instants}.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            // registered after the time module: the later module's reader wins
            .registerModule(
                    new SimpleModule("fast-instants").addDeserializer(Instant.class, new Instants.Deserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Json() {}

    /** The shared mapper; thread-safe to use, never to reconfigure ({@code copy()} it for that). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
