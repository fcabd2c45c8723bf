package io.mashups.jobs;

import io.mashups.messaging.persistence.LowerCaseEnumColumn;
import jakarta.persistence.Converter;

/** Stores {@link JobStatus} as its lower-case word, as the table's check constraint and the API say it. */
@Converter(autoApply = true)
public class JobStatusColumn extends LowerCaseEnumColumn<JobStatus> {
    public JobStatusColumn() {
        super(JobStatus.class);
    }
}
