package io.taleforge.film.voice.openai;

import java.util.List;
import java.util.Map;

/** An answer ≥ 400 as it came: status, headers, body. Never leaves the provider: it is mapped. */
class OpenAiSpeechHttpException extends RuntimeException {

    final int status;
    final Map<String, List<String>> headers;
    final String body;

    OpenAiSpeechHttpException(int status, Map<String, List<String>> headers, String body) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** The first value of a header, case-insensitively; null when absent. */
    String header(String name) {
        return io.taleforge.commons.http.HttpFailures.header(headers, name);
    }
}
