package io.mashups.attribution.matching;

import io.mashups.messaging.persistence.LowerCaseEnumColumn;
import io.mashups.messaging.persistence.WireWord;
import jakarta.persistence.Converter;

/** What is attributed: a stored upload (also looked up on AcoustID) or a rendered mashup (also given a verdict). */
public enum Subject implements WireWord {
    UPLOAD,
    MASHUP;

    @Converter(autoApply = true)
    public static class Column extends LowerCaseEnumColumn<Subject> {
        public Column() {
            super(Subject.class);
        }
    }
}
