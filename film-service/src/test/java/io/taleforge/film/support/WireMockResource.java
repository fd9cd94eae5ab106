package io.taleforge.film.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One WireMock server on dynamic ports of 127.0.0.1 standing in for Kling ({@code /v1/videos/...}),
 * MiniMax ({@code /v1/video_generation}, {@code /v1/query/...}, {@code /v1/files/...}) and
 * Cloudinary over http, and the providers' video CDNs over https (self-signed).
 */
public class WireMockResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    /** An https URL of the fake CDN. */
    public static String cdn(String path) {
        return "https://127.0.0.1:" + server.httpsPort() + path;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1")
                .notifier(new ConsoleNotifier(false)));
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        return Map.of("quarkus.rest-client.kling.url", base, "quarkus.rest-client.minimax.url", base,
                "quarkus.rest-client.cloudinary.url", base, "quarkus.rest-client.image-service.url", base,
                "quarkus.rest-client.openai-speech.url", base + "/v1");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
