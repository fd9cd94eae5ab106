package io.taleforge.film.provider.minimax;

import java.util.List;
import java.util.Map;

/** A MiniMax answer ≥ 400 as it came: status, headers, body. Never leaves the provider: it is mapped. */
class MinimaxHttpException extends RuntimeException {

    final int status;
    final Map<String, List<String>> headers;
    final String body;

    MinimaxHttpException(int status, Map<String, List<String>> headers, String body) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    String header(String name) {
        return io.taleforge.commons.http.HttpFailures.header(headers, name);
    }
}
