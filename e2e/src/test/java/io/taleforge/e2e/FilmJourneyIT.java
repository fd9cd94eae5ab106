package io.taleforge.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.taleforge.testing.ApiContract;
import io.taleforge.testing.SseClient;

/**
 * The film, end to end on the five packaged services: a story taken to all-approved through the
 * gateway, then "make the film" (409 before, idempotent after), film-service killed (SIGKILL) in
 * the middle and started again, the 20 clips READY on the story's event stream, made by 20
 * provider tasks, not more (film-service's journal), then the 20 narrations and the movie READY;
 * the MP4 and its subtitles download through the gateway for the owner only (409 before READY,
 * 404 for another reader), and the MP4 is H.264 + AAC with a subtitle stream (ffprobe). Prints the
 * time from the request to the film READY, split into clips, narrations and assembly.
 */
@ExtendWith(SharedStack.class)
class FilmJourneyIT {

    private static final Duration STEP = Duration.ofMinutes(3);
    private static final Duration FILM = Duration.ofMinutes(8);

    private static Stack stack;

    @BeforeAll
    static void up(Stack shared) {
        stack = shared;
    }

    @Test
    void aCompleteStoryBecomesTwentyClipsThoughFilmServiceIsKilledMidFilm() {
        ApiContract api = Reader.contractOf(stack.gateway());
        Reader alice = Reader.browser(stack.gateway()).checkedBy(api);
        Reader mallory = Reader.apiClient(stack.gateway(), StoryJourneyIT.token()).checkedBy(api);
        String id = approvedStory(alice);
        String film = "/api/stories/" + id + "/film";
        SseClient watch = StoryJourneyIT.connected(alice.events(id, Optional.of("0-0")));
        assertEquals(404, mallory.post(film, "").status(), "someone else's story");

        long askedAt = System.nanoTime();
        Reader.Answer asked = alice.post(film, "");
        assertEquals(202, asked.status(), () -> "film: " + asked.body());
        assertEquals(20, asked.body().path("clips").size());
        Reader.Answer again = alice.post(film, "");
        assertEquals(202, again.status(), () -> "film again: " + again.body());
        Reader.Answer early = alice.get(film + "/film.mp4");
        assertEquals(409, early.status(), "no MP4 before the film is READY");
        assertEquals("id", early.body().path("errors").get(0).path("field").asText(), early.body()::toString);

        // mid-film: film-service is killed and started again
        Awaitility.await("a first READY clip").atMost(FILM).until(() -> readyClips(watch.events) >= 1);
        int readyAtKill = readyClips(watch.events);
        stack.service("film-service").kill();
        assertTrue(readyAtKill < 20, "film-service must die mid-film, it died with " + readyAtKill + " READY");
        System.out.printf("e2e: film-service killed with %d of 20 clips READY%n", readyAtKill);
        stack.service("film-service").launch();
        stack.service("film-service").awaitReady(STEP);

        try {
            Awaitility.await("20 READY clips").atMost(FILM).until(() -> readyClips(watch.events) == 20);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.printf("e2e: no 20 READY clips; latest per scene %s; state %s%n", latestClips(watch.events).values(),
                    alice.get("/api/stories/" + id).body().path("film"));
            throw e;
        }
        long doneAt = System.nanoTime();
        Awaitility.await("the film READY").atMost(FILM).until(() -> filmReady(watch.events));
        long readyAt = System.nanoTime();

        JsonNode view = StoryJourneyIT.view(alice, id).path("film");
        assertEquals("READY", view.path("state").asText(), view::toString);
        assertEquals(20, view.path("readyCount").asInt());
        assertEquals(20, view.path("narrationReadyCount").asInt(), view::toString);
        assertEquals("READY", view.at("/movie/state").asText(), view::toString);
        assertEquals(view, alice.get(film).body(), "GET …/film is the film of the state document");
        FilmDownloads.check(alice, mallory, id, view.path("movie"));
        Reader.Answer mp4 = alice.get(view.path("clips").get(0).path("url").asText());
        assertEquals(200, mp4.status());
        assertArrayEquals("ftyp".getBytes(), Arrays.copyOfRange(mp4.bytes(), 4, 8), "an MP4 file");

        Reader.Answer created = Reader.browser(stack.service("film-service").url())
                .get("/operations?storyId=" + id + "&operation=clip.create&status=SUCCESS&limit=1000");
        assertEquals(200, created.status());
        assertEquals(20, created.body().size(), () -> "provider tasks created: " + created.body());
        watch.close();
        assertEquals(List.of(), api.failures(), "every request and answer fits the gateway's OpenAPI document");
        System.out.printf("e2e: make the film -> 20th READY clip: %.1f s, with film-service killed and restarted"
                + " (local renderer: clip %s, latency %s, concurrency %s)%n", (doneAt - askedAt) / 1e9,
                System.getProperty("e2e.film.duration", "2s"), System.getProperty("e2e.film.latency", "1s"),
                System.getProperty("e2e.film.concurrency", "4"));
        System.out.printf("e2e: make the film -> film READY: %.1f s (%s; film-service killed and restarted once)%n",
                (readyAt - askedAt) / 1e9, FilmDownloads.split(watch.events));
    }

