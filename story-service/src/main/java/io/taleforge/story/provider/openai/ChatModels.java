package io.taleforge.story.provider.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The parts of the OpenAI Chat Completions wire format that the story writer sends and reads. */
final class ChatModels {

    private ChatModels() {
    }

    /** {@code {model, messages, response_format, temperature}}, and {@code stream, stream_options} when streamed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChatRequest(String model, List<Message> messages,
            @JsonProperty("response_format") ResponseFormat responseFormat, Double temperature, Boolean stream,
            @JsonProperty("stream_options") StreamOptions streamOptions) {

        public ChatRequest(String model, List<Message> messages, ResponseFormat responseFormat, Double temperature) {
            this(model, messages, responseFormat, temperature, null, null);
        }
    }

    /** {@code {"include_usage": true}}: the last chunk before {@code [DONE]} carries the token use. */
    public record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {
    }

    /** One {@code chat.completion.chunk} of a streamed answer: a piece of the text in {@code choices[0].delta}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChatChunk(String id, String model, List<ChunkChoice> choices, Usage usage) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChunkChoice(Integer index, Message delta, @JsonProperty("finish_reason") String finishReason) {
    }

    /** A system, user or assistant message; {@code refusal} is set instead of content when the model declines. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String role, String content, String refusal) {

        public static Message system(String content) {
            return new Message("system", content, null);
        }

        public static Message user(String content) {
            return new Message("user", content, null);
        }
    }

    /** {@code {"type":"json_object"}}: the model must answer with one JSON object. */
    public record ResponseFormat(String type) {

        public static final ResponseFormat JSON_OBJECT = new ResponseFormat("json_object");
    }

    /** A {@code chat.completion}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChatCompletion(String id, String object, Long created, String model, List<Choice> choices,
            Usage usage) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(Integer index, Message message, @JsonProperty("finish_reason") String finishReason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(@JsonProperty("prompt_tokens") Integer promptTokens,
            @JsonProperty("completion_tokens") Integer completionTokens,
            @JsonProperty("total_tokens") Integer totalTokens) {
    }

    /** What the story writer gets back: the text, why the model stopped, the model that answered, token use. */
    public record ChatAnswer(String content, String finishReason, String model, Usage usage) {

        public boolean truncated() {
            return "length".equals(finishReason);
        }

        /** The tokens used by kind, as the rate table prices them ({@code input}, {@code output}); empty when not reported. */
        public java.util.Map<String, Long> tokens() {
            if (usage == null || usage.promptTokens() == null || usage.completionTokens() == null) {
                return java.util.Map.of();
            }
            return java.util.Map.of("input", usage.promptTokens().longValue(), "output",
                    usage.completionTokens().longValue());
        }

        public String usageSummary() {
            return usage == null ? "" : "tokens %s in, %s out".formatted(usage.promptTokens(), usage.completionTokens());
        }
    }
}
