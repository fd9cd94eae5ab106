package io.taleforge.commons.provider;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import jakarta.ws.rs.core.Response;

import io.taleforge.commons.http.HttpFailures;

/**
 * An outside provider's answer ≥ 400 as it came: status, headers, body. A provider's REST client
 * turns every error answer into one (its {@code @ClientExceptionMapper} calls {@link #of});
 * it never leaves the provider adapter: {@link #mapped} turns it into a typed
 * {@link ProviderException} at the edge. The one class for every provider (film-service's Kling
 * and MiniMax, image-service's OpenAI).
 */
public class ProviderHttpException extends RuntimeException {

    private final int status;
    private final Map<String, List<String>> headers;
    private final String body;

    public ProviderHttpException(int status, Map<String, List<String>> headers, String body) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** The error answer with its status, headers and body (read as text, "" when there is none). */
    public static ProviderHttpException of(Response response) {
        return new ProviderHttpException(response.getStatus(), response.getStringHeaders(),
                HttpFailures.bodyOf(response));
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    /** The first value of a header, case-insensitively; null when absent. */
    public String header(String name) {
        return HttpFailures.header(headers, name);
    }

    /** The provider's error answer somewhere in {@code e}'s causes; null when there is none. */
    public static ProviderHttpException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProviderHttpException http) {
                return http;
            }
        }
        return null;
    }

    /**
     * The typed failure of a call to {@code provider}: a {@link ProviderException} as it is, an
     * error answer as {@code mapHttp} says, anything else (a lost connection, a timeout, an
     * unreadable body) as transient, its text redacted.
     */
    public static ProviderException mapped(RuntimeException e, String provider,
            Function<ProviderHttpException, ProviderException> mapHttp, UnaryOperator<String> redact) {
        if (e instanceof ProviderException p) {
            return p;
        }
        ProviderHttpException http = find(e);
        if (http != null) {
            return mapHttp.apply(http);
        }
        return new TransientProviderException(redact.apply(provider + " call failed: " + HttpFailures.rootDescription(e)));
    }
}
