package io.taleforge.story.client;

import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.taleforge.commons.http.HttpFailures;
import io.taleforge.commons.http.RateLimitHeaders;
import io.taleforge.commons.journal.Redactor;
import io.taleforge.story.client.ChatModels.ChatAnswer;
import io.taleforge.story.client.ChatModels.ChatCompletion;
import io.taleforge.story.client.ChatModels.ChatRequest;
import io.taleforge.story.client.ChatModels.Message;
import io.taleforge.story.client.ChatModels.ResponseFormat;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.provider.StoryWriterException;
import io.taleforge.story.provider.StoryWriterException.Kind;

/**
 * One chat completion against an OpenAI-compatible API (OpenAI, Azure OpenAI v1, Ollama, vLLM):
 * JSON mode, the configured model, temperature and timeouts, the key in the configured header.
 * Every failure becomes a {@link StoryWriterException} whose message says what happened in words
 * and never carries the key: the key is registered with the {@link Redactor}, and whatever the
 * provider says is redacted before it goes into a message.
 *
 * <p>No retries here: the caller ({@code service.SceneDrafting}) retries, so that every HTTP call
 * gets its own journal row, and waits as long as {@link StoryWriterException#retryAfter()} asks.
 */
@Singleton
public class ChatCompletions {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";


    private final StoryConfig.OpenAi config;
    private final Redactor redactor;
    private final ObjectMapper json;
    private final OpenAiClient client;

