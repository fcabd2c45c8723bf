package io.mashups.web;

import java.util.List;
import java.util.Map;

/** Thrown by domain code to answer with a problem; the edge maps it to its status and body. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()));
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "bad-request", "Bad request", detail));
    }

    /** One or more fields are invalid; {@code errors} maps each field to what is wrong with it. */
    public static ProblemException invalid(Map<String, String> errors) {
        List<Map<String, String>> list = errors.entrySet().stream()
                .map(e -> Map.of("field", e.getKey(), "message", e.getValue()))
                .toList();
        return new ProblemException(Problem.of(400, "validation", "Invalid request", "One or more fields are invalid")
                .with("errors", list));
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what + " " + id + " does not exist"));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(Problem.of(422, "unprocessable", "Unprocessable content", detail));
    }

    /**
     * A tier limit was reached: 402 with the limit's name, the allowance, what was used and where to upgrade.
     * {@code allowed} is null where the limit is a missing feature rather than a count.
     */
    public static ProblemException limitReached(
            String limit, Integer allowed, long used, String tier, String upgradePath) {
        Problem problem = Problem.of(
                        402,
                        "limit-reached",
                        "Plan limit reached",
                        allowed == null
                                ? "Your " + tier + " plan does not include " + limit
                                : "Your " + tier + " plan allows " + allowed + " " + limit + "; you have used " + used)
                .with("limit", limit)
                .with("used", used)
                .with("tier", tier)
                .with("upgrade", upgradePath);
        return new ProblemException(allowed == null ? problem : problem.with("allowed", allowed));
    }

    /** A provider we depend on failed or answered nonsense. */
    public static ProblemException badGateway(String detail) {
        return new ProblemException(Problem.of(502, "bad-gateway", "Provider failed", detail));
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(503, "unavailable", "Service unavailable", detail));
    }
}
