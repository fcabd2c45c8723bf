package io.mashups.jobs;

/** A job cannot succeed whatever the attempt (bad input, unmixable songs): it fails at once with this reason. */
public class JobFailure extends Exception {
    public JobFailure(String reason) {
        super(reason);
    }
}
