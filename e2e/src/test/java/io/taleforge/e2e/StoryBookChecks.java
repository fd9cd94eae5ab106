package io.taleforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * What the storybook and the export of a finished story hold, read through the gateway as its
 * owner (and refused to another reader): the earlier attempt's note on the board, the PDF, the ZIP.
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