    /** The FILM item (the assembled movie) READY on the stream. */
    private static boolean filmReady(List<SseClient.Event> events) {
        return List.copyOf(events).stream().filter(e -> e.name().equals("film")).map(e -> StoryJourneyIT.json(e.data()))
                .anyMatch(f -> f.at("/item/kind").asText().equals("FILM") && f.at("/item/state").asText().equals("READY"));
    }

    /** A story taken through the gateway to all-approved; the film is refused (409) before. */
    private static String approvedStory(Reader alice) {
        Reader.Answer quiz = alice.get("/api/quiz");
        String id = alice.createStory(StoryJourneyIT.answers(quiz.body()), STEP);
        assertEquals(202, alice.post("/api/stories/" + id + "/approve-scenes", "").status());
        alice.approvePortrait(id, null, STEP);
        Awaitility.await("20 images pending approval").atMost(STEP).pollInterval(Duration.ofMillis(500))
                .until(() -> StoryJourneyIT.count(StoryJourneyIT.view(alice, id), "PENDING") == 20);
        Reader.Answer early = alice.post("/api/stories/" + id + "/film", "");
        assertEquals(409, early.status(), () -> "film before approval: " + early.body());
        assertEquals("storyId", early.body().path("errors").get(0).path("field").asText(), early.body()::toString);
        for (int n = 1; n <= 20; n++) {
            Reader.Answer ok = alice.post("/api/stories/" + id + "/scenes/" + n + "/approval", Map.of("action", "approve"));
            assertEquals(200, ok.status(), () -> "approve: " + ok.body());
        }
        Awaitility.await("all approved").atMost(STEP).pollInterval(Duration.ofMillis(500))
                .until(() -> StoryJourneyIT.view(alice, id).path("allApproved").asBoolean());
        return id;
    }

    /** The latest film event of each clip (highest attempt, last on the stream). */
    private static Map<Integer, JsonNode> latestClips(List<SseClient.Event> events) {
        Map<Integer, JsonNode> latest = new HashMap<>();
        for (SseClient.Event e : List.copyOf(events)) {
            if (e.name().equals("film") && StoryJourneyIT.json(e.data()).at("/item/kind").asText("CLIP").equals("CLIP")) {
                JsonNode item = StoryJourneyIT.json(e.data()).path("item");
                latest.merge(item.path("sceneNumber").asInt(), item,
                        (old, now) -> now.path("attempt").asInt() >= old.path("attempt").asInt() ? now : old);
            }
        }
        return latest;
    }

    private static int readyClips(List<SseClient.Event> events) {
        Map<Integer, JsonNode> latest = latestClips(events);
        return (int) IntStream.rangeClosed(1, 20)
                .filter(n -> latest.containsKey(n) && latest.get(n).path("state").asText().equals("READY")).count();
    }
}
