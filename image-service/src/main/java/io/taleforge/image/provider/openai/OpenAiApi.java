package io.taleforge.image.provider.openai;

import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import io.vertx.core.buffer.Buffer;

/** The JSON shapes of OpenAI's {@code /images/generations} and {@code /images/edits}, and the edits' form. */
final class OpenAiApi {

    private OpenAiApi() {
    }

    /** {@code {model, prompt, n, size, quality, response_format}}; null fields are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImagesRequest(String model, String prompt, int n, String size, String quality,
            @JsonProperty("response_format") String responseFormat) {
    }

    /**
     * The multipart form of {@code /images/edits}: the reference as an {@code image[]} file part,
     * then the same fields as a generation ({@code model, prompt, n, size, quality, response_format});
     * null fields are left out.
     */
    static ClientMultipartForm editForm(ImagesRequest request, byte[] image, String contentType) {
        ClientMultipartForm form = ClientMultipartForm.create()
                .binaryFileUpload("image[]", "portrait." + extension(contentType), Buffer.buffer(image), contentType)
                .attribute("model", request.model(), null)
                .attribute("prompt", request.prompt(), null)
                .attribute("n", Integer.toString(request.n()), null);
        if (request.size() != null) {
            form.attribute("size", request.size(), null);
        }
        if (request.quality() != null) {
            form.attribute("quality", request.quality(), null);
        }
        if (request.responseFormat() != null) {
            form.attribute("response_format", request.responseFormat(), null);
        }
        return form;
    }

    private static String extension(String contentType) {
        return switch (contentType == null ? "" : contentType) {
            case "image/jpeg" -> "jpg";
            case "image/webp" -> "webp";
            default -> "png";
        };
    }

    /** gpt-image-1: {@code data[].b64_json} (+ usage); dall-e: {@code data[].url} and {@code revised_prompt}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ImagesResponse(Long created, List<Image> data, Usage usage) {
    }

    /** GPT image models: tokens billed, input split into text and image tokens. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Usage(@JsonProperty("input_tokens") Long inputTokens,
            @JsonProperty("input_tokens_details") InputDetails inputDetails,
            @JsonProperty("output_tokens") Long outputTokens) {

        /** Tokens by the rate table's kinds: textInput, imageInput, imageOutput. */
        Map<String, Long> byKind() {
            Map<String, Long> kinds = new LinkedHashMap<>();
            if (inputDetails != null) {
                kinds.put("textInput", inputDetails.textTokens() == null ? 0L : inputDetails.textTokens());
                kinds.put("imageInput", inputDetails.imageTokens() == null ? 0L : inputDetails.imageTokens());
            } else if (inputTokens != null) {
                kinds.put("textInput", inputTokens);
            }
            if (outputTokens != null) {
                kinds.put("imageOutput", outputTokens);
            }
            return kinds;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InputDetails(@JsonProperty("text_tokens") Long textTokens,
            @JsonProperty("image_tokens") Long imageTokens) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Image(@JsonProperty("b64_json") String b64Json, String url,
            @JsonProperty("revised_prompt") String revisedPrompt) {
    }

    /** {@code {"error":{"code","message","param","type"[, "innererror"]}}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorBody(Error error) {
    }

    /** OpenAI's error; Azure OpenAI adds {@code innererror} to a content refusal. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(String code, String message, String param, String type, InnerError innererror) {
    }

    /**
     * Azure's {@code innererror}: {@code code} ({@code ResponsibleAIPolicyViolation}) and, per
     * category, whether it was filtered and at which severity.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record InnerError(String code,
            @JsonProperty("content_filter_result") Map<String, FilterResult> contentFilterResult) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FilterResult(boolean filtered, String severity) {
    }
}
