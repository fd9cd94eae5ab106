package io.taleforge.story.provider.openai;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.taleforge.commons.redaction.Redactor;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.provider.StoryWriterException.Kind;
import io.taleforge.story.provider.StoryWriterException;
import io.taleforge.story.provider.openai.ChatModels.ChatAnswer;
import io.taleforge.story.provider.openai.ChatModels.ChatChunk;
import io.taleforge.story.provider.openai.ChatModels.ChatCompletion;
import io.taleforge.story.provider.openai.ChatModels.ChatRequest;
import io.taleforge.story.provider.openai.ChatModels.Message;
import io.taleforge.story.provider.openai.ChatModels.ResponseFormat;
import io.taleforge.story.provider.openai.ChatModels.StreamOptions;

/**
 * One chat completion against an OpenAI-compatible API (OpenAI, Azure OpenAI v1, Ollama, vLLM):
 * JSON mode, the configured model, temperature and timeouts, the key in the configured header.
 * The configuration is checked when the bean is built ({@link OpenAiSettings}). Every failure
 * becomes a {@link StoryWriterException} ({@link OpenAiErrors}) whose message says what happened
 * in words and never carries the key: the key is registered with the {@link Redactor}, and
 * whatever the provider says is redacted before it goes into a message.
 *
 * <p>No retries here: the caller ({@code service.SceneDrafting}) retries, so that every HTTP call
 * gets its own journal row, and waits as long as {@link StoryWriterException#retryAfter()} asks.
 */
@Singleton
public class ChatCompletions {

    private final StoryConfig.OpenAi config;
    private final Redactor redactor;
    private final OpenAiErrors errors;
    private final OpenAiClient client;
    private final ObjectMapper json;

    public ChatCompletions(StoryConfig config, Redactor redactor, ObjectMapper json) {
        this.config = config.writer().openai();
        this.redactor = redactor;
        this.json = json;
        this.errors = new OpenAiErrors(this.config, redactor, json);
        OpenAiSettings.check(this.config);
        Optional<String> key = OpenAiSettings.key(this.config);
        key.ifPresent(redactor::register);
        this.client = client(this.config, key);
    }

    private static OpenAiClient client(StoryConfig.OpenAi config, Optional<String> key) {
        URI base = URI.create(stripSlash(config.baseUrl().strip()));
        String endpoint = base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (key.isPresent()) {
            builder.register(new KeyHeader(config.auth().strip().toLowerCase(Locale.ROOT), key.get()));
        }
        Log.infof("story writer openai model=%s endpoint=%s auth=%s key=%s connect-timeout=%s read-timeout=%s",
                config.model(), endpoint, config.auth(), key.isPresent() ? "set" : "none",
                config.connectTimeout(), config.readTimeout());
        return builder.build(OpenAiClient.class);
    }

    public String model() {
        return config.model();
    }

    /** One call: the messages in, the first choice's text out, or a {@link StoryWriterException}. */
    public ChatAnswer complete(List<Message> messages) {
        ChatRequest request = new ChatRequest(config.model(), messages, ResponseFormat.JSON_OBJECT, config.temperature());
        long start = System.nanoTime();
        ChatCompletion completion;
        try {
            completion = client.complete(request);
        } catch (RuntimeException e) {
            throw errors.map(e);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (completion == null || completion.choices() == null || completion.choices().isEmpty()
                || completion.choices().get(0).message() == null) {
            throw new StoryWriterException(Kind.BAD_ANSWER, "the story writer's answer has no choices[0].message");
        }
        ChatModels.Choice choice = completion.choices().get(0);
        Log.debugf("chat completion model=%s finish=%s ms=%d", completion.model(), choice.finishReason(), ms);
        return new ChatAnswer(content(choice), choice.finishReason(), completion.model(), completion.usage());
    }

    /**
     * One streamed call ({@code stream: true}, usage asked for the final chunk): each piece of the
     * text goes to {@code onText} as it arrives. A refusal, the content filter, a stream cut before
     * its end or an empty answer is a {@link StoryWriterException}; what {@code onText} throws
     * leaves as it is (the reader stopped the writing), and cancels the call.
     */
    public ChatAnswer stream(List<Message> messages, Consumer<String> onText) {
        ChatRequest request = new ChatRequest(config.model(), messages, ResponseFormat.JSON_OBJECT, config.temperature(),
                true, new StreamOptions(true));
        StreamedAnswer answer = new StreamedAnswer(redactor, onText);
        long start = System.nanoTime();
        // closing the stream cancels the call, also when the listener throws (the reader stopped the writing)
        try (java.util.stream.Stream<String> chunks = client.stream(request).subscribe().asStream()) {
            java.util.Iterator<String> data = chunks.iterator();
            while (data.hasNext()) {
                String next = data.next();
                if ("[DONE]".equals(next.strip())) {
                    answer.done();
                    break;
                }
                answer.data(chunk(next));
            }
        } catch (StoryWriterException e) {
            throw e;
        } catch (RuntimeException e) {
            if (answer.fromListener(e)) {
                throw e;
            }
            throw errors.map(e);
        }
        ChatAnswer finished = answer.finish();
        Log.infof("chat stream model=%s finish=%s chars=%d ms=%d %s", finished.model(), finished.finishReason(),
                answer.length(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), finished.usageSummary());
        return finished;
    }

    private ChatChunk chunk(String data) {
        try {
            return json.readValue(data, ChatChunk.class);
        } catch (JsonProcessingException e) {
            throw new StoryWriterException(Kind.BAD_ANSWER, "a chunk of the answer stream is not a chat.completion.chunk"
                    + " (starting \"%s\")".formatted(OpenAiErrors.clip(redactor.redact(data), 80)));
        }
    }

    /** The answer's text; a refusal, a content filter stop or an empty answer is a bad answer. */
    private String content(ChatModels.Choice choice) {
        Message message = choice.message();
        if (message.refusal() != null && !message.refusal().isBlank()) {
            throw new StoryWriterException(Kind.BAD_ANSWER,
                    "the model refused to write: " + OpenAiErrors.clip(redactor.redact(message.refusal()), 300));
        }
        if ("content_filter".equals(choice.finishReason())) {
            throw new StoryWriterException(Kind.BAD_ANSWER,
                    "the provider's content filter stopped the answer (finish_reason=content_filter)");
        }
        if (message.content() == null || message.content().isBlank()) {
            throw new StoryWriterException(Kind.BAD_ANSWER,
                    "the model's answer is empty (finish_reason=%s)".formatted(choice.finishReason()));
        }
        return message.content();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
