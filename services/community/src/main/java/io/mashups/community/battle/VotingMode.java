package io.mashups.community.battle;

import io.mashups.messaging.persistence.LowerCaseEnumColumn;
import io.mashups.messaging.persistence.WireWord;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Blind voting hides counts, ranks and scores from everyone until the battle is decided; open shows them live. */
public enum VotingMode implements WireWord {
    BLIND,
    OPEN;

    /** The constant a validated request names. */
    public static VotingMode of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    @Converter(autoApply = true)
    public static class Column extends LowerCaseEnumColumn<VotingMode> {
        public Column() {
            super(VotingMode.class);
        }
    }
}
