package io.mashups.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * JSON is one value whose objects name each member once: a repeated name ({@code {"a": 1, "a": 2}}) or a second value
 * after the first is a 400 problem, never silently resolved one way (or, for records, a 500).
 *
 * <p>Request bodies also hold no character we cannot store or show as text: a NUL (PostgreSQL cannot store or compare
 * one: a 500), another C0 control character or DEL (tab, line feed and carriage return excepted: lyrics and
 * descriptions have lines), or half of a surrogate pair (written to the database as {@code ?}, silently changing the
 * text). Each is a 400 naming the field. That check is for bodies only ({@link RequestBodies}): the same mapper reads
 * token claims (through Vert.x's JSON), whose names we clean ourselves and must not refuse a token for.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The REST layer's mapper for request bodies: the application's, refusing strings we cannot store. */
    @jakarta.ws.rs.ext.Provider
    public static class RequestBodies implements jakarta.ws.rs.ext.ContextResolver<ObjectMapper> {
        private final ObjectMapper mapper;

        public RequestBodies(ObjectMapper application) {
            this.mapper = application
                    .copy()
                    .registerModule(
                            new SimpleModule("storable-strings").addDeserializer(String.class, new StorableStrings()));
        }

        @Override
        public ObjectMapper getContext(Class<?> type) {
            return mapper;
        }
    }

    /** Jackson's own string reading, refusing characters no text field of ours means. */
    static final class StorableStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null) {
                String problem = unstorable(value);
                if (problem != null) {
                    throw new UnstorableCharacter(parser, value, problem);
                }
            }
            return value;
        }
    }

    /** Why {@code value} cannot be stored as text, or null when it can. */
    static String unstorable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return "must not contain a NUL character";
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return String.format("must not contain the control character U+%04X", (int) c);
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("must not contain an unpaired surrogate (U+%04X)", (int) c);
            }
        }
        return null;
    }

    /** A string with a character we cannot store; answered like a field that fails validation. */
    static final class UnstorableCharacter extends InvalidFormatException {
        final String reason;

        UnstorableCharacter(JsonParser parser, String value, String reason) {
            super(parser, reason, escaped(value), String.class);
            this.reason = reason;
        }

        private static String escaped(String value) {
            StringBuilder out = new StringBuilder(value.length());
            value.chars()
                    .forEach(c -> out.append(
                            c < 0x20 || c == 0x7f || Character.isSurrogate((char) c)
                                    ? String.format("\\u%04x", c)
                                    : String.valueOf((char) c)));
            return out.toString();
        }
    }
}
