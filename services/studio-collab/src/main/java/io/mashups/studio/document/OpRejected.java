package io.mashups.studio.document;

/**
 * An op the document cannot take: malformed, naming something missing or deleted, or reusing an id. Every replica
 * rejects the same ops, because the document and the order are the same everywhere.
 */
public class OpRejected extends RuntimeException {
    public static final String INVALID = "invalid-op";
    public static final String UNKNOWN = "unknown-op";
    public static final String NOT_FOUND = "not-found";
    public static final String CONFLICT = "conflict";

    private final String code;

    public OpRejected(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    static OpRejected invalid(String message) {
        return new OpRejected(INVALID, message);
    }
}
