package io.mashups.community;

/** What ids and texts from clients may hold: no NUL or other control characters (Postgres refuses NUL in text). */
public final class Inputs {
    /** An id: 1 to 100 characters, none of them a control character. */
    public static final String ID = "[^\\x00-\\x1f\\x7f]{1,100}";

    public static final String ID_MESSAGE = "must be an id of 1 to 100 characters without control characters";

    /** A text: tabs and line breaks allowed, no other control character. */
    public static final String TEXT = "[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]*";

    public static final String TEXT_MESSAGE = "must not contain control characters";

    private Inputs() {}
}
