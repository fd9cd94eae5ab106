package io.taleforge.story.provider.openai;

import jakarta.ws.rs.core.MultivaluedMap;

import io.taleforge.commons.http.HttpFailures;

/**
 * A chat completions answer ≥ 400 as it came: status, headers, body. Never leaves the provider:
 * {@link OpenAiErrors} maps it. The message holds only the status: the body may echo the key.
 */
final class OpenAiHttpException extends RuntimeException {

    final int status;
    final transient MultivaluedMap<String, String> headers;
    final transient String body;

    OpenAiHttpException(int status, MultivaluedMap<String, String> headers, String body) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** The first value of a header, case-insensitively; null when absent. */
    String header(String name) {
        return HttpFailures.header(headers, name);
    }
}
