package io.taleforge.film.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.commons.download.DownloadRefusedException;
import io.taleforge.commons.download.DownloadStatusException;
import io.taleforge.film.support.WireMockResource;
import io.taleforge.testing.RealInfraResource;

/**
 * Reading a stored clip back from Cloudinary (a WireMock https CDN): through the download guard,
 * a passing 503 tried again, a 404 not, a host off the allow-list refused before any request.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
@QuarkusTestResource(WireMockResource.class)
class MediaReaderTest {

    static final byte[] MP4 = { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm' };

    @Inject
    MediaReader reader;

    WireMockServer wm;

    @BeforeEach
    void reset() {
        wm = WireMockResource.server();
        wm.resetAll();
    }

    @Test
    void aStoredClipIsReadThroughTheGuardAndAPassingFailureIsTriedAgain() throws Exception {
        wm.stubFor(get("/video/upload/c1.mp4").inScenario("c1").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        wm.stubFor(get("/video/upload/c1.mp4").inScenario("c1").whenScenarioStateIs("up")
                .willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(MP4)));

        assertArrayEquals(MP4, reader.read(WireMockResource.cdn("/video/upload/c1.mp4")));
        wm.verify(2, getRequestedFor(urlEqualTo("/video/upload/c1.mp4")));
    }

    @Test
    void aMissingFileIsNotTriedAgainAndAHostOffTheListIsNeverAsked() {
        wm.stubFor(get("/video/upload/gone.mp4").willReturn(aResponse().withStatus(404)));
        DownloadStatusException gone = assertThrows(DownloadStatusException.class,
                () -> reader.read(WireMockResource.cdn("/video/upload/gone.mp4")));
        assertEquals(404, gone.status());
        wm.verify(1, getRequestedFor(urlEqualTo("/video/upload/gone.mp4")));

        assertThrows(DownloadRefusedException.class, () -> reader.read("https://example.org/video/upload/c1.mp4"));
    }
}
