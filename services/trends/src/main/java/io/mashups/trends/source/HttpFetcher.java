package io.mashups.trends.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.json.Json;
import io.mashups.trends.TrendsConfig;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A source read over HTTP: each fetch runs on a worker thread through the source's circuit breaker (SmallRye Fault
 * Tolerance: {@code breakerFailures} failed fetches among the last {@code breakerWindow} open it for {@code
 * breakerDelay}, then one fetch tries again), and each request through its rate limit ({@code requestsPerMinute}).
 * Quota refusals and rate limits do not count as failures.
 */
public abstract class HttpFetcher implements TrendFetcher {
    private static final Logger LOG = Logger.getLogger(HttpFetcher.class);
    protected static final ObjectMapper JSON = Json.mapper();
    private static final int MAX_ERROR_BODY = 300;

    private final String name;
    private final TrendsConfig.Source settings;
    private final HttpClient http;
    private final Guard breaker;
    private final Guard rateLimit;
    private volatile CircuitBreakerState circuit = CircuitBreakerState.CLOSED;

    protected HttpFetcher(String name, TrendsConfig.Source settings) {
        this.name = name;
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.breaker = Guard.create()
                .withCircuitBreaker()
                .requestVolumeThreshold(settings.breakerWindow())
                .failureRatio((double) settings.breakerFailures() / settings.breakerWindow())
                .delay(settings.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                .skipOn(List.of(QuotaExceededException.class, RateLimitException.class))
                .onStateChange(state -> {
                    circuit = state;
                    LOG.infof("trends source %s: circuit %s", name, state.name().toLowerCase());
                })
                .done()
                .build();
        this.rateLimit = Guard.create()
                .withRateLimit()
                .limit(settings.requestsPerMinute())
                .window(1, ChronoUnit.MINUTES)
                .done()
                .build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TrendsConfig.Source settings() {
        return settings;
    }

    @Override
    public Optional<String> unusable() {
        if (!settings.enabled()) {
            return Optional.of("disabled in the configuration");
        }
        if (baseUrl().isEmpty()) {
            return Optional.of("no API address configured");
        }
        return Optional.empty();
    }

    @Override
    public boolean circuitOpen() {
        return circuit == CircuitBreakerState.OPEN;
    }

    @Override
    public Uni<Fetched> fetch(String region, int requestsAllowed) {
        // a worker thread, and back on the caller's Vert.x context for the reactive persistence that follows
        return VertxContextSupport.executeBlocking(
                () -> breaker.get(() -> fetchNow(region, requestsAllowed), Fetched.class));
    }

    /** The fetch itself, blocking. */
    protected abstract Fetched fetchNow(String region, int requestsAllowed);

    protected String baseUrl() {
        return settings.baseUrl().map(url -> url.replaceAll("/+$", "")).orElse("");
    }

    /** An answer: its status and body. */
    protected record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** A GET within the rate limit; a failure to connect or a 5xx is a {@link SourceException}. */
    protected Answer get(String url, Map<String, String> headers) {
        return rateLimit.get(
                () -> {
                    HttpRequest.Builder request =
                            HttpRequest.newBuilder(URI.create(url)).timeout(settings.timeout());
                    headers.forEach(request::header);
                    try {
                        HttpResponse<String> response =
                                http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() >= 500) {
                            throw new SourceException(
                                    name + " answered " + response.statusCode() + ": " + clip(response.body()));
                        }
                        return new Answer(response.statusCode(), response.body());
                    } catch (IOException e) {
                        throw new SourceException(name + " could not be reached: " + e, e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SourceException(name + ": interrupted", e);
                    }
                },
                Answer.class);
    }

    /** A body that must be JSON. */
    protected JsonNode json(Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new SourceException(
                    name + " answered " + answer.status() + " with a body that is not JSON: " + clip(answer.body()));
        }
    }

    /** A refusal (4xx) that is not a quota: the source's own words. */
    protected SourceException refused(Answer answer) {
        return new SourceException(name + " refused (" + answer.status() + "): " + clip(answer.body()));
    }

    protected static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    protected static String clip(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.length() > MAX_ERROR_BODY ? flat.substring(0, MAX_ERROR_BODY) + "..." : flat;
    }

    /** A text field, or null when it is missing, not text or blank. */
    protected static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().strip() : null;
    }
}
