package io.mashups.attribution.catalogue;

import io.mashups.messaging.persistence.LowerCaseEnumColumn;
import io.mashups.messaging.persistence.WireWord;
import jakarta.persistence.Converter;
import java.util.Locale;

/** What a claim asks of mashups that use its reference: block them, allow them, or credit the source. */
public enum Policy implements WireWord {
    BLOCK,
    ALLOW,
    ATTRIBUTE;

    /** The policy a request names (already validated as one of the words). */
    public static Policy of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    @Converter(autoApply = true)
    public static class Column extends LowerCaseEnumColumn<Policy> {
        public Column() {
            super(Policy.class);
        }
    }
}
