package io.mashups.community.battle;

import io.mashups.messaging.persistence.LowerCaseEnumColumn;
import io.mashups.messaging.persistence.WireWord;
import jakarta.persistence.Converter;
import java.util.Locale;

/** How entries meet: every entry against every other ranked by votes (open), or a single or double elimination bracket. */
public enum BattleFormat implements WireWord {
    OPEN,
    SINGLE,
    DOUBLE;

    /** The constant a validated request names. */
    public static BattleFormat of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    @Converter(autoApply = true)
    public static class Column extends LowerCaseEnumColumn<BattleFormat> {
        public Column() {
            super(BattleFormat.class);
        }
    }
}
