package io.taleforge.story.provider.openai;

import java.util.function.Consumer;

import io.taleforge.commons.redaction.Redactor;
import io.taleforge.story.provider.StoryWriterException.Kind;
import io.taleforge.story.provider.StoryWriterException;
import io.taleforge.story.provider.openai.ChatModels.ChatAnswer;
import io.taleforge.story.provider.openai.ChatModels.ChatChunk;
import io.taleforge.story.provider.openai.ChatModels.ChunkChoice;
import io.taleforge.story.provider.openai.ChatModels.Usage;

/**
 * A streamed chat completion as it arrives: the text pieces (each handed on at once), a refusal,
 * the finish reason, the usage of the final chunk, and whether {@code [DONE]} came. At the end it
 * is a {@link ChatAnswer}, or the failed try it was: a refusal, the content filter, a stream cut
 * before its end, nothing written.
 */
final class StreamedAnswer {

    private final Redactor redactor;
    private final Consumer<String> onText;
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder refusal = new StringBuilder();
    private String finishReason;
    private String model;
    private Usage usage;
    private boolean done;
    private RuntimeException listenerFailure;

    StreamedAnswer(Redactor redactor, Consumer<String> onText) {
        this.redactor = redactor;
        this.onText = onText;
    }

    /** One {@code data:} payload: a chunk, or {@code [DONE]}. */
    void data(ChatChunk chunk) {
        model = chunk.model() == null ? model : chunk.model();
        usage = chunk.usage() == null ? usage : chunk.usage();
        if (chunk.choices() == null || chunk.choices().isEmpty()) {
            return;
        }
        ChunkChoice choice = chunk.choices().get(0);
        finishReason = choice.finishReason() == null ? finishReason : choice.finishReason();
        if (choice.delta() == null) {
            return;
        }
        if (choice.delta().refusal() != null) {
            refusal.append(choice.delta().refusal());
        }
        if (choice.delta().content() != null && !choice.delta().content().isEmpty()) {
            content.append(choice.delta().content());
            try {
                onText.accept(choice.delta().content());
            } catch (RuntimeException e) {
                listenerFailure = e;
                throw e;
            }
        }
    }

    void done() {
        done = true;
    }

    /** Whether {@code e} came from the text's listener (e.g. the reader stopped the writing), not the call. */
    boolean fromListener(RuntimeException e) {
        return e == listenerFailure;
    }

    int length() {
        return content.length();
    }

    /** The whole answer, or the failed try it was. */
    ChatAnswer finish() {
        if (!refusal.isEmpty()) {
            throw new StoryWriterException(Kind.BAD_ANSWER,
                    "the model refused to write: " + OpenAiErrors.clip(redactor.redact(refusal.toString()), 300));
        }
        if ("content_filter".equals(finishReason)) {
            throw new StoryWriterException(Kind.BAD_ANSWER,
                    "the provider's content filter stopped the answer (finish_reason=content_filter)");
        }
        if (!done && finishReason == null) {
            throw new StoryWriterException(Kind.UNAVAILABLE, "the answer stream was cut after %d characters, before its end"
                    .formatted(content.length()), null, null);
        }
        if (content.toString().isBlank()) {
            throw new StoryWriterException(Kind.BAD_ANSWER,
                    "the model's answer is empty (finish_reason=%s)".formatted(finishReason));
        }
        return new ChatAnswer(content.toString(), finishReason, model, usage);
    }
}
