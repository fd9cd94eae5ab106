package io.taleforge.story.provider.openai;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.taleforge.testing.ModelAnswers;

/**
 * A fake OpenAI on a dynamic port (WireMock), speaking the real Chat Completions wire format;
 * points the writer's base URL at it. Also builds the non-streamed bodies the real API sends; the
 * streamed ones are {@link io.taleforge.testing.OpenAiStream}, the story in them {@link ModelAnswers}.
 */
public class OpenAiWireMock implements QuarkusTestResourceLifecycleManager {

    /** A distinctive key: it must reach WireMock's Authorization header and nothing else. */
    public static final String KEY = "sk-test-LEAKCHECK-0123456789abcdef";
    public static final String PATH = "/v1/chat/completions";

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
        return ModelAnswers.json(Map.of(
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
        return ModelAnswers.json(Map.of("id", "chatcmpl-refusal", "object", "chat.completion", "created", 1741570283L,
                "model", "gpt-4o-mini-2024-07-18",
                "choices", List.of(Map.of("index", 0, "message", message, "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", 412, "completion_tokens", 9, "total_tokens", 421)));
    }

    /** OpenAI's error body. */
    public static String error(String message, String type, String code) {
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", code);
        return ModelAnswers.json(Map.of("error", error));
    }
}
