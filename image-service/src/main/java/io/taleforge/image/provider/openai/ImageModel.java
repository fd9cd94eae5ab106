package io.taleforge.image.provider.openai;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One row of the image model table ({@link ImageModels}): what the images API accepts for a model
 * and how it answers, so the request body follows the row.
 *
 * @param name the {@code model} value sent (the row's key in the table)
 * @param sizes the {@code size} values the model accepts
 * @param defaultSize sent when no size is configured and the scene's is not accepted
 * @param qualities the {@code quality} values the model accepts
 * @param defaultQuality sent when none is configured; null: no quality field
 * @param answer {@code b64_json} (always base64) or {@code url} (a link, downloaded)
 * @param responseFormat whether the request may carry {@code response_format}
 * @param promptLimit characters the API accepts in {@code prompt}
 * @param referenceImages whether the model takes images as input (the edits endpoint)
 * @param source where the row's facts come from
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageModel(String name, List<String> sizes, String defaultSize, List<String> qualities,
        String defaultQuality, String answer, boolean responseFormat, int promptLimit, boolean referenceImages,
        String source) {

    /** A sentence end: . ! or ? with any closing quotes or brackets, then a space or the end. */
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?][\"'\u201d\u2019)\\]]*(?=\\s|$)");

    ImageModel named(String key) {
        return new ImageModel(key, sizes, defaultSize, qualities, defaultQuality, answer, responseFormat,
                promptLimit, referenceImages, source);
    }

    /** The configured size, else the scene's size when this model accepts it, else the row's default. */
    public String size(String configured, String requested) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return requested != null && sizes.contains(requested) ? requested : defaultSize;
    }

    /**
     * {@code prompt} within {@link #promptLimit}: unchanged when it fits, else cut after the last
     * sentence end that fits (else at the last space, closed with a full stop), so the provider
     * never refuses it for its length.
     */
    public String fitPrompt(String prompt) {
        if (prompt == null || prompt.length() <= promptLimit) {
            return prompt;
        }
        String head = prompt.substring(0, promptLimit);
        Matcher m = SENTENCE_END.matcher(head);
        int end = -1;
        while (m.find()) {
            end = m.end();
        }
        if (end > 0) {
            return head.substring(0, end);
        }
        String room = head.substring(0, promptLimit - 1);
        int space = room.lastIndexOf(' ');
        return (space > 0 ? room.substring(0, space) : room).stripTrailing() + ".";
    }
}
