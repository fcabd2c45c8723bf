package io.mashups.community.challenge;

import io.mashups.messaging.persistence.LowerCaseEnumColumn;
import io.mashups.messaging.persistence.WireWord;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Daily and weekly challenges come from the rota (or an admin); special ones from admins only. */
public enum ChallengeType implements WireWord {
    DAILY,
    WEEKLY,
    SPECIAL;

    public static ChallengeType of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    @Converter(autoApply = true)
    public static class Column extends LowerCaseEnumColumn<ChallengeType> {
        public Column() {
            super(ChallengeType.class);
        }
    }
}
