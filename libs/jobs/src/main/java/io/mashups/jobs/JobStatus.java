package io.mashups.jobs;

import io.mashups.messaging.persistence.WireWord;
import java.util.Locale;

/** Where a job is: waiting, running on a worker, or finished one of three ways. */
public enum JobStatus implements WireWord {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public static JobStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
