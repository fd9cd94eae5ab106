package io.taleforge.film.voice.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON shapes of OpenAI's {@code POST /audio/speech}: the request, and the standard error envelope. */
final class OpenAiSpeechApi {

    private OpenAiSpeechApi() {
    }

    /** The request; {@code instructions} is left out for models that refuse it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Speech(String model, String voice, String input, String instructions,
            @JsonProperty("response_format") String responseFormat, Double speed) {
    }

    /** {@code {"error":{"message","type","param","code"}}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorBody(Error error) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(String message, String type, String param, String code) {
    }
}
