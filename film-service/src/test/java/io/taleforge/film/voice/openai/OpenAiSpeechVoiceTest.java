package io.taleforge.film.voice.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.commons.redaction.Redactor;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.config.VoiceConfig;
import io.taleforge.film.ffmpeg.Ffmpeg;
import io.taleforge.film.ffmpeg.VideoProbe;
import io.taleforge.film.support.FfmpegSupport;
import io.taleforge.film.support.WireMockResource;
import io.taleforge.film.voice.Narration;
import io.taleforge.film.voice.SpeechRequest;
import io.taleforge.testing.RealInfraResource;

/** OpenAI speech against a WireMock fake answering as the real API: raw audio, the error envelope. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
@QuarkusTestResource(WireMockResource.class)
class OpenAiSpeechVoiceTest {

    static final String SPEECH = "/v1/audio/speech";
    static final ObjectMapper JSON = new ObjectMapper();
    static byte[] mp3;
    static byte[] wav;

    @Inject
    OpenAiSpeechVoice openai;

    @Inject
    @RestClient
    OpenAiSpeechClient client;

    @Inject
    FilmConfig config;

    @Inject
    Redactor redactor;

    @Inject
    Journal journal;

    WireMockServer wm;

    @BeforeAll
    static void audio() throws Exception {
        mp3 = tone("mp3", 1.5);
        wav = tone("wav", 1.0);
    }

    @BeforeEach
    void reset() {
        wm = WireMockResource.server();
        wm.resetAll();
        // the real API refuses an input over 4096 characters: the client must split before it sends
        wm.stubFor(post(SPEECH).withRequestBody(matchingJsonPath("$.input", matching("(?s).{4097,}")))
                .atPriority(1).willReturn(error(400, "invalid_request_error", "string_above_max_length",
                        "Invalid 'input': string too long. Expected a string with maximum length 4096.")));
    }

    @Test
    void anMp3AnswerIsMeasuredAndTheRequestCarriesTheConfiguredVoice() throws Exception {
        wm.stubFor(post(SPEECH).willReturn(audio(mp3, "audio/mpeg")));

        Narration n = openai.speak(says("Once upon a time, a small fox lived in the snowy mountains."));

        assertEquals("audio/mpeg", n.contentType());
        assertEquals(1500, n.durationMs(), 120, "measured by ffprobe");
        JsonNode sent = JSON.readTree(wm.findAll(postRequestedFor(urlEqualTo(SPEECH))).get(0).getBodyAsString());
        assertEquals("gpt-4o-mini-tts", sent.path("model").asText());
        assertEquals("coral", sent.path("voice").asText());
        assertEquals("mp3", sent.path("response_format").asText());
        assertEquals(1.0, sent.path("speed").asDouble());
        assertFalse(sent.path("instructions").asText().isBlank(), "gpt-4o-mini-tts takes instructions");
        wm.verify(postRequestedFor(urlEqualTo(SPEECH)).withHeader("Authorization",
                equalTo("Bearer test-openai-key-NOT-REAL")));
    }

    @Test
    void aWavAnswerFromTts1WithoutInstructions() throws Exception {
        wm.stubFor(post(SPEECH).willReturn(audio(wav, "audio/wav")));
        OpenAiSpeechVoice tts1 = new OpenAiSpeechVoice(client, new Settings(config.voice().openai(), "tts-1", "wav"),
                Path.of(config.voice().workDir()), redactor, journal, FfmpegSupport.ffmpeg(),
                new VideoProbe(FfmpegSupport.ffmpeg()));

        Narration n = tts1.speak(says("The end."));

        assertEquals("audio/wav", n.contentType());
        assertEquals("RIFF", new String(n.audio(), 0, 4));
        assertEquals(1000, n.durationMs(), 120);
        JsonNode sent = JSON.readTree(wm.findAll(postRequestedFor(urlEqualTo(SPEECH))).get(0).getBodyAsString());
        assertTrue(sent.path("instructions").isMissingNode(), "tts-1 refuses instructions: " + sent);
        assertEquals("wav", sent.path("response_format").asText());
    }

    @Test
    void aTextOverTheLimitIsSplitAtSentenceEndsAndTheAudioJoined() throws Exception {
        wm.stubFor(post(SPEECH).willReturn(audio(mp3, "audio/mpeg")));
        String sentence = "The fox climbed the long white ridge while the wind sang softly in the pines. ";
        String text = sentence.repeat(70); // about 5500 characters

        Narration n = openai.speak(says(text));

        List<String> inputs = wm.findAll(postRequestedFor(urlEqualTo(SPEECH))).stream()
                .map(r -> read(r.getBodyAsString()).path("input").asText()).toList();
        assertEquals(2, inputs.size(), "two pieces");
        inputs.forEach(i -> assertTrue(i.length() <= 4096 && i.endsWith("pines."), "a whole-sentence piece: " + i.length()));
        assertEquals(text.strip().length(), inputs.get(0).length() + 1 + inputs.get(1).length(), "nothing lost");
        assertEquals(3000, n.durationMs(), 250, "both pieces' audio, measured");
    }

    @Test
    void a401FailsAtOnceWithoutRetrying() {
        wm.stubFor(post(SPEECH).willReturn(error(401, "invalid_request_error", "invalid_api_key",
                "Incorrect API key provided: test-ope************REAL.")));
        SpeechRequest request = says("Hello.");

        KeyRejectedException e = assertThrows(KeyRejectedException.class, () -> openai.speak(request));

        assertTrue(e.getMessage().contains("invalid_api_key"), e.getMessage());
        wm.verify(1, postRequestedFor(urlEqualTo(SPEECH)));
        assertEquals(List.of(JournalEntry.Status.FAILED), statuses(request));
    }

    @Test
    void a429WithRetryAfterWaitsThatLongThenSucceeds() throws Exception {
        failOnceThenSpeak(aResponseError(429, "requests", "rate_limit_exceeded", "Rate limit reached")
                .withHeader("Retry-After", "1"));
        long t0 = System.nanoTime();
        SpeechRequest request = says("Hello.");
        openai.speak(request);
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 950, "waited the Retry-After second");
        wm.verify(2, postRequestedFor(urlEqualTo(SPEECH)));
        assertEquals(List.of(JournalEntry.Status.FAILED, JournalEntry.Status.SUCCESS), statuses(request));
    }

    @Test
    void a429WithoutRetryAfterBacksOffThenSucceeds() throws Exception {
        failOnceThenSpeak(aResponseError(429, "requests", "rate_limit_exceeded", "Rate limit reached"));
        openai.speak(says("Hello."));
        wm.verify(2, postRequestedFor(urlEqualTo(SPEECH)));
    }

    @Test
    void a500ThenSuccess() throws Exception {
        failOnceThenSpeak(aResponseError(500, "server_error", null, "The server had an error while processing your request."));
        SpeechRequest request = says("Hello.");
        assertEquals("audio/mpeg", openai.speak(request).contentType());
        wm.verify(2, postRequestedFor(urlEqualTo(SPEECH)));
        assertEquals(List.of(JournalEntry.Status.FAILED, JournalEntry.Status.SUCCESS), statuses(request));
    }

    private void failOnceThenSpeak(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
        wm.stubFor(post(SPEECH).inScenario("once").whenScenarioStateIs(STARTED).willReturn(failure)
                .willSetStateTo("ok"));
        wm.stubFor(post(SPEECH).inScenario("once").whenScenarioStateIs("ok").willReturn(audio(mp3, "audio/mpeg")));
    }

    @Inject
    Rows rows;

    List<JournalEntry.Status> statuses(SpeechRequest request) {
        return rows.statuses(request.storyId());
    }

    /** Reads the journal rows of the speech calls of one story, oldest first. */
    @jakarta.enterprise.context.ApplicationScoped
    static class Rows {
        @Transactional
        List<JournalEntry.Status> statuses(UUID story) {
            return JournalEntry.<JournalEntry>list("storyId = ?1 and operation = ?2 order by createdAt", story,
                    "narration.speech").stream().map(e -> e.status).toList();
        }
    }

    static SpeechRequest says(String text) {
        return new SpeechRequest(UUID.randomUUID(), 4, 1, text);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder audio(byte[] bytes, String type) {
        return aResponse().withStatus(200).withHeader("Content-Type", type).withBody(bytes);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String type, String code,
            String message) {
        return aResponseError(status, type, code, message);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder aResponseError(int status, String type,
            String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"message":"%s","type":"%s","param":null,"code":%s}}"""
                .formatted(message, type, code == null ? "null" : "\"" + code + "\""));
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real tone of {@code seconds} in {@code format}, made by FFmpeg. */
    static byte[] tone(String format, double seconds) throws Exception {
        Ffmpeg ffmpeg = FfmpegSupport.ffmpeg();
        Path out = Files.createTempFile("tone-", "." + format);
        ffmpeg.ffmpeg(List.of("-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "sine=frequency=440:duration=" + seconds, out.toString()));
        byte[] bytes = Files.readAllBytes(out);
        Files.delete(out);
        return bytes;
    }

    /** The configured settings with another model and format. */
    record Settings(VoiceConfig.OpenAi base, String model, String format) implements VoiceConfig.OpenAi {
        public java.util.Optional<String> apiKey() { return base.apiKey(); }
        public double speed() { return base.speed(); }
        public String voice() { return base.voice(); }
        public String instructions() { return base.instructions(); }
        public int maxInputChars() { return base.maxInputChars(); }
        public int maxAttempts() { return base.maxAttempts(); }
        public java.time.Duration retryBase() { return base.retryBase(); }
        public java.time.Duration retryMax() { return base.retryMax(); }
    }
}
