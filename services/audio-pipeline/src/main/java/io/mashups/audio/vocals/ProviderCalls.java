package io.mashups.audio.vocals;

import io.mashups.jobs.JobFailure;
import java.io.IOException;

/** How the vocal providers' answers are judged: a refusal fails the job for good, anything else may be retried. */
final class ProviderCalls {
    private ProviderCalls() {}

    /** The body of a 2xx answer; a 4xx is a {@link JobFailure} (retrying cannot mend it), a 5xx an IOException. */
    static String checked(String provider, int status, String body) throws IOException, JobFailure {
        if (status / 100 == 2) {
            return body;
        }
        String message = body.length() > 300 ? body.substring(0, 300) : body;
        String reason = provider + " answered " + status + ": " + message;
        if (status / 100 == 4 && status != 429) {
            throw new JobFailure(reason);
        }
        throw new IOException(reason);
    }
}
