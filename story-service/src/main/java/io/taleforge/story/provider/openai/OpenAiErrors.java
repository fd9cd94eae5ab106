package io.taleforge.story.provider.openai;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.taleforge.commons.http.HttpFailures;
import io.taleforge.commons.http.RateLimitHeaders;
import io.taleforge.commons.provider.ProviderHttpException;
import io.taleforge.commons.redaction.Redactor;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.provider.StoryWriterException.Kind;
import io.taleforge.story.provider.StoryWriterException;

/**
 * Maps a failed chat completion to the writer port's {@link StoryWriterException}, as
 * OpenAI-compatible APIs answer: 401/403 → key rejected; 429 {@code insufficient_quota} → quota
 * exhausted; 429 → rate limited with the wait the headers ask for; 408/5xx → unavailable; other
 * 4xx → request refused; no answer in time → timeout; no connection → unavailable. Messages say
 * what happened in words and pass the {@link Redactor}: a provider may echo the key.
 */
final class OpenAiErrors {

    private final StoryConfig.OpenAi config;
    private final Redactor redactor;
    private final ObjectMapper json;

    OpenAiErrors(StoryConfig.OpenAi config, Redactor redactor, ObjectMapper json) {
        this.config = config;
        this.redactor = redactor;
        this.json = json;
    }

    /** Any failure of one call as the writer port's exception: an HTTP answer, a timeout, no connection. */
    StoryWriterException map(RuntimeException e) {
        ProviderHttpException http = find(e, ProviderHttpException.class);
        if (http != null) {
            return fromStatus(http);
        }
        if (find(e, TimeoutException.class) != null || find(e, SocketTimeoutException.class) != null
                || named(e, "Timeout")) {
            return new StoryWriterException(Kind.TIMEOUT, "the story writer gave no answer within the timeout (connect %d ms, read %d ms)"
                    .formatted(config.connectTimeout().toMillis(), config.readTimeout().toMillis()), null, null);
        }
        String what = find(e, ConnectException.class) != null ? "refused the connection"
                : find(e, UnknownHostException.class) != null ? "is an unknown host"
                : "could not be called: " + clip(redactor.redact(HttpFailures.rootDescription(e)), 200);
        return new StoryWriterException(Kind.UNAVAILABLE, "the story writer " + what, null, null);
    }

    private StoryWriterException fromStatus(ProviderHttpException http) {
        ProviderError error = providerError(http.body());
        String code = error.code() == null ? "" : " " + error.code();
        String said = error.message() == null ? "" : ": " + clip(redactor.redact(error.message()), 300);
        int status = http.status();
        // Messages name the status and the provider's code and words, not the endpoint: a reader
        // may see them in a problem's detail (operators find the endpoint in the start-up log line).
        if (status == 401 || status == 403) {
            // The provider's message quotes the key ("Incorrect API key provided: sk-..."): never repeated.
            return new StoryWriterException(Kind.KEY_REJECTED, "story writer key rejected: the provider answered %d%s; set a valid OPENAI_API_KEY"
                    .formatted(status, code), null, null);
        }
        if (status == 429 && ("insufficient_quota".equals(error.code()) || "insufficient_quota".equals(error.type()))) {
            return new StoryWriterException(Kind.QUOTA_EXHAUSTED, "story writer quota exhausted: the provider answered 429%s%s"
                    .formatted(code, said), null, null);
        }
        if (status == 429) {
            Duration wait = retryAfter(http);
            return new StoryWriterException(Kind.RATE_LIMITED, "story writer rate limited: the provider answered 429%s%s%s"
                    .formatted(code, wait == null ? "" : ", retry after " + wait.toMillis() + " ms", limits(http)),
                    wait, null);
        }
        if (status == 408 || status >= 500) {
            return new StoryWriterException(Kind.UNAVAILABLE, "story writer unavailable: the provider answered %d%s%s"
                    .formatted(status, code, said), retryAfter(http), null);
        }
        return new StoryWriterException(Kind.REQUEST_REFUSED, "story writer refused the request: the provider answered %d%s%s"
                .formatted(status, code, said), null, null);
    }

    /** {@code {"error":{"message","type","param","code"}}} (OpenAI, Azure, vLLM), {@code {"error":"..."}} (Ollama), or nothing. */
    private ProviderError providerError(String body) {
        if (body == null || body.isBlank()) {
            return new ProviderError(null, null, null);
        }
        try {
            JsonNode root = json.readTree(body);
            JsonNode error = root.path("error");
            if (error.isTextual()) {
                return new ProviderError(error.asText(), null, null);
            }
            if (error.isObject()) {
                return new ProviderError(text(error.get("message")), text(error.get("type")), text(error.get("code")));
            }
            return new ProviderError(text(root.get("message")), null, null);
        } catch (java.io.IOException | RuntimeException e) {
            return new ProviderError(clip(body.strip(), 200), null, null);
        }
    }

    private record ProviderError(String message, String type, String code) {
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** How long a 429 asks to wait (service-commons {@link RateLimitHeaders}); null when none says. */
    static Duration retryAfter(ProviderHttpException http) {
        return RateLimitHeaders.retryAfter(http::header);
    }

    /** OpenAI's reset format: {@code 1s}, {@code 6m0s}, {@code 120ms}, {@code 1.5s}. */
    static Duration reset(String value) {
        return RateLimitHeaders.reset(value);
    }

    private static String limits(ProviderHttpException http) {
        String requests = http.header("x-ratelimit-remaining-requests");
        String tokens = http.header("x-ratelimit-remaining-tokens");
        if (requests == null && tokens == null) {
            return "";
        }
        return " (remaining requests %s, tokens %s)".formatted(requests, tokens);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean named(Throwable e, String part) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().contains(part)) {
                return true;
            }
        }
        return false;
    }

    static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

}
