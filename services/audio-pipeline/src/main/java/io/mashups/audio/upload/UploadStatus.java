package io.mashups.audio.upload;

import io.mashups.messaging.persistence.LowerCaseEnumColumn;
import io.mashups.messaging.persistence.WireWord;
import jakarta.persistence.Converter;

/** Where an upload is: its file not yet checked, stored once ffprobe accepted it, or rejected with a reason. */
public enum UploadStatus implements WireWord {
    PENDING,
    STORED,
    REJECTED;

    @Converter(autoApply = true)
    public static class Column extends LowerCaseEnumColumn<UploadStatus> {
        public Column() {
            super(UploadStatus.class);
        }
    }
}
