package io.mashups.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

/**
 * A local fake of a SaaS provider's HTTP API (Stripe, OpenAI, Daily, AcoustID...) on a free loopback port. Tests stub
 * the provider's documented payloads on it and point the service's real client at {@link #baseUrl()}.
 */
public final class ProviderFake implements AutoCloseable {
    private final WireMockServer server;

    public ProviderFake() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The WireMock DSL bound to this fake: stubFor, verify, findAll. */
    public WireMock client() {
        return new WireMock("127.0.0.1", server.port());
    }

    public WireMockServer server() {
        return server;
    }

    public void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }
}
