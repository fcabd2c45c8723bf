package io.mashups.gateway.proxy;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client's address: the rightmost {@code X-Forwarded-For} entry that is not one of the trusted proxies
 * ({@code quarkus.http.proxy.trusted-proxies}: addresses and CIDR ranges), when the connection itself comes from
 * one; otherwise the connection's peer. An ingress appends the address it saw to the header, so everything to the
 * left of its entry was written by the client: Quarkus' forwarding (which takes the leftmost entry) would let a client
 * pick its own rate-limit bucket.
 */
@ApplicationScoped
public class ClientAddress {
    /** What an entry may look like before it is parsed: an IPv4 or IPv6 literal, nothing a resolver would look up. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private static final String KEY = "mashups.client-address";

    private final List<Range> trusted = new ArrayList<>();

    public ClientAddress(
            @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies", defaultValue = "127.0.0.1")
                    List<String> trustedProxies) {
        for (String proxy : trustedProxies) {
            trusted.add(Range.parse(proxy.strip()));
        }
    }

    /** The address the request is limited and recorded by, worked out once per request. */
    public String of(RoutingContext ctx) {
        String known = ctx.get(KEY);
        if (known == null) {
            known = of(ctx.request());
            ctx.put(KEY, known);
        }
        return known;
    }

    private String of(HttpServerRequest request) {
        String peer = Objects.requireNonNullElse(peer(request), "unknown");
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.headers().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!isTrusted(hops.get(i))) {
                return hops.get(i);
            }
        }
        return hops.isEmpty() ? peer : hops.get(0);
    }

    /** The connection's peer: what this gateway appends to {@code X-Forwarded-For} for the next hop. */
    static String peer(HttpServerRequest request) {
        return request.connection().remoteAddress() == null
                ? null
                : request.connection().remoteAddress().hostAddress();
    }

    private boolean isTrusted(String address) {
        InetAddress parsed = literal(address);
        return parsed != null && trusted.stream().anyMatch(range -> range.contains(parsed));
    }

    private static InetAddress literal(String address) {
        String bare =
                address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!IP_LITERAL.matcher(bare).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(bare); // a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address and the number of leading bits that must match (all of them for a single address). */
    private record Range(byte[] network, int prefixBits) {
        static Range parse(String spec) {
            int slash = spec.indexOf('/');
            InetAddress address = literal(slash < 0 ? spec : spec.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException(
                        "quarkus.http.proxy.trusted-proxies takes addresses and CIDR ranges, not \"" + spec + "\"");
            }
            byte[] bytes = address.getAddress();
            int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(spec.substring(slash + 1));
            return new Range(bytes, bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int shift = bytes.length * 8 - prefixBits;
            return new BigInteger(1, bytes).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
        }
    }
}
