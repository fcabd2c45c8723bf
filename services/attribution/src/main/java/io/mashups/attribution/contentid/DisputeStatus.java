package io.mashups.attribution.contentid;

import io.mashups.messaging.persistence.LowerCaseEnumColumn;
import io.mashups.messaging.persistence.WireWord;
import jakarta.persistence.Converter;

/** Where the owner's dispute of a block stands: open, upheld (still blocked) or released. */
public enum DisputeStatus implements WireWord {
    OPEN,
    UPHELD,
    RELEASED;

    @Converter(autoApply = true)
    public static class Column extends LowerCaseEnumColumn<DisputeStatus> {
        public Column() {
            super(DisputeStatus.class);
        }
    }
}
