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
 * Request bodies are one JSON value whose objects name each member once: a repeated name ({@code {"a": 1, "a": 2}})
 * or a second value after the first is a 400 problem, never silently resolved one way (or, for records, a 500). No
 * string holds a NUL character ({@code \u0000}): PostgreSQL cannot store or compare one (a 500), and no field of ours
 * means one; it is a 400 naming the field.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.registerModule(new SimpleModule("no-nul-strings").addDeserializer(String.class, new NoNulStrings()));
    }

    /** Jackson's own string reading, refusing a NUL character. */
    static final class NoNulStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw new NulInString(parser, value);
            }
            return value;
        }
    }

    /** A string with a NUL character; answered like a field that fails validation. */
    static final class NulInString extends InvalidFormatException {
        NulInString(JsonParser parser, String value) {
            super(parser, "a NUL character", value.replace("\0", "\\u0000"), String.class);
        }
    }
}
