package io.taleforge.image.service;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The progressive answers to a content-policy refusal: first the prompt with risky words softened
 * (story-service already sanitizes; this is the provider-side second pass), then a shortened one
 * that keeps only the opening words of the sanitized prompt.
 */
public final class PromptSanitizer {

    private static final Map<String, String> SOFTER = new LinkedHashMap<>();

    static {
        String[][] pairs = {
            {"bloody", "messy"}, {"blood", "red paint"}, {"killing", "defeating"}, {"killed", "defeated"},
            {"kills", "defeats"}, {"kill", "defeat"}, {"murder", "mischief"}, {"dead", "asleep"},
            {"death", "farewell"}, {"dying", "fading"}, {"corpse", "sleeping figure"}, {"weapons", "tools"},
            {"weapon", "tool"}, {"guns", "toys"}, {"gun", "toy"}, {"swords", "sticks"}, {"sword", "stick"},
            {"knife", "spoon"}, {"bomb", "balloon"}, {"explosion", "burst of confetti"},
            {"explodes", "bursts into confetti"}, {"attack", "approach"}, {"attacks", "approaches"},
            {"fight", "contest"}, {"fights", "contests"}, {"fighting", "competing"}, {"violent", "lively"},
            {"violence", "commotion"}, {"gore", "mess"}, {"war", "contest"}, {"brutal", "stern"},
            {"torture", "trouble"}, {"horror", "mystery"}, {"terrifying", "surprising"}, {"scary", "mysterious"},
            {"evil", "grumpy"}, {"demon", "shadowy creature"}, {"monster", "creature"}, {"hurt", "upset"},
            {"wounded", "tired"}, {"injured", "tired"}, {"cruel", "unkind"}, {"revenge", "justice"},
            {"naked", "plainly dressed"}, {"nude", "plainly dressed"}, {"drunk", "sleepy"}};
        for (String[] pair : pairs) {
            SOFTER.put(pair[0], pair[1]);
        }
    }

    private static final Pattern WORDS = Pattern.compile("\\b(" + String.join("|", SOFTER.keySet()) + ")\\b",
            Pattern.CASE_INSENSITIVE);

    private PromptSanitizer() {
    }

    /** The prompt with risky words replaced by softer ones. */
    public static String sanitize(String prompt) {
        Matcher m = WORDS.matcher(prompt);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(SOFTER.get(m.group(1).toLowerCase())));
        }
        m.appendTail(out);
        return out.toString().replaceAll("\\s+", " ").trim();
    }

    /** The sanitized prompt cut to its first {@code maxWords} words, framed as a gentle picture. */
    public static String shorten(String prompt, int maxWords) {
        String words = Arrays.stream(sanitize(prompt).split("\\s+")).limit(maxWords)
                .collect(Collectors.joining(" "));
        return "A gentle children's book illustration: " + words;
    }
}
