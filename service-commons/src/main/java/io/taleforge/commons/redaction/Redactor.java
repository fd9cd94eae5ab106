package io.taleforge.commons.redaction;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Removes secrets from text before it is logged, journaled or shown: the values of configured
 * secrets (registered by the providers that hold them) and anything shaped like a key.
 */
@ApplicationScoped
public class Redactor {

    public static final String MASK = "[REDACTED]";

    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("sk-[A-Za-z0-9_-]{8,}"),
            Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}"),
            // a key name on its own (not the tail of a word such as an error code "invalid_api_key")
            Pattern.compile("(?i)((?<![A-Za-z0-9_])(?:api[_-]?key|api[_-]?secret|secret|password|signature|token)\\s*[=:]\\s*\"?)[^\\s\"&,;}]+"),
            Pattern.compile("(cloudinary://[^:/@\\s]+:)[^@\\s]+(@)"));

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /** Registers a secret value (an API key, a Cloudinary secret) to mask wherever it appears. */
    public void register(String secret) {
        if (secret != null && secret.length() >= 4) {
            secrets.add(secret);
        }
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        for (Pattern shape : SHAPES) {
            out = shape.matcher(out).replaceAll(m -> m.groupCount() >= 1 && m.group(1) != null
                    ? java.util.regex.Matcher.quoteReplacement(m.group(1) + MASK + (m.groupCount() >= 2 && m.group(2) != null ? m.group(2) : ""))
                    : MASK);
        }
        return out;
    }
}
