package io.taleforge.image.provider.openai;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON shapes of OpenAI's {@code /images/generations}. */
final class OpenAiApi {

    private OpenAiApi() {
    }

    /** {@code {model, prompt, n, size, quality, response_format}}; null fields are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImagesRequest(String model, String prompt, int n, String size, String quality,
            @JsonProperty("response_format") String responseFormat) {
    }

    /** gpt-image-1: {@code data[].b64_json} (+ usage); dall-e: {@code data[].url} and {@code revised_prompt}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ImagesResponse(Long created, List<Image> data) {
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
