package io.taleforge.image.provider.openai;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.taleforge.commons.http.RateLimitHeaders;
import io.taleforge.commons.provider.ProviderHttpException;
import io.taleforge.commons.provider.ContentPolicyException;
import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.commons.provider.ProviderException;
import io.taleforge.commons.provider.RateLimitedException;
import io.taleforge.commons.provider.RequestRejectedException;
import io.taleforge.commons.provider.TransientProviderException;

/**
 * Maps OpenAI's error answers to the provider port, as the real API answers them:
 * <ul>
 * <li>429 → {@link RateLimitedException} with {@code Retry-After} (seconds or an HTTP date), else
 * {@code retry-after-ms}, else {@code x-ratelimit-reset-requests} ("6m0s", "1s", "250ms"); a 429
 * {@code insufficient_quota} (no credit left) is not a rate limit: {@link KeyRejectedException}.
 * <li>400 {@code content_policy_violation} (dall-e) / {@code moderation_blocked} (GPT image models) /
 * Azure OpenAI's {@code content_filter} (with {@code innererror}; its filtered categories join the
 * message) → {@link ContentPolicyException}; any other 400, 404, 413, 422 → {@link RequestRejectedException}.
 * <li>401 ({@code invalid_api_key}), 403 (unverified organisation, region) → {@link KeyRejectedException}.
 * <li>408, 409, 5xx, anything else → {@link TransientProviderException}.
 * </ul>
 * Messages pass the redactor: OpenAI echoes a wrong key in its 401 message.
 */
final class OpenAiErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** OpenAI's dall-e and GPT image refusals, and Azure OpenAI's ({@code content_filter}, inner {@code ResponsibleAIPolicyViolation}). */
    private static final Set<String> CONTENT_POLICY = Set.of("content_policy_violation", "moderation_blocked",
            "content_filter", "ResponsibleAIPolicyViolation");

    private OpenAiErrors() {
    }

    static ProviderException map(ProviderHttpException e, UnaryOperator<String> redact) {
        OpenAiApi.Error error = parse(e.body());
        String code = error == null ? null : error.code();
        String type = error == null ? null : error.type();
        // "OpenAI 401 [invalid_api_key] Incorrect API key provided: …" (no "code:" before the message,
        // which the redactor's key=value shape would take for a secret)
        String message = redact.apply("OpenAI " + e.status() + (code == null ? "" : " [" + code + "]") + " "
                + (error == null || error.message() == null ? abbreviate(e.body()) : error.message())
                + filtered(error));
        int status = e.status();
        if (status == 429) {
            if ("insufficient_quota".equals(code) || "insufficient_quota".equals(type)) {
                return new KeyRejectedException(message);
            }
            return new RateLimitedException(message, retryAfter(e));
        }
        if (status == 401 || status == 403) {
            return new KeyRejectedException(message);
        }
        String inner = error == null || error.innererror() == null ? null : error.innererror().code();
        if (status == 400 && Stream.of(code, type, inner).filter(Objects::nonNull).anyMatch(CONTENT_POLICY::contains)) {
            return new ContentPolicyException(message);
        }
        if (status == 400 || status == 404 || status == 413 || status == 415 || status == 422) {
            return new RequestRejectedException(message);
        }
        return new TransientProviderException(message);
    }

    /** The wait a 429 asks for (service-commons {@link RateLimitHeaders}); null when none says. */
    static Duration retryAfter(ProviderHttpException e) {
        return RateLimitHeaders.retryAfter(e::header);
    }

    static Duration retryAfterHeader(String value) {
        return RateLimitHeaders.retryAfterValue(value);
    }

    /** Go-style durations as OpenAI writes them: "6m0s", "1s", "250ms", "1h2m3.5s"; null if it does not parse. */
    static Duration goDuration(String value) {
        return RateLimitHeaders.reset(value);
    }

    /** Azure's filtered categories, e.g. " (filtered: violence medium)"; empty when it names none. */
    private static String filtered(OpenAiApi.Error error) {
        if (error == null || error.innererror() == null || error.innererror().contentFilterResult() == null) {
            return "";
        }
        String categories = error.innererror().contentFilterResult().entrySet().stream()
                .filter(c -> c.getValue() != null && c.getValue().filtered())
                .map(c -> c.getKey() + (c.getValue().severity() == null ? "" : " " + c.getValue().severity()))
                .sorted().collect(Collectors.joining(", "));
        return categories.isEmpty() ? "" : " (filtered: " + categories + ")";
    }

    private static OpenAiApi.Error parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            OpenAiApi.ErrorBody parsed = JSON.readValue(body, OpenAiApi.ErrorBody.class);
            return parsed == null ? null : parsed.error();
        } catch (Exception e) {
            return null;
        }
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String b = body.strip();
        return b.length() > 300 ? b.substring(0, 300) + "…" : b;
    }
}
