package io.taleforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.taleforge.testing.SseClient;

/**
 * The READY film's files through the gateway: the MP4 (H.264 + AAC + a subtitle stream, as long
 * as the movie says), the SRT (attachments) and the WebVTT track, the owner's only; and how the
 * time to READY splits between clips, narrations and assembly, read from the stream.
 */
final class FilmDownloads {

    private FilmDownloads() {
    }

    static void check(Reader owner, Reader other, String storyId, JsonNode movie) {
        String film = "/api/stories/" + storyId + "/film";
        Reader.Answer mp4 = owner.get(film + "/film.mp4");
        assertEquals(200, mp4.status());
        assertEquals("video/mp4", mp4.header("content-type"));
        assertTrue(mp4.header("content-disposition").startsWith("attachment"), mp4.header("content-disposition"));
        assertEquals(movie.path("sizeBytes").asLong(), mp4.bytes().length, "the movie's size is the download's");
        List<String> streams = FilmProbe.streams(mp4.bytes());
        assertEquals(1, streams.stream().filter(s -> s.equals("video:h264")).count(), streams::toString);
        assertEquals(1, streams.stream().filter(s -> s.equals("audio:aac")).count(), streams::toString);
        assertTrue(streams.stream().anyMatch(s -> s.startsWith("subtitle:")), streams::toString);
        double seconds = FilmProbe.seconds(mp4.bytes());
        assertEquals(movie.path("durationMs").asLong() / 1000.0, seconds, 0.5, "ffprobe's length vs the movie's");

        Reader.Answer srt = owner.get(film + "/subtitles.srt");
        assertEquals(200, srt.status());
        assertTrue(srt.header("content-disposition").startsWith("attachment"), srt.header("content-disposition"));
        String srtText = new String(srt.bytes(), StandardCharsets.UTF_8);
        assertTrue(srtText.startsWith("1") && srtText.contains(" --> "), srtText);
        Reader.Answer vtt = owner.get(film + "/subtitles.vtt");
        assertEquals(200, vtt.status());
        assertTrue(vtt.header("content-type").startsWith("text/vtt"), vtt.header("content-type"));
        assertTrue(new String(vtt.bytes(), StandardCharsets.UTF_8).startsWith("WEBVTT"));

        for (String file : new String[] { "", "/film.mp4", "/subtitles.srt", "/subtitles.vtt" }) {
            assertEquals(404, other.get(film + file).status(), "another reader: " + file);
        }
        System.out.printf("e2e: the film: %.1f s, %,d bytes, streams %s; SRT %,d bytes%n", seconds, mp4.bytes().length,
                streams, srt.bytes().length);
    }

    /** "clips …, narrations …, assembly …": film-service's own times (the events' occurredAt). */
    static String split(List<SseClient.Event> events) {
        Instant first = null;
        Map<String, Instant> lastReady = new HashMap<>();
        for (SseClient.Event e : List.copyOf(events)) {
            if (!e.name().equals("film")) {
                continue;
            }
            JsonNode f = StoryJourneyIT.json(e.data());
            Instant at = Instant.parse(f.path("occurredAt").asText());
            first = first == null || at.isBefore(first) ? at : first;
            if (f.at("/item/state").asText().equals("READY")) {
                lastReady.merge(f.at("/item/kind").asText(), at, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        Instant start = first;
        Instant clips = lastReady.get("CLIP");
        Instant narrations = lastReady.get("NARRATION");
        Instant movie = lastReady.get("FILM");
        Instant parts = clips.isAfter(narrations) ? clips : narrations;
        return String.format("clips: 20th READY after %.1f s; narrations: 20th READY after %.1f s (in parallel);"
                + " assembly: %.1f s after the last of them", secs(start, clips), secs(start, narrations), secs(parts, movie));
    }

    private static double secs(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
