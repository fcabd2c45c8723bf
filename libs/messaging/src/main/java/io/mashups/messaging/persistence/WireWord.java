package io.mashups.messaging.persistence;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An enum whose constants are written as their lower-case names: in tables (with a {@link LowerCaseEnumColumn}), in
 * JSON (job requests, views) and in events.
 */
public interface WireWord {
    String name();

    /** The constant's word: {@code COMPLETED} is {@code completed}. */
    @JsonValue
    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
