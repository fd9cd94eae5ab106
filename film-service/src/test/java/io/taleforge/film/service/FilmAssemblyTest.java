package io.taleforge.film.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.contracts.FilmStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.film.client.FilmReservation;
import io.taleforge.film.ffmpeg.VideoProbe;
import io.taleforge.film.support.FfmpegSupport;
import io.taleforge.testing.RealInfraResource;

/**
 * The assembled film, in the same boot as {@link FilmFlowTest}: "redo only what changed" (a
 * narration retried assembles the film without rendering a clip again; a failed assembly says
 * why and {@code POST .../assemble} assembles again), and the film checked with ffprobe.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class FilmAssemblyTest extends FilmTestBase {

    private static final Path MEDIA = Path.of("target/test-data/media");
    private static final long TITLE_CARD_MS = 1000;

    @Test
    void aRetriedNarrationAndAFailedAssemblyRedoOnlyWhatChanged() throws Exception {
        String story = UUID.randomUUID().toString();
        UUID id = UUID.fromString(story);
        approved.add(story);
        untold.add(story + ":3");

        given().when().post("/films/" + story).then().statusCode(202).body("movie.state", equalTo("WAITING"))
                .body("narrations[2].state", equalTo("QUEUED"));
        JsonPath stuck = awaitFilm(story, f -> f.getInt("readyCount") == 20 && "FAILED".equals(f.getString("state")));
        assertEquals("FAILED", stuck.getString("narrations[2].state"));
        assertEquals("text_unavailable", stuck.getString("narrations[2].error.code"));
        assertEquals(19, stuck.getInt("narrationReadyCount"));
        assertEquals("WAITING", stuck.getString("movie.state"));

        // clip 7's stored file is spoiled: the assembly that follows the narration's retry must fail
        Path clip7 = MEDIA.resolve(key(stuck.getString("clips[6].mediaUrl")));
        byte[] good = Files.readAllBytes(clip7);
        Files.writeString(clip7, "not a video");
        untold.clear();
        overBudget.add(story); // the narration's new attempt does not fit: refused before it is queued
        given().when().post("/films/" + story + "/narrations/3/retry").then().statusCode(402)
                .contentType("application/problem+json").body("limit", equalTo("daily-budget"));
        given().when().get("/films/" + story).then().body("narrations[2].state", equalTo("FAILED"));
        overBudget.remove(story);
        given().when().post("/films/" + story + "/narrations/3/retry").then().statusCode(202)
                .body("narrations[2].state", equalTo("QUEUED")).body("narrations[2].attempt", equalTo(2));
        JsonPath failed = awaitFilm(story, f -> "FAILED".equals(f.getString("movie.state")));
        assertEquals("FAILED", failed.getString("state"));
        assertEquals("assembly_failed", failed.getString("movie.error.code"));
        List<String> ffmpegWords = journals.errors(id, MovieWorker.OPERATION);
        assertEquals(1, ffmpegWords.size());
        assertTrue(ffmpegWords.get(0).contains("Invalid data"), "FFmpeg's own words: " + ffmpegWords.get(0));
        FilmStatus filmFailed = probe.await(Topics.FILM_STATUS, r -> r.key().equals(story) && isItem(r, "FILM", "FAILED"),
                1, WAIT).get(0).as(FilmStatus.class);
        assertEquals("assembly_failed", filmFailed.item().error().code());
        assertEquals(FilmStatus.FilmState.FAILED, filmFailed.filmState());
        given().when().post("/films/" + story + "/narrations/3/retry").then().statusCode(409)
                .body("errors[0].field", equalTo("sceneNumber"));

        Files.write(clip7, good);
        given().when().post("/films/" + story + "/assemble").then().statusCode(202)
                .body("movie.state", equalTo("ASSEMBLING")).body("movie.attempt", equalTo(2));
        given().when().post("/films/" + story + "/assemble").then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("storyId"));
        JsonPath film = awaitFilm(story, f -> "READY".equals(f.getString("state")));

        assertEquals(20, createdTasks(story), "no clip rendered again");
        assertEquals(20, journals.count(id, NarrationWorker.OPERATION, JournalEntry.Status.SUCCESS), "19 + the retried one");
        assertEquals(1, journals.count(id, MovieWorker.OPERATION, JournalEntry.Status.SUCCESS));
        List<FilmReservation.Item> items = reserved.get(story);
        FilmReservation.Item retry = items.get(items.size() - 1);
        assertEquals(List.of(FilmReservation.Kind.NARRATION, 3, 2), List.of(retry.kind(), retry.sceneNumber(), retry.attempt()));
        assertEquals(0, new BigDecimal("0.006").compareTo(retry.estimateUsd()), "\"Fox 3.\": 6 characters at $1000 per 1M");
        assertEquals(41, items.size(), "the film's 40 items and the one retry that fitted");
        checkFilm(film);
    }

    /** ffprobe: one H.264, one AAC, one subtitle stream; title card + Σ narrations; the WebVTT's cues in order. */
    private void checkFilm(JsonPath film) throws Exception {
        VideoProbe probe = new VideoProbe(FfmpegSupport.ffmpeg());
        Path mp4 = MEDIA.resolve(key(film.getString("movie.mediaUrl")));
        assertEquals(List.of("video:h264", "audio:aac", "subtitle:mov_text"), probe.streams(mp4));
        long narrations = film.getList("narrations.durationMs", Integer.class).stream().mapToLong(Integer::longValue).sum();
        assertEquals(TITLE_CARD_MS + narrations, probe.durationSeconds(mp4) * 1000, 500, "title card + the narrations");
        assertEquals(Files.size(mp4), film.getLong("movie.sizeBytes"));
        assertEquals(probe.durationSeconds(mp4) * 1000, film.getLong("movie.durationMs"), 50);
        given().when().get("/films/" + film.getString("storyId")).then().body("movie.subtitlesSrtUrl", endsWith(".srt"));

        String vtt = Files.readString(MEDIA.resolve(key(film.getString("movie.subtitlesVttUrl"))), StandardCharsets.UTF_8);
        assertTrue(vtt.startsWith("WEBVTT\n\n"), vtt);
        List<long[]> cues = vtt.lines().filter(l -> l.contains(" --> ")).map(FilmAssemblyTest::cue).toList();
        assertEquals(TITLE_CARD_MS, cues.get(0)[0], "the first cue starts after the title card");
        for (int i = 0; i < cues.size(); i++) {
            assertTrue(cues.get(i)[0] < cues.get(i)[1], "cue " + i + " lasts");
            assertTrue(i == 0 || cues.get(i - 1)[1] <= cues.get(i)[0], "cue " + i + " follows the one before");
        }
        assertTrue(vtt.contains("Fox 20."), vtt);
    }

    private static long[] cue(String line) {
        String[] ends = line.split(" --> ");
        return new long[] { millis(ends[0].trim()), millis(ends[1].trim()) };
    }

    /** {@code HH:MM:SS.mmm} in milliseconds. */
    private static long millis(String time) {
        String[] p = time.split("[:.]");
        return ((Long.parseLong(p[0]) * 60 + Long.parseLong(p[1])) * 60 + Long.parseLong(p[2])) * 1000
                + Long.parseLong(p[3]);
    }

    private static String key(String mediaUrl) {
        return mediaUrl.substring(mediaUrl.indexOf("/media/") + "/media/".length());
    }

    private static JsonPath awaitFilm(String story, java.util.function.Predicate<JsonPath> done) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await("film " + story).atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = given().when().get("/films/" + story).then().extract().jsonPath();
            return done.test(last[0]);
        });
        return last[0];
    }
}
