package io.taleforge.image.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One WireMock server on dynamic ports of 127.0.0.1 standing in for OpenAI ({@code /v1/...}),
 * Cloudinary ({@code /v1_1/...}) over http, and the image blob host over https (its self-signed
 * certificate). The test reaches it through {@link #server()}.
 */
public class WireMockResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1")
                .notifier(new QuietNotifier()));
        server.start();
        return Map.of(
                "quarkus.rest-client.openai.url", "http://127.0.0.1:" + server.port() + "/v1",
                "quarkus.rest-client.cloudinary.url", "http://127.0.0.1:" + server.port());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
