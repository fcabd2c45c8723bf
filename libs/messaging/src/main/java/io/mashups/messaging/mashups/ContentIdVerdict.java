package io.mashups.messaging.mashups;

import io.mashups.messaging.persistence.LowerCaseEnumColumn;
import io.mashups.messaging.persistence.WireWord;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Content ID's verdict on a mashup ({@code attribution.verdict}): allowed, allowed crediting its sources, or blocked. */
public enum ContentIdVerdict implements WireWord {
    ALLOWED,
    ATTRIBUTE,
    BLOCKED;

    /** The verdict an event names. */
    public static ContentIdVerdict of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    @Converter(autoApply = true)
    public static class Column extends LowerCaseEnumColumn<ContentIdVerdict> {
        public Column() {
            super(ContentIdVerdict.class);
        }
    }
}
