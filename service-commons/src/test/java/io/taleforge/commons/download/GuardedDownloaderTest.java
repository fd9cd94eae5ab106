package io.taleforge.commons.download;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import io.vertx.core.Vertx;

/**
 * The download guard against a real HTTPS server (WireMock, self-signed, on 127.0.0.1); timeouts are
 * generous (30 s) except where the timeout is the subject, so a loaded machine's first TLS handshake
 * cannot fail an unrelated check. Only the
 * success cases use the two test-only flags; every refusal of an internal address runs with them off.
 */
class GuardedDownloaderTest {

    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

    static WireMockServer server;
    static Vertx vertx;

    @BeforeAll
    static void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1")
                .notifier(new ConsoleNotifier(false)));
        server.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        server.stop();
        vertx.close();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    String https(String path) {
        return "https://127.0.0.1:" + server.httpsPort() + path;
    }

    GuardedDownloader downloader(boolean testFlags, long maxBytes, Duration timeout) {
        return new GuardedDownloader(vertx, new GuardedDownloader.Settings(List.of("127.0.0.1", "blob.core.windows.net"),
                maxBytes, timeout, testFlags, testFlags));
    }

    @Test
    void downloadsAnImageWithinTheLimits() throws Exception {
        server.stubFor(get("/img.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
        try (GuardedDownloader d = downloader(true, 1024, Duration.ofSeconds(30))) {
            GuardedDownloader.Downloaded got = d.download(https("/img.png"));
            assertArrayEquals(PNG, got.bytes());
            assertEquals("image/png", got.contentType());
        }
        server.verify(1, getRequestedFor(urlEqualTo("/img.png")));
    }

    @Test
    void plainHttpIsRefusedWithoutARequest() {
        server.stubFor(get("/img.png").willReturn(aResponse().withBody(PNG)));
        try (GuardedDownloader d = downloader(true, 1024, Duration.ofSeconds(30))) {
            DownloadRefusedException e = assertThrows(DownloadRefusedException.class,
                    () -> d.download("http://127.0.0.1:" + server.port() + "/img.png"));
            assertTrue(e.getMessage().contains("only https"), e.getMessage());
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aHostOffTheAllowListIsRefused() {
        try (GuardedDownloader d = downloader(true, 1024, Duration.ofSeconds(30))) {
            for (String url : List.of("https://evil.example.com/x.png", "https://blob.core.windows.net.evil.com/x.png",
                    "https://evilblob.core.windows.net/x.png", "https://localhost:" + server.httpsPort() + "/img.png")) {
                DownloadRefusedException e = assertThrows(DownloadRefusedException.class, () -> d.download(url), url);
                assertTrue(e.getMessage().contains("not on the allow-list"), e.getMessage());
            }
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theAllowListMatchesSubdomainsOnADotBoundary() {
        List<String> hosts = List.of("blob.core.windows.net");
        assertTrue(GuardedDownloader.allowedHost("oaidalleapiprodscus.blob.core.windows.net", hosts));
        assertTrue(GuardedDownloader.allowedHost("OAIDALLEAPIPRODSCUS.Blob.Core.Windows.Net.", hosts));
        assertTrue(GuardedDownloader.allowedHost("blob.core.windows.net", List.of(".blob.core.windows.net")));
        assertEquals(false, GuardedDownloader.allowedHost("evilblob.core.windows.net", hosts));
        assertEquals(false, GuardedDownloader.allowedHost("blob.core.windows.net.evil.com", hosts));
    }

    @Test
    void loopbackIsRefusedWhenTheTestOnlyFlagIsOff() {
        server.stubFor(get("/img.png").willReturn(aResponse().withBody(PNG)));
        try (GuardedDownloader d = downloader(false, 1024, Duration.ofSeconds(30))) {
            DownloadRefusedException e = assertThrows(DownloadRefusedException.class,
                    () -> d.download(https("/img.png")));
            assertTrue(e.getMessage().contains("internal address 127.0.0.1"), e.getMessage());
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anAllowedHostThatResolvesToAnInternalAddressIsRefused() {
        for (String internal : List.of("169.254.169.254", "10.0.0.5", "192.168.0.10", "fd00::1", "::ffff:127.0.0.1")) {
            GuardedDownloader d = new GuardedDownloader(vertx, new GuardedDownloader.Settings(List.of("blob.core.windows.net"),
                    1024, Duration.ofSeconds(30), false, false),
                    host -> new InetAddress[] { InetAddress.getByName("20.60.40.4"), InetAddress.getByName(internal) });
            try (d) {
                DownloadRefusedException e = assertThrows(DownloadRefusedException.class,
                        () -> d.download("https://oaidalleapiprodscus.blob.core.windows.net/private/img.png"));
                assertTrue(e.getMessage().contains("internal address"), internal + ": " + e.getMessage());
            }
        }
    }

    @Test
    void aRedirectIsNotFollowed() {
        server.stubFor(get("/img.png").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));
        try (GuardedDownloader d = downloader(true, 1024, Duration.ofSeconds(30))) {
            DownloadRefusedException e = assertThrows(DownloadRefusedException.class, () -> d.download(https("/img.png")));
            assertTrue(e.getMessage().contains("redirect 302"), e.getMessage());
        }
        server.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aNotFoundAnswerSaysItsStatusSoAnExpiredLinkCanBeTold() {
        server.stubFor(get("/gone.mp4").willReturn(aResponse().withStatus(404)));
        try (GuardedDownloader d = downloader(true, 1024, Duration.ofSeconds(30))) {
            DownloadStatusException e = assertThrows(DownloadStatusException.class, () -> d.download(https("/gone.mp4")));
            assertEquals(404, e.status());
        }
    }

    @Test
    void anOversizedBodyIsRefusedByItsContentLength() {
        server.stubFor(get("/big.png").willReturn(aResponse().withBody(new byte[4096])));
        try (GuardedDownloader d = downloader(true, 1024, Duration.ofSeconds(30))) {
            DownloadRefusedException e = assertThrows(DownloadRefusedException.class, () -> d.download(https("/big.png")));
            assertTrue(e.getMessage().contains("exceeds the limit of 1024 bytes"), e.getMessage());
        }
    }

    @Test
    void anOversizedBodyWithoutContentLengthIsCutWhileItStreams() {
        // chunked (no Content-Length): only counting the bytes as they come can catch it
        server.stubFor(get("/big.png").willReturn(aResponse().withBody(new byte[64 * 1024])
                .withChunkedDribbleDelay(8, 400)));
        try (GuardedDownloader d = downloader(true, 1024, Duration.ofSeconds(30))) {
            DownloadRefusedException e = assertThrows(DownloadRefusedException.class, () -> d.download(https("/big.png")));
            assertTrue(e.getMessage().contains("body exceeds the limit of 1024 bytes"), e.getMessage());
        }
    }

    @Test
    void aSlowBodyTimesOut() {
        // headers at once, then the body dribbles over 5 s: the whole download must end within 1 s
        server.stubFor(get("/slow.png").willReturn(aResponse().withBody(new byte[512]).withChunkedDribbleDelay(10, 5000)));
        try (GuardedDownloader d = downloader(true, 1024 * 1024, Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            GuardedDownloader.DownloadTimeoutException e = assertThrows(GuardedDownloader.DownloadTimeoutException.class,
                    () -> d.download(https("/slow.png")));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().contains("did not end within 1000 ms"), e.getMessage());
            assertTrue(tookMs < 4000, "cut after " + tookMs + " ms");
        }
    }
}