    public ChatCompletions(StoryConfig config, Redactor redactor, ObjectMapper json) {
        this.config = config.writer().openai();
        this.redactor = redactor;
        this.json = json;
        check(this.config);
        Optional<String> key = key(this.config);
        key.ifPresent(redactor::register);
        URI base = URI.create(stripSlash(this.config.baseUrl().strip()));
        String endpoint = base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(this.config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(this.config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (key.isPresent()) {
            builder.register(new KeyHeader(this.config.auth().strip().toLowerCase(Locale.ROOT), key.get()));
        }
        this.client = builder.build(OpenAiClient.class);
        Log.infof("story writer openai model=%s endpoint=%s auth=%s key=%s connect-timeout=%s read-timeout=%s",
                this.config.model(), endpoint, this.config.auth(), key.isPresent() ? "set" : "none",
                this.config.connectTimeout(), this.config.readTimeout());
    }

    /**
     * Refuses a configuration that cannot work, with a message that says what to set: a base URL
     * that is not http(s), an unknown auth mode, a bad temperature or timeout, and above all a
     * missing key for a base URL that is not local or in-cluster (a keyless Ollama or vLLM is fine).
     */
    public static void check(StoryConfig.OpenAi config) {
        List<String> problems = new ArrayList<>();
        URI base = null;
        try {
            base = new URI(config.baseUrl().strip());
            if (base.getHost() == null || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
                problems.add("OPENAI_BASE_URL (taleforge.story.writer.openai.base-url) must be an http(s) URL such as "
                        + DEFAULT_BASE_URL + " or http://localhost:11434/v1, not '" + config.baseUrl() + "'");
                base = null;
            }
        } catch (URISyntaxException e) {
            problems.add("OPENAI_BASE_URL (taleforge.story.writer.openai.base-url) is not a URL: '" + config.baseUrl() + "'");
        }
        if (base != null && key(config).isEmpty() && !isLocal(base.getHost())) {
            problems.add("OPENAI_API_KEY (taleforge.story.writer.openai.api-key) is not set, and " + base.getHost()
                    + " is not a local or in-cluster host; set the key, or point OPENAI_BASE_URL at a local "
                    + "OpenAI-compatible server such as Ollama (http://localhost:11434/v1)");
        }
        String auth = config.auth().strip().toLowerCase(Locale.ROOT);
        if (!auth.equals("bearer") && !auth.equals("api-key")) {
            problems.add("TALEFORGE_STORY_AUTH (taleforge.story.writer.openai.auth) must be 'bearer' or 'api-key', not '"
                    + config.auth() + "'");
        }
        if (config.temperature() < 0 || config.temperature() > 2) {
            problems.add("TALEFORGE_STORY_TEMPERATURE (taleforge.story.writer.openai.temperature) must be between 0 and 2");
        }
        if (config.model().isBlank()) {
            problems.add("TALEFORGE_STORY_MODEL (taleforge.story.writer.openai.model) must not be blank");
        }
        if (config.connectTimeout().isNegative() || config.connectTimeout().isZero()
                || config.readTimeout().isNegative() || config.readTimeout().isZero()) {
            problems.add("the story writer's connect and read timeouts must be positive");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("story writer 'openai' cannot start: " + String.join("; ", problems));
        }
    }

    /**
     * True for hosts that are not on the public internet: loopback, private and link-local
     * addresses, single-label names (Docker Compose and Kubernetes service names such as
     * {@code ollama} or {@code vllm}) and the {@code .local}, {@code .localhost}, {@code .internal}
     * and {@code .svc} / {@code .cluster.local} domains.
     */
    public static boolean isLocal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("::1") || h.endsWith(".localhost") || h.endsWith(".local")
                || h.endsWith(".internal") || h.endsWith(".svc") || h.endsWith(".cluster.local")) {
            return true;
        }
        Matcher ip = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})").matcher(h);
        if (ip.matches()) {
            int a = Integer.parseInt(ip.group(1));
            int b = Integer.parseInt(ip.group(2));
            return a == 127 || a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)
                    || (a == 169 && b == 254);
        }
        return !h.contains(".") && !h.contains(":");
    }

    private static Optional<String> key(StoryConfig.OpenAi config) {
        return config.apiKey().map(String::strip).filter(k -> !k.isEmpty());
    }

    public String model() {
        return config.model();
    }

    /** One call: the messages in, the first choice's text out, or a {@link StoryWriterException}. */
    public ChatAnswer complete(List<Message> messages) {
        ChatRequest request = new ChatRequest(config.model(), messages, ResponseFormat.JSON_OBJECT, config.temperature());
        long start = System.nanoTime();
        ChatCompletion completion;
        try {
            completion = client.complete(request);
        } catch (RuntimeException e) {
            throw failure(e);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (completion == null || completion.choices() == null || completion.choices().isEmpty()
                || completion.choices().get(0).message() == null) {
            throw new StoryWriterException(Kind.BAD_ANSWER, "the story writer's answer has no choices[0].message");
        }
        ChatModels.Choice choice = completion.choices().get(0);
        Message message = choice.message();
        Log.debugf("chat completion model=%s finish=%s ms=%d", completion.model(), choice.finishReason(), ms);
        if (message.refusal() != null && !message.refusal().isBlank()) {
            throw new StoryWriterException(Kind.BAD_ANSWER,
                    "the model refused to write: " + clip(redactor.redact(message.refusal()), 300));
        }
        if ("content_filter".equals(choice.finishReason())) {
            throw new StoryWriterException(Kind.BAD_ANSWER,
                    "the provider's content filter stopped the answer (finish_reason=content_filter)");
        }
        if (message.content() == null || message.content().isBlank()) {
            throw new StoryWriterException(Kind.BAD_ANSWER,
                    "the model's answer is empty (finish_reason=%s)".formatted(choice.finishReason()));
        }
        return new ChatAnswer(message.content(), choice.finishReason(), completion.model(), completion.usage());
    }

    private StoryWriterException failure(RuntimeException e) {
        OpenAiClient.HttpError http = find(e, OpenAiClient.HttpError.class);
        if (http != null) {
            return fromStatus(http);
        }
        if (find(e, TimeoutException.class) != null || find(e, java.net.SocketTimeoutException.class) != null
                || named(e, "Timeout")) {
            return new StoryWriterException(Kind.TIMEOUT, "the story writer gave no answer within the timeout (connect %d ms, read %d ms)"
                    .formatted(config.connectTimeout().toMillis(), config.readTimeout().toMillis()), null, null);
        }
        String what = find(e, ConnectException.class) != null ? "refused the connection"
                : find(e, UnknownHostException.class) != null ? "is an unknown host"
                : "could not be called: " + clip(redactor.redact(HttpFailures.rootDescription(e)), 200);
        return new StoryWriterException(Kind.UNAVAILABLE, "the story writer " + what, null, null);
    }

    private StoryWriterException fromStatus(OpenAiClient.HttpError http) {
        ProviderError error = providerError(http.body);
        String code = error.code() == null ? "" : " " + error.code();
        String said = error.message() == null ? "" : ": " + clip(redactor.redact(error.message()), 300);
        int status = http.status;
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
    static Duration retryAfter(OpenAiClient.HttpError http) {
        return RateLimitHeaders.retryAfter(http::header);
    }

    /** OpenAI's reset format: {@code 1s}, {@code 6m0s}, {@code 120ms}, {@code 1.5s}. */
    static Duration reset(String value) {
        return RateLimitHeaders.reset(value);
    }

    private static String limits(OpenAiClient.HttpError http) {
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

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Sends the key: {@code Authorization: Bearer <key>}, or Azure's {@code api-key: <key>}. */
    static final class KeyHeader implements ClientRequestFilter {

        private final String mode;
        private final String key;

        KeyHeader(String mode, String key) {
            this.mode = mode;
            this.key = key;
        }

        @Override
        public void filter(ClientRequestContext request) {
            if ("api-key".equals(mode)) {
                request.getHeaders().putSingle("api-key", key);
            } else {
                request.getHeaders().putSingle("Authorization", "Bearer " + key);
            }
        }

        @Override
        public String toString() {
            return "KeyHeader[" + mode + "]";
        }
    }
}
