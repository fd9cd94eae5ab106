package io.taleforge.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * What the storybook and the export of a finished story hold, read through the gateway as its
 * owner (and refused to another reader): the earlier attempt's note on the board, the PDF, the ZIP;
 * and what a phone shows of the book (one line of page position, swipe turning, nothing wider).
 */
final class StoryBookChecks {

    private StoryBookChecks() {
    }

    /** The state document shows the rejected attempt with the reader's note (approval-service's history). */
    static void earlierAttemptKeepsTheNote(JsonNode state, int scene, String note) {
        JsonNode earlier = picture(state.path("scenes"), scene).path("earlier");
        assertEquals(1, earlier.size(), earlier::toString);
        assertEquals("REJECTED", earlier.get(0).path("decision").asText());
        assertEquals(note, earlier.get(0).path("feedback").asText());
    }

    /** Cover + 20 pages, the title and the 20 scene texts in order, a picture on every page. */
    static void thePdfHoldsTheStory(Reader owner, Reader stranger, String id, JsonNode state) {
        assertEquals(404, stranger.get("/api/stories/" + id + "/book.pdf").status());
        Reader.Answer answer = owner.get("/api/stories/" + id + "/book.pdf");
        assertEquals(200, answer.status());
        assertEquals("application/pdf", answer.headers().firstValue("content-type").orElse(""));
        try (PDDocument pdf = Loader.loadPDF(answer.bytes())) {
            assertEquals(21, pdf.getNumberOfPages());
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertTrue(text.contains(state.at("/story/title").asText()), "the title");
            int at = 0;
            for (JsonNode scene : state.path("scenes")) {
                if (scene.path("number").asInt() == 0) {
                    continue; // the hero's portrait is no page of the book
                }
                int found = text.indexOf(scene.path("text").asText().replaceAll("\\s+", " "), at);
                assertTrue(found >= at, "scene " + scene.path("number").asInt() + " in order");
                at = found;
            }
            for (PDPage page : pdf.getPages()) {
                int images = 0;
                for (COSName name : page.getResources().getXObjectNames()) {
                    images += page.getResources().getXObject(name) instanceof PDImageXObject ? 1 : 0;
                }
                assertEquals(1, images, "a picture on every page");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The ZIP's entries, story.json valid against its schema, the rejected attempt with note and
     * prompt in the CSV, and the hero's portrait as picture 0 (rejected once with {@code portraitNote}).
     */
    static void theExportHoldsEveryAttempt(Reader owner, Reader stranger, String id, int scene, String note,
            String portraitNote) {
        assertEquals(404, stranger.get("/api/stories/" + id + "/export").status());
        Reader.Answer answer = owner.get("/api/stories/" + id + "/export");
        assertEquals(200, answer.status());
        Map<String, byte[]> zip = unzip(answer.bytes());
        assertTrue(zip.keySet().containsAll(List.of("story.json", "story.schema.json", "attempts.csv")), zip.keySet()::toString);
        assertEquals(21, zip.keySet().stream().filter(name -> name.startsWith("images/scene-")).count());
        assertTrue(zip.containsKey("images/scene-00.png"), "the approved portrait: " + zip.keySet());
        try {
            JsonNode story = Reader.JSON.readTree(zip.get("story.json"));
            Set<ValidationMessage> errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Reader.JSON.readTree(zip.get("story.schema.json"))).validate(story);
            assertEquals(Set.of(), errors);
            JsonNode portrait = picture(story.path("scenes"), 0);
            assertEquals("portrait", portrait.path("stage").asText(), portrait::toString);
            assertEquals(portraitNote, portrait.at("/attempts/0/note").asText(), portrait::toString);
            assertEquals(2, portrait.path("approvedAttempt").asInt(), portrait::toString);
            JsonNode rejected = picture(story.path("scenes"), scene).path("attempts").get(0);
            assertEquals("REJECTED", rejected.path("decision").asText());
            assertEquals(note, rejected.path("note").asText());
            String prompt = rejected.path("prompt").asText();
            assertTrue(!prompt.isBlank(), "the rejected attempt's prompt");
            String csv = new String(zip.get("attempts.csv"), StandardCharsets.UTF_8);
            assertTrue(csv.lines().anyMatch(row -> row.startsWith(scene + ",1,READY,REJECTED,")
                    && row.contains(note) && row.contains(prompt.contains(",") ? prompt.replace("\"", "\"\"") : prompt)), csv);
            assertTrue(csv.lines().anyMatch(row -> row.startsWith("0,1,READY,REJECTED,") && row.contains(portraitNote)), csv);
            assertEquals(1 + 2 + 21, csv.split("\r\n").length,
                    "a row per attempt: the portrait's two, the 20 scenes' first ones and the redraw");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page is no wider than a 390 px phone; else the elements that stick out are named. */
    static void nothingWiderThanThePhone(Page page) {
        Object wider = page.evaluate("() => document.documentElement.scrollWidth <= innerWidth ? '' : [...document"
                + ".querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)"
                + ".slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id).join(', ')");
        assertEquals("", wider, "nothing wider than the phone");
    }

    /** {@code line} shows {@code text} on a single line (its box is less than two lines high). */
    static void onOneLine(Locator line, String text) {
        assertThat(line).hasText(text);
        double fontSize = Double.parseDouble(((String) line.evaluate("e => getComputedStyle(e).fontSize")).replace("px", ""));
        assertTrue(line.boundingBox().height < 2 * fontSize, text + " wraps: " + line.boundingBox().height + " px high");
    }

    /**
     * The book on a touch phone (390 px, touch events through Chromium's own input, as a finger
     * sends them): a swipe to the left turns to the next page, one to the right back.
     */
    static void swipeTurnsPages(Browser browser, Page reading, Path shot) {
        try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setHasTouch(true).setIsMobile(true).setDeviceScaleFactor(2))) {
            phone.addCookies(reading.context().cookies());
            Page page = phone.newPage();
            page.navigate(reading.url().replaceAll("#.*$", "") + "#1");
            Locator current = page.locator(".page.current");
            assertThat(current).hasAttribute("data-scene", "1");
            CDPSession touch = phone.newCDPSession(page);
            swipe(touch, page.locator(".leaves"), -1);
            assertThat(current).hasAttribute("data-scene", "2");
            assertThat(page.locator(".turns .where")).hasText("Scene 2 of 20");
            page.screenshot(new Page.ScreenshotOptions().setPath(shot));
            swipe(touch, page.locator(".leaves"), +1);
            assertThat(current).hasAttribute("data-scene", "1");
        }
    }

    /** A finger across the middle of {@code where}: to the left ({@code direction} -1) or to the right (+1). */
    private static void swipe(CDPSession touch, Locator where, int direction) {
        BoundingBox box = where.boundingBox();
        double y = box.y + Math.min(box.height / 2, 300);
        double from = box.x + box.width / 2 - direction * 120;
        for (double x : new double[] { from, from + direction * 80, from + direction * 240 }) {
            touch.send("Input.dispatchTouchEvent", touchEvent(
                    x == from ? "touchStart" : "touchMove", x, y));
        }
        JsonObject end = new JsonObject();
        end.addProperty("type", "touchEnd");
        end.add("touchPoints", new JsonArray());
        touch.send("Input.dispatchTouchEvent", end);
    }

    private static JsonObject touchEvent(String type, double x, double y) {
        JsonObject point = new JsonObject();
        point.addProperty("x", x);
        point.addProperty("y", y);
        JsonArray points = new JsonArray();
        points.add(point);
        JsonObject event = new JsonObject();
        event.addProperty("type", type);
        event.add("touchPoints", points);
        return event;
    }

    /** The picture numbered {@code number} (0: the hero's portrait) of a list of scenes. */
    static JsonNode picture(JsonNode scenes, int number) {
        for (JsonNode scene : scenes) {
            if (scene.path("number").asInt(-1) == number) {
                return scene;
            }
        }
        throw new AssertionError("no picture " + number + " in " + scenes);
    }

    private static Map<String, byte[]> unzip(byte[] bytes) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
