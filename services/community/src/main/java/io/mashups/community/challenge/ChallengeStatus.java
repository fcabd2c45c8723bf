package io.mashups.community.challenge;

import io.mashups.messaging.persistence.LowerCaseEnumColumn;
import io.mashups.messaging.persistence.WireWord;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Where a challenge is: not started, taking submissions (its board frozen near the end), ranked, or called off. */
public enum ChallengeStatus implements WireWord {
    UPCOMING,
    ACTIVE,
    COMPLETED,
    CANCELLED;

    public static ChallengeStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    @Converter(autoApply = true)
    public static class Column extends LowerCaseEnumColumn<ChallengeStatus> {
        public Column() {
            super(ChallengeStatus.class);
        }
    }
}
