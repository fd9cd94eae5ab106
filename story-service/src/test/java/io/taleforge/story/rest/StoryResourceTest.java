package io.taleforge.story.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.commons.outbox.Outbox;
import io.taleforge.commons.outbox.OutboxEntry;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.StoryStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.story.TestStories;
import io.taleforge.story.model.ArcStage;
import io.taleforge.story.model.Scene;
import io.taleforge.story.model.Story;
import io.taleforge.story.service.QuizService;
import io.taleforge.story.service.StoryService;
import io.taleforge.story.service.StoryWriting;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfraResource;

@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class StoryResourceTest {

    @Inject
    ObjectMapper json;

    @Inject
    Event<Outbox.Appended> appended;

    @Inject
    StoryService stories;

    @Inject
    StoryWriting writing;

    @Inject
    QuizService quiz;

    private static final List<String> ARC = List.of(
            "underdog", "underdog", "underdog", "underdog", "discovery", "discovery", "first-failure", "first-failure",
            "training", "training", "transformation", "transformation", "display-of-power", "display-of-power",
            "challenge", "challenge", "challenge", "challenge", "challenge", "triumph");

    @Test
    void createAnswersAtOnceAndTheWriterAddsTwentyScenesOnTheArc() {
        String owner = TestStories.owner();
        String id = given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, owner)
                .body(TestStories.body(TestStories.answers())).when().post("/stories")
                .then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.containsString("/stories/"))
                .body("status", equalTo("WRITING"))
                .body("title", equalTo("Pip Whiskers's Story"))
                .body("hero.name", equalTo("Pip Whiskers"))
                .extract().path("id");
        JsonPath story = TestStories.written(owner, id);
        assertEquals("DRAFTED", story.getString("status"));
        assertEquals("Pip Whiskers and the Everlasting Lantern", story.getString("title"));
        assertEquals("mouse", story.getString("hero.species"));
        assertEquals("brave", story.getString("hero.trait"));
        assertNull(story.getString("characterSheet"));
        assertNull(story.getString("writingNote"));
        assertNotNull(story.getString("createdAt"));
        assertEquals(20, story.getList("scenes").size());
        assertTrue(story.getList("scenes.prompt").stream().allMatch(java.util.Objects::isNull));
        assertTrue(story.getList("scenes.attempt").stream().allMatch(java.util.Objects::isNull));
        assertTrue(story.getList("scenes.placeholder", Boolean.class).stream().noneMatch(p -> p));
        List<Integer> numbers = story.getList("scenes.number", Integer.class);
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList(), numbers);
        assertEquals(ARC, story.getList("scenes.stage", String.class));
        List<String> texts = story.getList("scenes.text", String.class);
        assertEquals(20, texts.stream().distinct().count());
        texts.forEach(t -> assertTrue(t.contains("Pip Whiskers"), t));

        List<JournalEntry> journal = QuarkusTransaction.requiringNew().call(() ->
                JournalEntry.<JournalEntry>list("storyId = ?1 and operation = 'write-scenes'", UUID.fromString(id)));
        assertEquals(1, journal.size(), "one journal row for the one template writer call");
        assertEquals(JournalEntry.Status.SUCCESS, journal.get(0).status);
        assertEquals("template", journal.get(0).provider);
        List<OutboxEntry> status = TestStories.outbox(id, Topics.STORY_STATUS);
        assertEquals(2, status.size());
        assertTrue(status.get(0).payload.contains("\"WRITING\""), status.get(0).payload);
        assertTrue(status.get(1).payload.contains("\"DRAFTED\""), status.get(1).payload);
        List<OutboxEntry> written = TestStories.outbox(id, Topics.SCENE_WRITTEN);
        assertEquals(numbers, written.stream().map(row -> TestStories.sceneNumber(row.payload)).toList(),
                "one scene-written per scene, in order");
    }

    @Test
    void getReturnsTheStoredStoryToItsOwnerOnly() {
        String owner = TestStories.owner();
        String id = TestStories.create(owner);
        given().header(TestStories.OWNER_HEADER, owner).when().get("/stories/{id}", id)
                .then().statusCode(200).body("id", equalTo(id)).body("scenes", hasSize(20))
                .body("answers.hero_name", org.hamcrest.Matchers.notNullValue())
                .body("answers.hero_trait", equalTo("brave"));
        given().header(TestStories.OWNER_HEADER, owner.toUpperCase()).when().get("/stories/{id}", id)
                .then().statusCode(200);
        given().when().get("/stories/{id}", id).then().statusCode(200);
        String unknown = given().when().get("/stories/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").extract().path("title");
        given().header(TestStories.OWNER_HEADER, TestStories.owner()).when().get("/stories/{id}", id)
                .then().statusCode(404).contentType("application/problem+json").body("title", equalTo(unknown));
        given().when().get("/stories/not-a-uuid").then().statusCode(404);
    }

    @Test
    void someoneElsesStoryCannotBeEditedOrApproved() {
        String owner = TestStories.owner();
        String id = TestStories.create(owner);
        String stranger = TestStories.owner();
        given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, stranger).body(Map.of("text", "Mine now, Pip."))
                .when().put("/stories/{id}/scenes/3", id).then().statusCode(404);
        given().header(TestStories.OWNER_HEADER, stranger).when().post("/stories/{id}/approve-scenes", id)
                .then().statusCode(404);
        given().header(TestStories.OWNER_HEADER, stranger).when().get("/stories")
                .then().statusCode(200).body("items", hasSize(0));
        given().header(TestStories.OWNER_HEADER, owner).when().get("/stories/{id}", id)
                .then().statusCode(200).body("status", equalTo("DRAFTED"))
                .body("scenes[2].text", org.hamcrest.Matchers.not(equalTo("Mine now, Pip.")));
        assertEquals(0, outbox(UUID.fromString(id), Topics.SCENE_APPROVED).size());
    }

    @Test
    void editChangesTheTextUntilTheScenesAreApproved() {
        String owner = TestStories.owner();
        String id = TestStories.create(owner);
        String written = given().header(TestStories.OWNER_HEADER, owner).when().get("/stories/{id}", id)
                .then().extract().path("scenes[7].text");
        given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, owner)
                .body(Map.of("text", "  Pip Whiskers fought the crows with a sword.  "))
                .when().put("/stories/{id}/scenes/{n}", id, 8)
                .then().statusCode(200)
                .body("number", equalTo(8)).body("stage", equalTo("first-failure"))
                .body("text", equalTo("Pip Whiskers fought the crows with a sword."))
                .body("placeholder", equalTo(false));
        given().header(TestStories.OWNER_HEADER, owner).when().get("/stories/{id}", id)
                .then().body("scenes[7].text", equalTo("Pip Whiskers fought the crows with a sword."))
                .body("scenes[7].writtenText", equalTo(written))
                .body("scenes[6].writtenText", equalTo(given().header(TestStories.OWNER_HEADER, owner)
                        .get("/stories/{id}", id).then().extract().path("scenes[6].text")));
        org.junit.jupiter.api.Assertions.assertNotEquals("Pip Whiskers fought the crows with a sword.", written);

        TestStories.approve(owner, id);
        given().header(TestStories.OWNER_HEADER, owner).when().get("/stories/{id}", id)
                .then().body("scenes[7].prompt", org.hamcrest.Matchers.containsString("Pip Whiskers faced the crows with a wooden staff."));
        given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, owner).body(Map.of("text", "Too late."))
                .when().put("/stories/{id}/scenes/{n}", id, 8)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://taleforge.io/problems/scenes-approved"));
        given().header(TestStories.OWNER_HEADER, owner).when().get("/stories/{id}", id)
                .then().body("scenes[7].text", equalTo("Pip Whiskers fought the crows with a sword."));
    }

    @Test
    void approvalWritesPromptsAndThePortraitFirstAndIsIdempotent() throws Exception {
        String owner = TestStories.owner();
        String id = TestStories.create(owner);
        JsonPath approved = given().header(TestStories.OWNER_HEADER, owner)
                .when().post("/stories/{id}/approve-scenes", id)
                .then().statusCode(202)
                .body("status", equalTo("SCENES_APPROVED"))
                .body("scenes.attempt", everyItem(nullValue()))
                .body("portrait.number", equalTo(0))
                .body("portrait.stage", equalTo("portrait"))
                .body("portrait.attempt", equalTo(1))
                .body("portraitUrl", nullValue())
                .extract().jsonPath();
        String sheet = approved.getString("characterSheet");
        String style = approved.getString("style");
        assertTrue(sheet.startsWith("Pip Whiskers, a small brave mouse with "), sheet);
        assertTrue(style.startsWith("soft watercolor"), style);
        List<String> prompts = approved.getList("scenes.prompt", String.class);
        for (int i = 0; i < 20; i++) {
            String prompt = prompts.get(i);
            assertTrue(prompt.startsWith("Illustration of scene " + (i + 1) + " of 20"), prompt);
            assertTrue(prompt.contains("Main character: " + sheet), prompt);
            assertTrue(prompt.contains("Style: " + style), prompt);
        }
        String portraitPrompt = approved.getString("portrait.prompt");
        assertTrue(portraitPrompt.startsWith("Character portrait of the story's hero: Pip Whiskers alone"), portraitPrompt);
        assertTrue(portraitPrompt.contains("Main character: " + sheet) && portraitPrompt.contains("Style: " + style));

        UUID storyId = UUID.fromString(id);
        List<OutboxEntry> rows = outbox(storyId, Topics.SCENE_APPROVED);
        assertEquals(1, rows.size(), "only the portrait is drawn before it is approved");
        SceneApproved portrait = TestStories.sceneApproved(rows.get(0));
        assertEquals(new SceneApproved(id, 0, 1, portraitPrompt, style, "1024x1024", portrait.requestedAt(), null),
                portrait);

        // approving again: same story, no second portrait, no second status
        given().header(TestStories.OWNER_HEADER, owner).when().post("/stories/{id}/approve-scenes", id)
                .then().statusCode(202).body("status", equalTo("SCENES_APPROVED"))
                .body("characterSheet", equalTo(sheet));
        assertEquals(1, outbox(storyId, Topics.SCENE_APPROVED).size());
        assertEquals(3, outbox(storyId, Topics.STORY_STATUS).size(), "WRITING, DRAFTED and SCENES_APPROVED only");

        // the portrait approved: the 20 scenes start, each with the portrait as its reference, once
        String url = TestStories.portraitUrl(id);
        assertFalse(stories.portraitApproved(storyId, 2, url), "an attempt that was never drawn starts nothing");
        assertTrue(stories.portraitApproved(storyId, 1, url));
        assertFalse(stories.portraitApproved(storyId, 1, url), "a repeated approval starts nothing");
        rows = outbox(storyId, Topics.SCENE_APPROVED);
        assertEquals(21, rows.size());
        List<Integer> sceneNumbers = new ArrayList<>();
        for (OutboxEntry row : rows.subList(1, 21)) {
            SceneApproved event = TestStories.sceneApproved(row);
            sceneNumbers.add(event.sceneNumber());
            assertEquals(1, event.attempt());
            assertEquals(id, event.storyId());
            assertEquals(prompts.get(event.sceneNumber() - 1), event.prompt());
            assertEquals(style, event.style());
            assertEquals("1024x1024", event.size());
            assertEquals(url, event.referenceUrl());
            assertEquals(SceneApproved.key(id, event.sceneNumber()), row.messageKey,
                    "keyed by picture, so a story's pictures spread over the partitions");
        }
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList(), sceneNumbers, "outbox order");
        given().header(TestStories.OWNER_HEADER, owner).when().get("/stories/{id}", id).then()
                .body("scenes.attempt", everyItem(equalTo(1))).body("portraitUrl", equalTo(url));
    }

    @Test
    void listIsNewestFirstAndPaged() {
        String owner = TestStories.owner();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(TestStories.create(owner));
        }
        TestStories.create(TestStories.owner()); // someone else's
        Collections.reverse(created);
        JsonPath first = given().header(TestStories.OWNER_HEADER, owner).queryParam("limit", 2).when().get("/stories")
                .then().statusCode(200).body("items", hasSize(2)).body("items[0].scenes", nullValue())
                .body("items[0].hero.name", equalTo("Pip Whiskers"))
                .extract().jsonPath();
        List<String> seen = new ArrayList<>(first.getList("items.id", String.class));
        String next = first.getString("next");
        assertEquals(seen.get(1), next);
        JsonPath second = given().header(TestStories.OWNER_HEADER, owner).queryParam("limit", 2).queryParam("after", next)
                .when().get("/stories").then().statusCode(200).body("items", hasSize(2)).extract().jsonPath();
        seen.addAll(second.getList("items.id", String.class));
        JsonPath third = given().header(TestStories.OWNER_HEADER, owner).queryParam("limit", 2)
                .queryParam("after", second.getString("next"))
                .when().get("/stories").then().statusCode(200).body("items", hasSize(1)).extract().jsonPath();
        seen.addAll(third.getList("items.id", String.class));
        assertNull(third.get("next"));
        assertEquals(created, seen);
    }

    @Test
    void approvalIsAtomicWithTheOutbox() {
        String owner = TestStories.owner();
        String id = TestStories.create(owner);
        UUID storyId = UUID.fromString(id);
        // the outbox write of SCENES_APPROVED fails after the portrait and its row were inserted
        QuarkusMock.installMockForType(new Outbox(json, appended) {
            @Override
            public String append(String topic, String key, Object record) {
                if (record instanceof StoryStatus event && event.status() == StoryStatus.Status.SCENES_APPROVED) {
                    throw new IllegalStateException("simulated failure while writing the outbox");
                }
                return super.append(topic, key, record);
            }
        }, Outbox.class);
        given().header(TestStories.OWNER_HEADER, owner).when().post("/stories/{id}/approve-scenes", id)
                .then().statusCode(500).contentType("application/problem+json");
        Story story = QuarkusTransaction.requiringNew().call(() -> {
            Story s = Story.<Story>findById(storyId);
            s.scenes.size();
            return s;
        });
        assertEquals("DRAFTED", story.status.name());
        assertNull(story.characterSheet);
        for (Scene scene : story.scenes) {
            assertNull(scene.prompt, "no prompt survives a failed approval");
        }
        assertEquals(0, outbox(storyId, Topics.SCENE_APPROVED).size());
        assertEquals(2, outbox(storyId, Topics.STORY_STATUS).size(), "WRITING and DRAFTED");
        assertTrue(QuarkusTransaction.requiringNew().call(() -> Story.<Story>findById(storyId).portrait()).isEmpty(),
                "no portrait survives a failed approval");
    }

    private static List<OutboxEntry> outbox(UUID storyId, String topic) {
        return TestStories.outbox(storyId.toString(), topic);
    }

    /** A restart in the middle of the writing: at start the story is taken up again, its scenes kept, never stuck. */
    @Test
    void aStoryARestartLeftWritingIsTakenUpAgainAndKeepsItsScenes() throws Exception {
        String owner = TestStories.owner();
        UUID id = UUID.randomUUID();
        String answers = json.writeValueAsString(quiz.validate(TestStories.answers()).values());
        QuarkusTransaction.requiringNew().run(() -> {
            Story story = Story.writing(id, owner, answers, "mouse", "Pip Whiskers", "brave", java.time.Instant.now());
            story.writtenBy("Pip Whiskers's Story", "template", "template-v1");
            for (int n = 1; n <= 5; n++) {
                story.addScene(n, ArcStage.of(n).slug(), "Scene " + n + " as written before the restart.", false);
            }
            story.persist();
        });

        assertTrue(writing.resumeLeftovers() >= 1, "the story left WRITING is taken up");
        JsonPath story = TestStories.written(owner, id.toString());

        assertEquals("DRAFTED", story.getString("status"));
        List<String> texts = story.getList("scenes.text", String.class);
        assertEquals(20, texts.size());
        for (int n = 1; n <= 5; n++) {
            assertEquals("Scene " + n + " as written before the restart.", texts.get(n - 1));
        }
        texts.subList(5, 20).forEach(t -> assertTrue(t.contains("Pip Whiskers"), t));
        assertTrue(story.getList("scenes.placeholder", Boolean.class).stream().noneMatch(p -> p));
        assertEquals(java.util.stream.IntStream.rangeClosed(6, 20).boxed().toList(),
                TestStories.outbox(id.toString(), Topics.SCENE_WRITTEN).stream()
                        .map(row -> TestStories.sceneNumber(row.payload)).toList(), "only the scenes written after the restart");
    }

    @Test
    void scenesCannotBeApprovedWhileTheStoryIsBeingWritten() {
        String owner = TestStories.owner();
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Story story = Story.writing(id, owner, "{}", "mouse", "Pip", "brave", java.time.Instant.now());
            story.writtenBy("Pip's Story", "template", "template-v1");
            story.addScene(1, ArcStage.of(1).slug(), "Pip is left out.", false);
            story.persist();
        });
        given().header(TestStories.OWNER_HEADER, owner).when().post("/stories/{id}/approve-scenes", id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("still-writing"));
        given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, owner)
                .body(Map.of("text", "Pip is left out, and says so.")).when().put("/stories/{id}/scenes/1", id)
                .then().statusCode(200).body("text", equalTo("Pip is left out, and says so."));
        QuarkusTransaction.requiringNew().run(() -> Story.<Story>findById(id).written(null, null, java.time.Instant.now()));
    }
}
