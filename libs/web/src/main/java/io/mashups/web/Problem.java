package io.mashups.web;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An RFC 9457 problem detail. {@code type} names the kind of problem (a URI we document), {@code extensions} carry
 * machine-readable details such as the violated fields or the limit that was hit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        URI instance,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://mashups.io/problems/";
    /** RFC 9457's members: an extension of the same name would replace one of them in the JSON. */
    public static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

    public Problem {
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        for (String name : extensions.keySet()) {
            if (STANDARD_MEMBERS.contains(name)) {
                throw new IllegalArgumentException(
                        "a problem extension may not be named \"" + name + "\": RFC 9457 defines that member");
            }
        }
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, null, Map.of());
    }

    /** A problem named after its status's reason phrase: "Payload Too Large" is {@code payload-too-large}. */
    public static Problem ofStatus(int status, String reasonPhrase, String detail) {
        String title = reasonPhrase == null ? "HTTP " + status : reasonPhrase;
        return of(status, title.toLowerCase().replaceAll("[^a-z0-9]+", "-"), title, detail);
    }

    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, instance, more);
    }

    /** The problem at a request's (decoded) path; characters a URI may not hold, NUL included, are %-escaped. */
    public Problem at(String path) {
        return new Problem(type, title, status, detail, path == null ? null : instance(path), extensions);
    }

    private static URI instance(String path) {
        try {
            return new URI(null, null, path, null);
        } catch (URISyntaxException e) {
            return null; // not a path at all: the problem goes without an instance rather than fail
        }
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }
}
