package io.taleforge.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.taleforge.testing.ApiContract;
import io.taleforge.testing.SseClient;

/**
 * A reader's whole journey through the gateway only, on a private broker and Redis with the four
 * packaged services as processes: quiz, 20 scenes, an edit, approve the scenes, 20 READY images
 * arriving on the SSE stream (image-service is killed and restarted mid-batch, and the browser
 * drops and resumes its stream with Last-Event-ID meanwhile), approve 19, reject 1 with feedback,
 * its attempt 2 arrives, approve it, all-approved. A second reader sees none of it.
 */
@ExtendWith(SharedStack.class)
class StoryJourneyIT {

    private static final Duration STEP = Duration.ofMinutes(2);
    private static final Duration BATCH = Duration.ofMinutes(5);
    private static final int REJECTED = 7;
    private static final String EDIT = "Pip the otter, laughed at by the river folk, sits alone on a cold stone.";
    private static final String FEEDBACK = "Make the otter smile and show the moon.";
    private static final String PORTRAIT_NOTE = "Give the otter a bigger red scarf";
    /** The journal's operation of one image provider call (image-service's GenerationService.OP_GENERATE). */
    private static final String IMAGE_GENERATION = "image-generation";

    private static Stack stack;

    @BeforeAll
    static void up(Stack shared) {
        stack = shared;
    }

