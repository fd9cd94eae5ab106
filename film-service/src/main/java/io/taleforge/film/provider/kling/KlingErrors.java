package io.taleforge.film.provider.kling;

import java.time.Duration;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.taleforge.commons.http.RateLimitHeaders;
import io.taleforge.commons.provider.ContentPolicyException;
import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.commons.provider.ProviderException;
import io.taleforge.commons.provider.ProviderHttpException;
import io.taleforge.commons.provider.RateLimitedException;
import io.taleforge.commons.provider.RequestRejectedException;
import io.taleforge.commons.provider.TransientProviderException;

/**
 * Kling's error codes (the envelope's {@code code}, whatever the HTTP status) to the port:
 * 1000–1004 auth → key rejected (1004, an expired token, is renewed once by the caller first);
 * 1100–1102 account in arrears or pack exhausted → rejected; 1103 no permission → rejected;
 * 1200–1203 bad parameters or unknown model → rejected; 1300/1301 policy → content refused;
 * 1302 too many requests and 1303 too many concurrent tasks → rate limited (wait, never fail);
 * 5000–5002 and any 5xx → transient.
 */
final class KlingErrors {

    static final int TOKEN_EXPIRED = 1004;
    static final int CONCURRENCY_LIMIT = 1303;

    private static final ObjectMapper JSON = new ObjectMapper();

    private KlingErrors() {
    }

    /** The code of an error body, or -1 when it has none. */
    static int code(String body) {
        try {
            KlingApi.Envelope e = JSON.readValue(body, KlingApi.Envelope.class);
            return e == null || e.code() == null ? -1 : e.code();
        } catch (Exception e) {
            return -1;
        }
    }

    /** 1202/1203: the resource (here: a task of that external id) does not exist. */
    static boolean isNoSuchResource(Integer code) {
        return code != null && (code == 1202 || code == 1203);
    }

    static ProviderException map(ProviderHttpException e, UnaryOperator<String> redact) {
        int code = code(e.body());
        String message = redact.apply("kling " + e.status() + " code " + code + ": " + message(e.body()));
        Duration retryAfter = RateLimitHeaders.retryAfter(e::header);
        if (code > 0) {
            return byCode(code, message, retryAfter);
        }
        return switch (e.status()) {
            case 401, 403 -> new KeyRejectedException(message);
            case 429 -> new RateLimitedException(message, retryAfter);
            case 400, 404 -> new RequestRejectedException("bad_request", message);
            default -> new TransientProviderException(message);
        };
    }

    /** An envelope answered with HTTP 200 and a non-zero code. */
    static ProviderException map(KlingApi.Envelope answer, UnaryOperator<String> redact) {
        String message = redact.apply("kling code " + answer.code() + ": " + answer.message());
        return byCode(answer.code(), message, null);
    }

    private static ProviderException byCode(int code, String message, Duration retryAfter) {
        if (code >= 1000 && code <= 1004) {
            return new KeyRejectedException(message);
        }
        if (code >= 1100 && code <= 1102) {
            return new RequestRejectedException("account_exhausted", message);
        }
        if (code == 1103) {
            return new RequestRejectedException("not_permitted", message);
        }
        if (code >= 1200 && code <= 1203) {
            return new RequestRejectedException("bad_request", message);
        }
        if (code == 1300 || code == 1301) {
            return new ContentPolicyException(message);
        }
        if (code == CONCURRENCY_LIMIT) {
            return new RateLimitedException("account_busy", message, retryAfter);
        }
        if (code == 1302 || code == 1304) {
            return code == 1302 ? new RateLimitedException(message, retryAfter)
                    : new RequestRejectedException("ip_not_allowed", message);
        }
        return new TransientProviderException(message);
    }

    private static String message(String body) {
        try {
            KlingApi.Envelope e = JSON.readValue(body, KlingApi.Envelope.class);
            if (e != null && e.message() != null) {
                return e.message();
            }
        } catch (Exception ignored) {
            // not Kling's JSON: the start of the body says more than nothing
        }
        String b = body == null ? "(no body)" : body.strip();
        return b.length() > 300 ? b.substring(0, 300) + "…" : b;
    }
}
