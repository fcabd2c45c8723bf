package io.mashups.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure a resource can raise to an RFC 9457 problem, so no client sees a bare stack trace or empty body. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", fieldName(v.getPropertyPath().toString()), "message", v.getMessage()))
                .sorted((a, b) -> a.get("field").compareTo(b.get("field")))
                .collect(Collectors.toList());
        return respond(
                Problem.of(400, "validation", "Invalid request", "One or more fields are invalid")
                        .with("errors", errors),
                uri);
    }

    @ServerExceptionMapper({JsonProcessingException.class})
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof StrictJson.UnstorableCharacter unstorable) {
            return respond(
                    ProblemException.invalid(Map.of(path(unstorable), unstorable.reason))
                            .problem(),
                    uri);
        }
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "Unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f) {
            detail = "Field '" + path(f) + "' has an invalid value: " + f.getValue();
        } else if (e instanceof com.fasterxml.jackson.core.JsonParseException p
                && p.getOriginalMessage().startsWith("Duplicate field")) {
            detail = p.getOriginalMessage() + ": a field may appear once in an object";
        } else if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            detail = "Field '" + path(m) + "' has the wrong type";
        } else {
            detail = "The body is not valid JSON";
        }
        return respond(Problem.of(400, "malformed-body", "Malformed request body", detail), uri);
    }

    /** Jackson's wrong-type errors; outranks the REST layer's built-in mapper, which answers plain JSON. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mistypedJson(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(respond(AuthProblems.unauthorized(), uri))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(AuthProblems.forbidden(), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status == 404 && e.getCause() instanceof IllegalArgumentException badParameter) {
            // JAX-RS answers 404 for a query parameter it cannot convert; to a client that is bad input
            return respond(
                    Problem.of(
                            400,
                            "invalid-parameter",
                            "Invalid parameter",
                            "A query or path parameter has an invalid value: " + badParameter.getMessage()),
                    uri);
        }
        if (status >= 500) {
            LOG.errorf(e, "request to %s failed", uri.getPath());
        }
        String detail = status >= 500 ? null : e.getMessage();
        Response.ResponseBuilder builder = Response.fromResponse(
                respond(Problem.ofStatus(status, e.getResponse().getStatusInfo().getReasonPhrase(), detail), uri));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return respond(
                Problem.of(500, "internal", "Internal error", "The request failed unexpectedly; it has been logged"),
                uri);
    }

    /** The problem as a response, located at the request's path when it names no instance. */
    public static Response respond(Problem problem, UriInfo uri) {
        Problem located = problem.instance() == null && uri != null ? problem.at(uri.getPath()) : problem;
        return Response.status(located.status())
                .type(Problem.MEDIA_TYPE)
                .entity(located)
                .build();
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    /** "create.arg0.tier" becomes "tier": clients know fields, not Java parameter positions. */
    private static String fieldName(String propertyPath) {
        String[] parts = propertyPath.split("\\.");
        int start = parts.length > 2 ? 2 : parts.length - 1;
        return String.join(".", java.util.Arrays.copyOfRange(parts, start, parts.length));
    }
}
