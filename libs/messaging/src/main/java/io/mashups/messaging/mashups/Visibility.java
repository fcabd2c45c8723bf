package io.mashups.messaging.mashups;

import io.mashups.messaging.persistence.LowerCaseEnumColumn;
import io.mashups.messaging.persistence.WireWord;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Who sees a mashup: its owner only, anyone with its link, or everyone (listed on the owner's profile). */
public enum Visibility implements WireWord {
    PRIVATE,
    UNLISTED,
    PUBLIC;

    /** The visibility an event or a validated request names. */
    public static Visibility of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** Whether others than the owner may read it (unlisted: whoever has the id). */
    public boolean readableByOthers() {
        return this != PRIVATE;
    }

    @Converter(autoApply = true)
    public static class Column extends LowerCaseEnumColumn<Visibility> {
        public Column() {
            super(Visibility.class);
        }
    }
}
