package io.mashups.trends.source;

/** A source could not be read: unreachable, an error status, a body that is not what it documents. */
public class SourceException extends RuntimeException {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
