package io.mashups.audio.upload;

import io.mashups.messaging.persistence.LowerCaseEnumColumn;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Where an upload is: its file not yet checked, stored once ffprobe accepted it, or rejected with a reason. */
public enum UploadStatus {
    PENDING,
    STORED,
    REJECTED;

    /** The word stored and shown: {@code pending}, {@code stored}, {@code rejected}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Converter(autoApply = true)
    public static class Column extends LowerCaseEnumColumn<UploadStatus> {
        public Column() {
            super(UploadStatus.class);
        }
    }
}
