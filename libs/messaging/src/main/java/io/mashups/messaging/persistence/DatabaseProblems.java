package io.mashups.messaging.persistence;

import io.mashups.web.Problem;
import io.mashups.web.ProblemMappers;
import io.vertx.sqlclient.DatabaseException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A database that turns connections away (too many clients, starting or shutting down) is a 503 the client may
 * retry, not a 500: the request was fine. Everything else goes on to the last resort of {@link ProblemMappers}.
 */
public class DatabaseProblems {
    /** PostgreSQL's SQL states for "not now": too many connections, admin or crash shutdown, cannot connect now. */
    private static final Set<String> UNAVAILABLE = Set.of("53300", "57P01", "57P02", "57P03");

    private final ProblemMappers mappers = new ProblemMappers();

    /** Ahead of {@link ProblemMappers#unexpected}, which it hands on to. */
    @ServerExceptionMapper(priority = Priorities.USER + 500)
    public Response unavailable(Throwable failure, UriInfo uri) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseException database && UNAVAILABLE.contains(database.getSqlState())) {
                return Response.fromResponse(ProblemMappers.respond(
                                Problem.of(
                                        503,
                                        "unavailable",
                                        "Service unavailable",
                                        "The database is turning connections away; try again shortly"),
                                uri))
                        .header("Retry-After", "2")
                        .build();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return mappers.unexpected(failure, uri);
    }
}
