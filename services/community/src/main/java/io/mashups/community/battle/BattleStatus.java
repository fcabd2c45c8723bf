package io.mashups.community.battle;

import io.mashups.messaging.persistence.LowerCaseEnumColumn;
import io.mashups.messaging.persistence.WireWord;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Where a battle is: entries not yet open, entries open, voting, decided, or called off. */
public enum BattleStatus implements WireWord {
    UPCOMING,
    ACTIVE,
    VOTING,
    COMPLETED,
    CANCELLED;

    /** The constant a validated request names. */
    public static BattleStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    @Converter(autoApply = true)
    public static class Column extends LowerCaseEnumColumn<BattleStatus> {
        public Column() {
            super(BattleStatus.class);
        }
    }
}
