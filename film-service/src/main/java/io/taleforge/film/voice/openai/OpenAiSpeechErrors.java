package io.taleforge.film.voice.openai;

import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.taleforge.commons.http.RateLimitHeaders;
import io.taleforge.commons.provider.ProviderHttpException;
import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.commons.provider.ProviderException;
import io.taleforge.commons.provider.RateLimitedException;
import io.taleforge.commons.provider.RequestRejectedException;
import io.taleforge.commons.provider.TransientProviderException;

/**
 * OpenAI speech's error answers (the standard envelope) to the provider port: 401/403 and a 429
 * {@code insufficient_quota} → key rejected (fail fast, no retry); any other 429 → rate limited with
 * the wait its headers ask for (Retry-After, retry-after-ms, x-ratelimit-reset-requests; none → the
 * caller's backoff); 400/404/413/422 → rejected (text too long, unknown voice); anything else →
 * transient. Messages pass the redactor: OpenAI echoes a wrong key in its 401 message.
 */
final class OpenAiSpeechErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiSpeechErrors() {
    }

    static ProviderException map(ProviderHttpException e, UnaryOperator<String> redact) {
        OpenAiSpeechApi.Error error = parse(e.body());
        String code = error == null ? null : error.code() != null ? error.code() : error.type();
        String message = redact.apply("OpenAI speech " + e.status() + (code == null ? "" : " [" + code + "]") + " "
                + (error == null || error.message() == null ? "(no error message)" : error.message()));
        return switch (e.status()) {
            case 401, 403 -> new KeyRejectedException(message);
            case 429 -> "insufficient_quota".equals(code) ? new KeyRejectedException(message)
                    : new RateLimitedException(message, RateLimitHeaders.retryAfter(e::header));
            case 400, 404, 413, 422 -> new RequestRejectedException(message);
            default -> new TransientProviderException(message);
        };
    }

    private static OpenAiSpeechApi.Error parse(String body) {
        try {
            OpenAiSpeechApi.ErrorBody parsed = body == null ? null : JSON.readValue(body, OpenAiSpeechApi.ErrorBody.class);
            return parsed == null ? null : parsed.error();
        } catch (Exception notJson) {
            return null;
        }
    }
}
