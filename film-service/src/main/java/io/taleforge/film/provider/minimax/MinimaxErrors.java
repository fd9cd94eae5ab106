package io.taleforge.film.provider.minimax;

import java.time.Duration;
import java.util.function.UnaryOperator;

import io.taleforge.commons.http.RateLimitHeaders;
import io.taleforge.commons.provider.ContentPolicyException;
import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.commons.provider.ProviderException;
import io.taleforge.commons.provider.ProviderHttpException;
import io.taleforge.commons.provider.RateLimitedException;
import io.taleforge.commons.provider.RequestRejectedException;
import io.taleforge.commons.provider.TransientProviderException;

/**
 * MiniMax's errors to the port. Most arrive as HTTP 200 with a non-zero {@code base_resp.status_code}:
 * 1002 rate limit, 1039 token limit, 1041 connection limit → rate limited (wait); 1004 not authorized,
 * 2049 invalid key → key rejected; 1008 insufficient balance, 2056 usage limit → rejected; 1026 input
 * and 1027 output sensitive → content refused; 2013 invalid parameters → rejected; 1000, 1001 and
 * anything else → transient. An HTTP status ≥ 400 maps the usual way (401/403, 429, 4xx, 5xx).
 */
final class MinimaxErrors {

    private MinimaxErrors() {
    }

    static ProviderException map(MinimaxApi.BaseResp resp, UnaryOperator<String> redact) {
        int code = resp.statusCode();
        String message = redact.apply("minimax " + code + ": " + resp.statusMsg());
        return switch (code) {
            case 1002, 1039, 1041 -> new RateLimitedException(message, null);
            case 1004, 2049 -> new KeyRejectedException(message);
            case 1008 -> new RequestRejectedException("insufficient_balance", message);
            case 2056 -> new RequestRejectedException("usage_limit", message);
            case 1026 -> new ContentPolicyException(message + " (the picture or prompt)");
            case 1027 -> new ContentPolicyException(message + " (the generated video)");
            case 2013 -> new RequestRejectedException("bad_request", message);
            default -> new TransientProviderException(message);
        };
    }

    static ProviderException map(ProviderHttpException e, UnaryOperator<String> redact) {
        String body = e.body() == null ? "(no body)" : e.body().strip();
        String message = redact.apply("minimax HTTP " + e.status() + ": "
                + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
        Duration retryAfter = RateLimitHeaders.retryAfter(e::header);
        return switch (e.status()) {
            case 401, 403 -> new KeyRejectedException(message);
            case 429 -> new RateLimitedException(message, retryAfter);
            case 400, 404, 413, 422 -> new RequestRejectedException("bad_request", message);
            default -> new TransientProviderException(message);
        };
    }
}
