package io.taleforge.story.provider.openai;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.taleforge.story.config.StoryConfig;

/** The start-up check of the OpenAI-compatible writer's configuration ({@code taleforge.story.writer.openai}). */
final class OpenAiSettings {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private OpenAiSettings() {
    }

    /**
     * Refuses a configuration that cannot work, with a message that says what to set: a base URL
     * that is not http(s), an unknown auth mode, a bad temperature or timeout, and above all a
     * missing key for a base URL that is not local or in-cluster (a keyless Ollama or vLLM is fine).
     */
    static void check(StoryConfig.OpenAi config) {
        List<String> problems = new ArrayList<>(baseUrlProblems(config));
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

    /** A base URL that is not http(s), or a missing key for one that is not local or in-cluster. */
    private static List<String> baseUrlProblems(StoryConfig.OpenAi config) {
        URI base;
        try {
            base = new URI(config.baseUrl().strip());
        } catch (URISyntaxException e) {
            return List.of("OPENAI_BASE_URL (taleforge.story.writer.openai.base-url) is not a URL: '"
                    + config.baseUrl() + "'");
        }
        if (base.getHost() == null || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
            return List.of("OPENAI_BASE_URL (taleforge.story.writer.openai.base-url) must be an http(s) URL such as "
                    + DEFAULT_BASE_URL + " or http://localhost:11434/v1, not '" + config.baseUrl() + "'");
        }
        if (key(config).isEmpty() && !isLocal(base.getHost())) {
            return List.of("OPENAI_API_KEY (taleforge.story.writer.openai.api-key) is not set, and " + base.getHost()
                    + " is not a local or in-cluster host; set the key, or point OPENAI_BASE_URL at a local "
                    + "OpenAI-compatible server such as Ollama (http://localhost:11434/v1)");
        }
        return List.of();
    }

    /**
     * True for hosts that are not on the public internet: loopback, private and link-local
     * addresses, single-label names (Docker Compose and Kubernetes service names such as
     * {@code ollama} or {@code vllm}) and the {@code .local}, {@code .localhost}, {@code .internal}
     * and {@code .svc} / {@code .cluster.local} domains.
     */
    static boolean isLocal(String host) {
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

    static Optional<String> key(StoryConfig.OpenAi config) {
        return config.apiKey().map(String::strip).filter(k -> !k.isEmpty());
    }

}
