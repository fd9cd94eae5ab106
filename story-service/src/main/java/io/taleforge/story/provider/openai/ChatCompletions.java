package io.taleforge.story.provider.openai;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.taleforge.commons.journal.Redactor;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.provider.StoryWriterException;
import io.taleforge.story.provider.StoryWriterException.Kind;
import io.taleforge.story.provider.openai.ChatModels.ChatAnswer;
import io.taleforge.story.provider.openai.ChatModels.ChatCompletion;
import io.taleforge.story.provider.openai.ChatModels.ChatRequest;
import io.taleforge.story.provider.openai.ChatModels.Message;
import io.taleforge.story.provider.openai.ChatModels.ResponseFormat;

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

    public ChatCompletions(StoryConfig config, Redactor redactor, ObjectMapper json) {
        this.config = config.writer().openai();
        this.redactor = redactor;
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
