package io.taleforge.film.provider.kling;

import java.util.List;
import java.util.Map;

/** A Kling answer ≥ 400 as it came: status, headers, body. Never leaves the provider: it is mapped. */
class KlingHttpException extends RuntimeException {

    final int status;
    final Map<String, List<String>> headers;
    final String body;

    KlingHttpException(int status, Map<String, List<String>> headers, String body) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    String header(String name) {
        return io.taleforge.commons.http.HttpFailures.header(headers, name);
    }
}
