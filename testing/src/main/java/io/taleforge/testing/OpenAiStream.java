package io.taleforge.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

/**
 * A streamed Chat Completions answer as OpenAI sends it ({@code stream: true}): {@code data:}
 * chunks of {@code chat.completion.chunk} with {@code choices[0].delta.content} (about 4 characters
 * a token), the {@code finish_reason}, the final usage chunk ({@code stream_options.include_usage})
 * and {@code data: [DONE]}. Used with WireMock (the caller brings {@code wiremock-standalone}).
 *
 * @param body the whole server-sent events body
 * @param tokens the completion tokens it holds (one per {@code delta.content} piece)
 */
public record OpenAiStream(String body, int tokens) {

    /** The prompt tokens every streamed answer's usage chunk reports. */
    public static final int PROMPT_TOKENS = 412;

    /** WireMock sends it in {@code tokens} pieces at {@code tokensPerSecond}. */
    public ResponseDefinitionBuilder dribbled(int tokensPerSecond) {
        return WireMock.aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream; charset=utf-8")
                .withBody(body).withChunkedDribbleDelay(tokens, tokens * 1000 / tokensPerSecond);
    }

    /** {@code content} streamed to its end: finish_reason {@code stop}, the usage chunk, {@code [DONE]}. */
    public static OpenAiStream streamed(String content) {
        return streamed(content, content.length(), true);
    }

    /** {@code content} streamed up to character {@code cut}, then the stream ends: no finish_reason, no {@code [DONE]}. */
    public static OpenAiStream cut(String content, int cut) {
        return streamed(content, cut, false);
    }

    private static OpenAiStream streamed(String content, int upTo, boolean complete) {
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
        return new OpenAiStream(body.toString(), tokens);
    }

    /** A refusal streamed in {@code delta.refusal} pieces, then {@code stop} and {@code [DONE]}. */
    public static OpenAiStream refusal(String text) {
        StringBuilder body = new StringBuilder(chunk(Map.of("role", "assistant", "refusal", ""), null));
        for (String word : text.split("(?<= )")) {
            body.append(chunk(Map.of("refusal", word), null));
        }
        body.append(chunk(Map.of(), "stop")).append(usageChunk(9)).append("data: [DONE]\n\n");
        return new OpenAiStream(body.toString(), text.split(" ").length + 3);
    }

    private static String chunk(Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        Map<String, Object> chunk = new LinkedHashMap<>();
        chunk.put("id", "chatcmpl-stream");
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", 1741570283L);
        chunk.put("model", "gpt-4o-mini-2024-07-18");
        chunk.put("system_fingerprint", "fp_06737a9306");
        chunk.put("choices", List.of(choice));
        chunk.put("usage", null);
        return "data: " + ModelAnswers.json(chunk) + "\n\n";
    }

    private static String usageChunk(int completionTokens) {
        return "data: " + ModelAnswers.json(Map.of("id", "chatcmpl-stream", "object", "chat.completion.chunk",
                "created", 1741570283L, "model", "gpt-4o-mini-2024-07-18", "choices", List.of(),
                "usage", Map.of("prompt_tokens", PROMPT_TOKENS, "completion_tokens", completionTokens,
                        "total_tokens", PROMPT_TOKENS + completionTokens)))
                + "\n\n";
    }
}
