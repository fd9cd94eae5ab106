package io.taleforge.gateway.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.taleforge.gateway.client.MediaFile;
import io.taleforge.gateway.mapping.StoryRecordMapper;
import io.taleforge.gateway.model.StoryRecord;

/** The export ZIP of a complete story with one rejection: its entries, story.json against its schema, the CSV. */
class StoryExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StoryFixtures STORY = new StoryFixtures();
    private static Map<String, byte[]> entries;

    @BeforeAll
    static void export() throws IOException {
        Map<Integer, MediaFile> pictures = StoryFixtures.pictures();
        Map<Integer, String> names = new LinkedHashMap<>();
        pictures.keySet().forEach(n -> names.put(n, StoryExport.imageEntry(n, "png")));
        StoryRecord record = StoryRecordMapper.toRecord(STORY.story(), STORY.jobs(), STORY.approvals(), STORY.history(),
                names, "2026-12-01T19:00:00Z");
        entries = unzip(new StoryExport(JSON).zip(record, pictures, names));
    }

    @Test
    void theZipHoldsTheRecordItsSchemaTheCsvAndTheTwentyApprovedPictures() {
        assertTrue(entries.keySet().containsAll(List.of("story.json", "story.schema.json", "attempts.csv")));
        for (int n = 1; n <= 20; n++) {
            assertTrue(entries.containsKey("images/scene-%02d.png".formatted(n)), "picture " + n);
        }
        assertEquals(23, entries.size());
        assertTrue(new String(entries.get("images/scene-07.png"), 1, 3, StandardCharsets.US_ASCII).equals("PNG"));
    }

    @Test
    void storyJsonIsValidAgainstItsSchema() throws IOException {
        JsonNode story = JSON.readTree(entries.get("story.json"));
        JsonNode schema = JSON.readTree(entries.get("story.schema.json"));
        Set<ValidationMessage> errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schema).validate(story);
        assertEquals(Set.of(), errors);
        // and the schema is not a rubber stamp: a record without its scenes fails it
        ((com.fasterxml.jackson.databind.node.ObjectNode) story).remove("scenes");
        assertEquals(1, JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                .validate(story).size());
    }

    @Test
    void storyJsonKeepsTheScenesAsWrittenAndAsEditedAndEveryAttempt() throws IOException {
        JsonNode story = JSON.readTree(entries.get("story.json"));
        assertEquals(20, story.path("scenes").size());
        assertEquals(StoryFixtures.HERO, story.at("/answers/hero_name").asText());
        JsonNode three = story.path("scenes").get(2);
        assertEquals("The writer's own words for scene 3.", three.path("writtenText").asText());
        assertEquals(StoryFixtures.sceneText(3), three.path("text").asText());
        assertTrue(three.path("edited").asBoolean());
        JsonNode five = story.path("scenes").get(4);
        assertEquals(2, five.path("attempts").size());
        assertEquals("REJECTED", five.at("/attempts/0/decision").asText());
        assertEquals(StoryFixtures.NOTE, five.at("/attempts/0/note").asText());
        assertEquals("a lantern, attempt one", five.at("/attempts/0/prompt").asText());
        assertEquals("APPROVED", five.at("/attempts/1/decision").asText());
        assertEquals(2, five.path("approvedAttempt").asInt());
        assertEquals("images/scene-05.png", five.path("approvedImage").asText());
    }

    @Test
    void afterARejectionWithANoteTheAttemptItsNoteAndItsPromptAreInTheCsv() {
        List<String> rows = List.of(new String(entries.get("attempts.csv"), StandardCharsets.UTF_8).split("\r\n"));
        assertEquals(String.join(",", AttemptsCsv.HEADER), rows.get(0));
        assertEquals(1 + 21, rows.size(), "a row per attempt");
        assertEquals("5,1,READY,REJECTED,\"Make the lantern glow green, \"\"please\"\"\",\"a lantern, attempt one\","
                + StoryFixtures.url(5, 1) + ",local,renderer-1,900,,,2026-12-01T18:05:00Z", rows.get(5));
        assertTrue(rows.get(6).startsWith("5,2,READY,APPROVED,,\"prompt 5, attempt 2\","), rows.get(6));
    }

    @Test
    void thePortraitIsPictureZeroOfTheExportWithItsAttemptsNoteAndApprovedImage() throws IOException {
        Map<Integer, MediaFile> pictures = new LinkedHashMap<>(StoryFixtures.pictures());
        pictures.put(0, new MediaFile(StoryFixtures.png(0), "image/png", null, null));
        Map<Integer, String> names = new LinkedHashMap<>();
        pictures.keySet().forEach(n -> names.put(n, StoryExport.imageEntry(n, "png")));
        StoryRecord record = StoryRecordMapper.toRecord(STORY.storyWithPortrait(), STORY.jobsWithPortrait(),
                STORY.approvalsWithPortrait(), STORY.historyWithPortrait(), names, "2026-12-01T19:00:00Z");
        Map<String, byte[]> zip = unzip(new StoryExport(JSON).zip(record, pictures, names));
        assertTrue(zip.containsKey("images/scene-00.png"), zip.keySet().toString());

        JsonNode story = JSON.readTree(zip.get("story.json"));
        assertEquals(Set.of(), JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(zip.get("story.schema.json"))).validate(story));
        assertEquals(21, story.path("scenes").size());
        JsonNode portrait = story.path("scenes").get(0);
        assertEquals(0, portrait.path("number").asInt());
        assertEquals("portrait", portrait.path("stage").asText());
        assertEquals(2, portrait.path("approvedAttempt").asInt());
        assertEquals("images/scene-00.png", portrait.path("approvedImage").asText());
        assertEquals("a bigger scarf", portrait.at("/attempts/0/note").asText());

        List<String> rows = List.of(new String(zip.get("attempts.csv"), StandardCharsets.UTF_8).split("\r\n"));
        assertTrue(rows.get(1).startsWith("0,1,READY,REJECTED,a bigger scarf,\"portrait, attempt one\","), rows.get(1));
        assertTrue(rows.get(2).startsWith("0,2,READY,APPROVED,,\"portrait, attempt two\","), rows.get(2));
    }

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaOpensAsText() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", AttemptsCsv.cell("=HYPERLINK(\"x\")"));
        assertEquals("'-1", AttemptsCsv.cell("-1"));
        assertEquals("-1", AttemptsCsv.cell(-1L), "a number stays a number");
        assertEquals("", AttemptsCsv.cell(null));
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