    @Test
    void aReaderGoesFromQuizAnswersToTwentyApprovedImages() {
        ApiContract api = Reader.contractOf(stack.gateway());
        Reader alice = Reader.browser(stack.gateway()).checkedBy(api);
        Reader mallory = Reader.apiClient(stack.gateway(), token()).checkedBy(api);

        // the quiz, answered
        Reader.Answer quiz = alice.get("/api/quiz");
        assertEquals(200, quiz.status(), () -> "quiz: " + quiz.body());
        assertNotNull(alice.cookie(), "the first visit sets the reader cookie");
        String id = alice.createStory(answers(quiz.body()), Duration.ofSeconds(60));
        assertEquals(20, view(alice, id).path("scenes").size());

        // one scene edited
        Reader.Answer edited = alice.put("/api/stories/" + id + "/scenes/3", Map.of("text", EDIT));
        assertEquals(200, edited.status(), () -> "edit: " + edited.body());
        JsonNode draft = view(alice, id);
        assertEquals(EDIT, draft.path("scenes").get(2).path("text").asText());
        assertEquals(20, draft.path("scenes").size());
        assertEquals(20, draft.path("counts").path("total").asInt());
        assertTrue(draft.path("scenes").get(0).path("image").isNull(), "no image before the scenes are approved");

        secondReaderCannotSeeOrTouch(mallory, id);

        // the streams: one that never drops (the reference), one that will drop and resume
        SseClient watch = connected(alice.events(id, Optional.of("0-0")));
        SseClient first = connected(alice.events(id, Optional.of("0-0")));

        long approvedAt = System.nanoTime();
        Reader.Answer approve = alice.post("/api/stories/" + id + "/approve-scenes", "");
        assertEquals(202, approve.status(), () -> "approve-scenes: " + approve.body());

        // the hero's portrait first: no scene starts before it; rejected with a note it is redrawn; approved,
        // the 20 scenes start from it
        assertEquals(2, alice.approvePortrait(id, PORTRAIT_NOTE, BATCH));
        JsonNode portrait = view(alice, id).path("scenes").get(0);
        assertEquals("portrait", portrait.path("stage").asText(), portrait::toString);
        assertEquals(PORTRAIT_NOTE, portrait.at("/earlier/0/feedback").asText(), portrait::toString);
        assertTrue(portrait.path("prompt").asText().endsWith(PORTRAIT_NOTE + "."), portrait::toString);

        // mid-batch: image-service is killed (SIGKILL) and the browser loses its stream
        Awaitility.await("a first READY image").atMost(BATCH).until(() -> readyScenes(watch.events, 1) >= 1);
        int readyAtKill = readyScenes(watch.events, 1);
        stack.service("image-service").kill();
        first.close();
        List<SseClient.Event> beforeDrop = new ArrayList<>(first.events);
        assertTrue(readyAtKill < 20, "image-service must die mid-batch, it died with " + readyAtKill + " READY");
        System.out.printf("e2e: image-service killed with %d of 20 READY; the browser saw %d events%n", readyAtKill,
                beforeDrop.size());
        stack.service("image-service").start(Stack.READY);
        SseClient second = alice.events(id, Optional.of(beforeDrop.get(beforeDrop.size() - 1).id()));
        assertEquals(200, second.status);

        try {
            Awaitility.await("20 READY images").atMost(BATCH).until(() -> readyScenes(watch.events, 1) == 20);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.printf("e2e: no 20 READY; watch: %d events, %d comments, latest per scene %s; resumed: %d events;"
                    + " state %s%n", watch.events.size(), watch.comments.get(), latestImages(watch.events).values(),
                    second.events.size(), alice.get("/api/stories/" + id).body());
            throw e;
        }
        long lastReadyAt = System.nanoTime();

        // the state document agrees with the stream
        JsonNode ready = view(alice, id);
        assertEquals(20, ready.path("counts").path("ready").asInt(), ready::toString);
        Map<Integer, JsonNode> streamed = latestImages(watch.events);
        for (JsonNode scene : ready.path("scenes")) {
            JsonNode image = scene.path("image");
            JsonNode event = streamed.get(scene.path("number").asInt());
            assertEquals("READY", image.path("status").asText(), scene::toString);
            assertEquals(event.path("attempt").asInt(), image.path("attempt").asInt(), scene::toString);
            assertEquals(event.path("imageUrl").asText(), image.path("url").asText(), scene::toString);
            assertFalse(scene.path("prompt").asText("").isBlank(), "approved scenes have prompts");
        }
        Reader.Answer png = alice.get(ready.path("scenes").get(0).path("image").path("url").asText());
        assertEquals(200, png.status());
        assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G' }, java.util.Arrays.copyOf(png.bytes(), 4));

        // every image is waiting for the reader: approve 19, reject one with feedback
        Awaitility.await("20 images pending approval").atMost(STEP).pollInterval(Duration.ofMillis(250))
                .until(() -> count(view(alice, id), "PENDING") == 20);
        Reader.Answer early = alice.get("/api/stories/" + id + "/book.pdf");
        assertEquals(409, early.status(), "no storybook before every picture is approved");
        assertEquals("id", early.body().at("/errors/0/field").asText());
        for (int n = 1; n <= 20; n++) {
            if (n == REJECTED) {
                continue;
            }
            Reader.Answer ok = alice.post("/api/stories/" + id + "/scenes/" + n + "/approval", Map.of("action", "approve"));
            assertEquals(200, ok.status(), () -> "approve: " + ok.body());
        }
        Reader.Answer rejected = alice.post("/api/stories/" + id + "/scenes/" + REJECTED + "/approval",
                Map.of("action", "reject", "feedback", FEEDBACK));
        assertEquals(200, rejected.status(), () -> "reject: " + rejected.body());

        // attempt 2 of the rejected scene arrives, and is approved
        Awaitility.await("attempt 2 of scene " + REJECTED).atMost(STEP).until(() -> watch.events.stream()
                .filter(e -> e.name().equals("image")).map(e -> json(e.data()))
                .anyMatch(d -> d.path("sceneNumber").asInt() == REJECTED && d.path("attempt").asInt() == 2
                        && d.path("status").asText().equals("READY")));
        Awaitility.await("attempt 2 pending").atMost(STEP).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode approval = view(alice, id).path("scenes").get(REJECTED).path("approval");
            return approval.path("attempt").asInt() == 2 && approval.path("state").asText().equals("PENDING");
        });
        Reader.Answer last = alice.post("/api/stories/" + id + "/scenes/" + REJECTED + "/approval",
                Map.of("action", "approve"));
        assertEquals(200, last.status(), () -> "approve attempt 2: " + last.body());

        Awaitility.await("all-approved").atMost(STEP)
                .until(() -> watch.events.stream().anyMatch(e -> e.name().equals("all-approved")));
        long allApprovedAt = System.nanoTime();

        // the final state, from the document and from the stream
        JsonNode done = view(alice, id);
        assertTrue(done.path("allApproved").asBoolean(), done::toString);
        assertEquals(20, done.path("counts").path("approved").asInt());
        JsonNode regenerated = done.path("scenes").get(REJECTED);
        assertEquals(2, regenerated.path("image").path("attempt").asInt());
        assertEquals("APPROVED", regenerated.path("approval").path("state").asText());
        assertEquals(1, watch.events.stream().filter(e -> e.name().equals("all-approved")).count());
        assertTrue(watch.events.stream().filter(e -> e.name().equals("story")).map(e -> json(e.data()))
                .anyMatch(d -> d.path("status").asText().equals("SCENES_APPROVED")), "story-status reached the stream");
        JsonNode allApproved = json(watch.events.stream().filter(e -> e.name().equals("all-approved"))
                .findFirst().orElseThrow().data());
        assertEquals(20, allApproved.path("approvedCount").asInt());

        // the dropped-and-resumed browser saw exactly what the never-dropped one saw: nothing lost, nothing twice
        int expected = watch.events.size();
        Awaitility.await("the resumed stream catches up").atMost(STEP)
                .until(() -> beforeDrop.size() + second.events.size() >= expected);
        List<SseClient.Event> resumed = new ArrayList<>(beforeDrop);
        resumed.addAll(second.events.subList(0, expected - beforeDrop.size()));
        assertEquals(ids(watch.events.subList(0, expected)), ids(resumed));
        assertEquals(expected, resumed.stream().map(SseClient.Event::id).distinct().count(), "no event twice");
        assertIncreasing(resumed);

        secondReaderCannotSeeOrTouch(mallory, id);
        everyAttemptGeneratedOnce(id);
        assertEquals(List.of(), api.failures(), "every request and answer fits the gateway's OpenAPI document");
        StoryBookChecks.earlierAttemptKeepsTheNote(done, REJECTED, FEEDBACK);
        StoryBookChecks.thePdfHoldsTheStory(alice, mallory, id, done);
        StoryBookChecks.theExportHoldsEveryAttempt(alice, mallory, id, REJECTED, FEEDBACK, PORTRAIT_NOTE);
        watch.close();
        second.close();

        System.out.printf("e2e: approve-scenes -> last READY: %.1f s; -> all-approved: %.1f s (%d events on the stream;"
                + " renderer latency %s, limiter %s/min)%n",
                (lastReadyAt - approvedAt) / 1e9, (allApprovedAt - approvedAt) / 1e9, expected,
                Stack.IMAGE_LATENCY, Stack.IMAGES_PER_MINUTE);
    }

    /**
     * {@code taleforge batch} on the same stack (no boot of its own): five stories, killed after two
     * and resumed, one bad line ({@link BatchJourney}).
     */
    @Test
    void aBatchFileOfFiveStoriesIsKilledAfterTwoAndResumed() throws IOException, InterruptedException {
        BatchJourney.fiveStoriesKilledAndResumed(stack);
    }

    /** 404 everywhere, exactly like a story that does not exist; never listed. */
    private static void secondReaderCannotSeeOrTouch(Reader mallory, String id) {
        String story = "/api/stories/" + id;
        assertEquals(404, mallory.get(story).status());
        assertEquals(404, mallory.put(story + "/scenes/1", Map.of("text", "mine now")).status());
        assertEquals(404, mallory.post(story + "/approve-scenes", "").status());
        assertEquals(404, mallory.post(story + "/scenes/1/approval", Map.of("action", "reject", "feedback", "x")).status());
        assertEquals(404, mallory.post(story + "/scenes/1/retry", "").status());
        try (SseClient events = mallory.events(id, Optional.of("0-0"))) {
            assertEquals(404, events.status);
        }
        Reader.Answer list = mallory.get("/api/stories");
        assertEquals(200, list.status());
        list.body().path("items").forEach(item -> assertFalse(item.path("id").asText().equals(id)));
    }

    /** Answers every question that is shown: the first option of a choice, a short name for text (FilmJourneyIT too). */
    static Map<String, String> answers(JsonNode quiz) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (JsonNode q : quiz.path("questions")) {
            JsonNode showIf = q.path("showIf");
            if (!showIf.isMissingNode() && !showIf.isNull()
                    && !showIf.path("equals").asText().equals(answers.get(showIf.path("questionId").asText()))) {
                continue;
            }
            String value;
            if (q.path("kind").asText().equalsIgnoreCase("choice")) {
                value = q.path("options").get(0).path("value").asText();
            } else {
                value = "Pip";
                int max = q.path("maxLength").asInt(0);
                if (max > 0 && value.length() > max) {
                    value = value.substring(0, max);
                }
            }
            answers.put(q.path("id").asText(), value);
        }
        return answers;
    }

    static JsonNode view(Reader reader, String id) {
        Reader.Answer answer = reader.get("/api/stories/" + id);
        assertEquals(200, answer.status(), () -> "view: " + answer.body());
        return answer.body();
    }

    static int count(JsonNode view, String state) {
        int n = 0;
        for (JsonNode scene : view.path("scenes")) {
            if (state.equals(scene.path("approval").path("state").asText())) {
                n++;
            }
        }
        return n;
    }

    /** The latest image event of each scene (highest attempt, last on the stream). */
    static Map<Integer, JsonNode> latestImages(List<SseClient.Event> events) {
        Map<Integer, JsonNode> latest = new HashMap<>();
        for (SseClient.Event e : events) {
            if (!e.name().equals("image")) {
                continue;
            }
            JsonNode data = json(e.data());
            latest.merge(data.path("sceneNumber").asInt(), data,
                    (old, now) -> now.path("attempt").asInt() >= old.path("attempt").asInt() ? now : old);
        }
        return latest;
    }

    /** Scenes whose latest image event (what a browser shows) is READY at the given attempt. */
    static int readyScenes(List<SseClient.Event> events, int attempt) {
        Map<Integer, JsonNode> latest = latestImages(events);
        return (int) IntStream.rangeClosed(1, 20).filter(n -> latest.containsKey(n)
                && latest.get(n).path("attempt").asInt() == attempt
                && latest.get(n).path("status").asText().equals("READY")).count();
    }

    /**
     * Successful provider calls per (picture, attempt) in image-service's journal: exactly one for
     * each of the portrait's two attempts, the 20 scenes' first ones and the rejected scene's second. A second successful call
     * for one attempt is an image generated twice (after the kill), which event ids cannot show:
     * a regenerated READY carries the same CloudEvent id as the first.
     */
    private static void everyAttemptGeneratedOnce(String id) {
        Map<String, Long> calls = successfulGenerations(id);
        Map<String, Long> twice = new TreeMap<>(calls);
        twice.values().removeIf(n -> n < 2);
        assertTrue(twice.isEmpty(), "images generated twice (successful provider calls per scene and attempt in"
                + " image-service's journal): " + twice);
        Map<String, Long> expected = new TreeMap<>();
        IntStream.rangeClosed(0, 20).forEach(n -> expected.put(generation(n, 1), 1L));
        expected.put(generation(0, 2), 1L);
        expected.put(generation(REJECTED, 2), 1L);
        assertEquals(expected, new TreeMap<>(calls), "one successful provider call per scene and attempt");
    }

    private static Map<String, Long> successfulGenerations(String id) {
        try {
            HttpResponse<String> answer = stack.service("image-service")
                    .get("/operations?operation=" + IMAGE_GENERATION + "&status=success&limit=1000&storyId=" + id);
            assertEquals(200, answer.statusCode(), answer::body);
            Map<String, Long> calls = new HashMap<>();
            Reader.JSON.readTree(answer.body()).forEach(row -> calls.merge(
                    generation(row.path("sceneNumber").asInt(), row.path("attempt").asInt()), 1L, Long::sum));
            return calls;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("image-service's journal could not be read", e);
        }
    }

    private static String generation(int scene, int attempt) {
        return "scene %02d attempt %d".formatted(scene, attempt);
    }

    static SseClient connected(SseClient sse) {
        assertEquals(200, sse.status);
        Awaitility.await("stream open").atMost(STEP).until(() -> sse.comments.get() >= 1);
        return sse;
    }

    static List<String> ids(List<SseClient.Event> events) {
        return events.stream().map(SseClient.Event::id).toList();
    }

    static void assertIncreasing(List<SseClient.Event> events) {
        for (int i = 1; i < events.size(); i++) {
            String[] a = events.get(i - 1).id().split("-");
            String[] b = events.get(i).id().split("-");
            int order = Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0]));
            assertTrue(order < 0 || order == 0 && Long.parseLong(a[1]) < Long.parseLong(b[1]),
                    "ids increase at " + i + ": " + events.get(i - 1).id() + " then " + events.get(i).id());
        }
    }

    static JsonNode json(String data) {
        try {
            return Reader.JSON.readTree(data);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + data, e);
        }
    }

    static String token() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
