package io.mashups.trends.source;

/**
 * The provider refused for quota (YouTube's {@code quotaExceeded}): the source stops until its quota resets. Not a
 * fault of the source, so it does not count toward its circuit breaker.
 */
public class QuotaExceededException extends RuntimeException {
    private final int requests;

    public QuotaExceededException(String message, int requests) {
        super(message);
        this.requests = requests;
    }

    /** Requests made before the refusal, the refused one included (each spent quota). */
    public int requests() {
        return requests;
    }
}
