package io.taleforge.story.provider.openai;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fake OpenAI on a dynamic port (WireMock), speaking the real Chat Completions wire format;
 * points the writer's base URL at it. Also builds the bodies the real API sends.
 */
public class OpenAiWireMock implements QuarkusTestResourceLifecycleManager {

    /** A distinctive key: it must reach WireMock's Authorization header and nothing else. */
    public static final String KEY = "sk-test-LEAKCHECK-0123456789abcdef";
    public static final String PATH = "/v1/chat/completions";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        // WireMock's own notices (e.g. an unmatched request with its headers) go to the console,
        // not through the application's logging that the leak test reads.
        server = new WireMockServer(options().dynamicPort().notifier(new ConsoleNotifier(false)));
        server.start();
        return Map.of("taleforge.story.writer.openai.base-url", server.baseUrl() + "/v1");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** A {@code chat.completion} as OpenAI sends it. */
    public static String completion(String content, String finishReason) {
        Map<String, Object> message = new java.util.LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", content);
        message.put("refusal", null);
        message.put("annotations", List.of());
        return json(Map.of(
                "id", "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
                "object", "chat.completion",
                "created", 1741570283L,
                "model", "gpt-4o-mini-2024-07-18",
                "choices", List.of(Map.of("index", 0, "message", message, "logprobs", "null-placeholder",
                        "finish_reason", finishReason)),
                "usage", Map.of("prompt_tokens", 412, "completion_tokens", 1830, "total_tokens", 2242,
                        "prompt_tokens_details", Map.of("cached_tokens", 0, "audio_tokens", 0),
                        "completion_tokens_details", Map.of("reasoning_tokens", 0, "audio_tokens", 0,
                                "accepted_prediction_tokens", 0, "rejected_prediction_tokens", 0)),
                "service_tier", "default",
                "system_fingerprint", "fp_06737a9306")).replace("\"null-placeholder\"", "null");
    }

    /** A refusal: {@code content} null, {@code refusal} set. */
    public static String refusal(String text) {
        Map<String, Object> message = new java.util.LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", null);
        message.put("refusal", text);
        return json(Map.of("id", "chatcmpl-refusal", "object", "chat.completion", "created", 1741570283L,
                "model", "gpt-4o-mini-2024-07-18",
                "choices", List.of(Map.of("index", 0, "message", message, "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", 412, "completion_tokens", 9, "total_tokens", 421)));
    }

    /** A streamed answer as OpenAI sends it: the {@code data:} chunks (about 4 characters a token) and {@code [DONE]}. */
    public record Stream(String body, int tokens) {

        /** WireMock sends it in {@code tokens} pieces at {@code tokensPerSecond}. */
        public ResponseDefinitionBuilder dribbled(int tokensPerSecond) {
            return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                    .withHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .withBody(body).withChunkedDribbleDelay(tokens, tokens * 1000 / tokensPerSecond);
        }
    }

    /** {@code content} streamed to its end: finish_reason {@code stop}, the usage chunk, {@code [DONE]}. */
    public static Stream streamed(String content) {
        return streamed(content, content.length(), true);
    }

    /** {@code content} streamed up to character {@code cut}, then the stream ends: no finish_reason, no {@code [DONE]}. */
    public static Stream cut(String content, int cut) {
        return streamed(content, cut, false);
    }

    private static Stream streamed(String content, int upTo, boolean complete) {
        StringBuilder body = new StringBuilder(chunk(Map.of("role", "assistant", "content", ""), null));
        int tokens = 0;
        for (int at = 0; at < upTo; at += 4) {
            body.append(chunk(Map.of("content", content.substring(at, Math.min(upTo, at + 4))), null));
            tokens++;
        }
        if (complete) {
            body.append(chunk(Map.of(), "stop"));
            body.append(usageChunk(tokens)).append("data: [DONE]\n\n");
        }
        return new Stream(body.toString(), tokens);
    }

    /** A refusal streamed in {@code delta.refusal} pieces, then {@code stop} and {@code [DONE]}. */
    public static Stream refusalStream(String text) {
        StringBuilder body = new StringBuilder(chunk(Map.of("role", "assistant", "refusal", ""), null));
        for (String word : text.split("(?<= )")) {
            body.append(chunk(Map.of("refusal", word), null));
        }
        body.append(chunk(Map.of(), "stop")).append(usageChunk(9)).append("data: [DONE]\n\n");
        return new Stream(body.toString(), text.split(" ").length + 3);
    }

    private static String chunk(Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new java.util.LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        Map<String, Object> chunk = new java.util.LinkedHashMap<>();
        chunk.put("id", "chatcmpl-stream");
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", 1741570283L);
        chunk.put("model", "gpt-4o-mini-2024-07-18");
        chunk.put("system_fingerprint", "fp_06737a9306");
        chunk.put("choices", List.of(choice));
        chunk.put("usage", null);
        return "data: " + json(chunk) + "\n\n";
    }

    /** The prompt tokens every streamed answer's usage chunk reports. */
    public static final int PROMPT_TOKENS = 412;

    private static String usageChunk(int completionTokens) {
        return "data: " + json(Map.of("id", "chatcmpl-stream", "object", "chat.completion.chunk", "created", 1741570283L,
                "model", "gpt-4o-mini-2024-07-18", "choices", List.of(), "usage", Map.of("prompt_tokens", PROMPT_TOKENS,
                        "completion_tokens", completionTokens, "total_tokens", PROMPT_TOKENS + completionTokens)))
                + "\n\n";
    }

    /** OpenAI's error body. */
    public static String error(String message, String type, String code) {
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", code);
        return json(Map.of("error", error));
    }

    /** The story JSON the model is asked for, with scenes {@code 1..count}; {@code tag} makes its texts unique to a test. */
    public static String story(String title, int count, String tag) {
        return story(title, 1, count, tag);
    }

    /** The story JSON with scenes {@code from..to} only, as a model asked for the missing scenes answers. */
    public static String story(String title, int from, int to, String tag) {
        Map<String, Object> story = new java.util.LinkedHashMap<>();
        story.put("title", title);
        story.put("scenes", scenes(from, to, tag));
        return json(story);
    }

    public static List<Map<String, Object>> scenes(int count, String tag) {
        return scenes(1, count, tag);
    }

    private static List<Map<String, Object>> scenes(int from, int to, String tag) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(n -> {
                    Map<String, Object> scene = new java.util.LinkedHashMap<>();
                    scene.put("number", n);
                    scene.put("text", text(n, tag));
                    return scene;
                })
                .collect(Collectors.toList());
    }

    public static String text(int n, String tag) {
        return "Scene %d: Pip Whiskers the mouse %s (%s).".formatted(n, WHAT.get((n - 1) % WHAT.size()), tag);
    }

    private static final List<String> WHAT = List.of("is laughed at by the others", "walks home alone",
            "cries by the window", "feels very small", "finds a glowing lantern", "feels the lantern's warmth",
            "drops the lantern in front of everyone", "runs from the Crow King", "practises every evening",
            "trains in the rain", "wakes up changed", "sees a new face in the pond", "lights up the festival",
            "hears the first cheers", "faces the Crow King again", "is the only one who steps forward",
            "stands firm with the lantern", "keeps standing", "forgives the Crow King", "is home at last");

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
