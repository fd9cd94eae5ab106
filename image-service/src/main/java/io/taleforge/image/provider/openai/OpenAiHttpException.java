package io.taleforge.image.provider.openai;

import java.util.List;
import java.util.Map;

/** An OpenAI answer ≥ 400 as it came: status, headers, body. Never leaves the provider: it is mapped. */
class OpenAiHttpException extends RuntimeException {

    final int status;
    final Map<String, List<String>> headers;
    final String body;

    OpenAiHttpException(int status, Map<String, List<String>> headers, String body) {
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
