package io.mashups.jobs;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link JobStatus} as its lower-case word, as the table's check constraint and the API say it. */
@Converter(autoApply = true)
public class JobStatusColumn implements AttributeConverter<JobStatus, String> {
    @Override
    public String convertToDatabaseColumn(JobStatus status) {
        return status == null ? null : status.wire();
    }

    @Override
    public JobStatus convertToEntityAttribute(String column) {
        return column == null ? null : JobStatus.of(column);
    }
}
