package io.mashups.attribution.matching;

import io.mashups.messaging.persistence.LowerCaseEnumColumn;
import io.mashups.messaging.persistence.WireWord;
import jakarta.persistence.Converter;

/** Where an attribution is: not yet matched (no row), completed with its sources, or failed with the reason. */
public enum AttributionStatus implements WireWord {
    PENDING,
    COMPLETED,
    FAILED;

    @Converter(autoApply = true)
    public static class Column extends LowerCaseEnumColumn<AttributionStatus> {
        public Column() {
            super(AttributionStatus.class);
        }
    }
}
