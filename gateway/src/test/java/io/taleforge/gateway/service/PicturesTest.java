package io.taleforge.gateway.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;

import io.taleforge.commons.download.GuardedDownloader;
import io.taleforge.commons.rest.Problem;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.gateway.book.BookPdf;
import io.taleforge.gateway.book.PdfFonts;
import io.taleforge.gateway.book.StoryFixtures;
import io.taleforge.gateway.client.MediaDownloads;
import io.taleforge.gateway.client.MediaFile;
import io.taleforge.gateway.model.Book;
import io.vertx.core.Vertx;

/**
 * Pictures kept on Cloudinary (issue 16): a WireMock over HTTPS plays the delivery host
 * ({@code /<cloud>/image/upload/v<n>/<folder>/<story>/scene-<nn>-a<n>.png}, image/png bytes, a
 * 404 for a deleted picture). The book fetches them under the download guard and embeds them;
 * one it cannot fetch is a 502 problem naming the scene. The media store's own {@code /media}
 * URLs never reach this host (image-service serves them).
 */
class PicturesTest {

    static WireMockServer cloudinary;
    static Vertx vertx;
    static MediaDownloads downloads;
    static Pictures pictures;

    @BeforeAll
    static void start() {
        cloudinary = new WireMockServer(wireMockConfig().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1")
                .notifier(new ConsoleNotifier(false)));
        cloudinary.start();
        vertx = Vertx.vertx();
        downloads = new MediaDownloads(vertx, new GuardedDownloader.Settings(List.of("127.0.0.1"), 5_000_000,
                Duration.ofSeconds(30), true, true));
        pictures = new Pictures(null, downloads);
    }

    @AfterAll
    static void stop() {
        cloudinary.stop();
        vertx.close();
    }

    @BeforeEach
    void reset() {
        cloudinary.resetAll();
    }

    static String delivery(int scene) {
        return "https://127.0.0.1:" + cloudinary.httpsPort()
                + "/demo/image/upload/v1764630000/taleforge/story-1/scene-%02d-a1.png".formatted(scene);
    }

    @Test
    void picturesOnCloudinaryAreFetchedAndEmbeddedInTheBook() throws IOException {
        cloudinary.stubFor(get(urlPathMatching("/demo/image/upload/.*")).willReturn(aResponse()
                .withHeader("Content-Type", "image/png").withBody(StoryFixtures.png(7))));
        List<Book.Page> pages = new ArrayList<>();
        Map<Integer, MediaFile> files = new LinkedHashMap<>();
        for (int n = 1; n <= 20; n++) {
            pages.add(new Book.Page(n, "stage", "Scene " + n + " of the story.", delivery(n)));
            files.put(n, pictures.scene(n, delivery(n)));
        }
        assertArrayEquals(StoryFixtures.png(7), files.get(7).bytes());
        assertEquals("image/png", files.get(7).contentType());
        assertEquals("png", Pictures.extension(delivery(7), files.get(7).contentType()));

        byte[] pdf = new BookPdf(new PdfFonts()).render(new Book("story-1", "A title", null, "", pages), files);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(7);
            PDImageXObject image = null;
            for (COSName name : page.getResources().getXObjectNames()) {
                if (page.getResources().getXObject(name) instanceof PDImageXObject found) {
                    image = found;
                }
            }
            assertTrue(image != null, "scene 7's picture is on its page");
            assertEquals(StoryFixtures.PIXELS, image.getWidth(), "embedded as fetched");
        }
    }

    @Test
    void aPictureTheHostNoLongerHasFailsNamingItsScene() {
        cloudinary.stubFor(get(urlPathMatching("/demo/image/upload/.*")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/html").withBody("<h1>Not Found</h1>")));
        ProblemException e = assertThrows(ProblemException.class, () -> pictures.scene(7, delivery(7)));
        Problem problem = e.problem();
        assertEquals(502, problem.status());
        assertTrue(problem.detail().contains("picture of scene 7") && problem.detail().contains("404"), problem.detail());
        assertEquals("scene", problem.errors().get(0).field());
        assertTrue(problem.errors().get(0).message().startsWith("7: "), problem.errors().get(0).message());
    }

    @Test
    void aHostOffTheAllowListIsNeverAsked() {
        String elsewhere = delivery(3).replace("127.0.0.1", "localhost");
        ProblemException e = assertThrows(ProblemException.class, () -> pictures.scene(3, elsewhere));
        assertEquals(502, e.problem().status());
        assertTrue(e.problem().detail().contains("allow-list"), e.problem().detail());
        cloudinary.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aPictureWithNoHttpsAddressIsAConflictAsBefore() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> pictures.scene(2, "http://127.0.0.1:" + cloudinary.port() + "/scene-02.png"));
        assertEquals(409, e.problem().status());
        assertTrue(e.problem().type().toString().endsWith("/picture-not-in-media-store"), e.problem().type().toString());
        cloudinary.verify(0, anyRequestedFor(anyUrl()));
    }
}
