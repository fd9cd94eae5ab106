package io.taleforge.commons.text;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one word list of Taleforge: rewrites wording that image providers refuse under their
 * content policies (violence, weapons, injury, death, fear, nudity) into safe equivalents, whole
 * words only and keeping capitalisation, so that a children's power fantasy ("the hero fought the
 * beast with a sword") still gets its picture. Also strips control characters and collapses
 * whitespace. story-service's composer sanitizes every prompt with it; image-service's
 * progressive retry after a refusal uses the same list ({@link #sanitize}, then {@link #shorten}).
 */
public final class PromptSanitizer {

    /** Whole word (any case) → safe replacement. Longer forms first where they share a stem. */
    static final Map<String, String> REPLACEMENTS = table(
            "killed", "defeated", "killing", "defeating", "kills", "defeats", "kill", "defeat",
            "murdered", "captured", "murder", "capture",
            "bloody", "messy", "blood", "red paint", "bleeding", "scraped", "bleed", "ache",
            "swords", "wooden staffs", "sword", "wooden staff",
            "daggers", "walking sticks", "dagger", "walking stick",
            "knives", "spoons", "knife", "spoon",
            "guns", "toy horns", "gun", "toy horn", "rifle", "telescope",
            "bombs", "fireworks", "bomb", "firework",
            "weapons", "tools", "weapon", "tool",
            "spears", "flagpoles", "spear", "flagpole",
            "arrows", "paper darts", "arrow", "paper dart",
            "fighting", "competing", "fights", "contests", "fight", "contest", "fought", "faced",
            "attacked", "charged", "attacking", "charging", "attacks", "charges", "attack", "charge",
            "punched", "pushed", "punches", "pushes", "punch", "push",
            "stabbed", "poked", "stabs", "pokes", "stab", "poke",
            "wounded", "scratched", "wounds", "scratches", "wound", "scratch",
            "injuries", "bruises", "injury", "bruise", "injured", "bruised",
            "dead", "asleep", "death", "deep sleep", "died", "fainted", "dies", "faints", "die", "faint",
            "dying", "fading",
            "corpse", "sleeping figure", "gory", "messy", "gore", "mess",
            "violence", "conflict", "violent", "stormy",
            "war", "great contest", "battlefield", "open field", "battles", "showdowns", "battle", "showdown",
            "explosion", "burst of light", "exploded", "burst with light", "explodes", "bursts with light",
            "explode", "burst with light",
            "destroyed", "toppled", "destroys", "topples", "destroy", "topple",
            "torture", "trouble", "brutal", "stern", "horror", "mystery", "terrifying", "surprising",
            "scary", "mysterious", "evil", "grumpy", "demons", "shadowy creatures", "demon", "shadowy creature",
            "hurt", "upset", "cruel", "unkind", "revenge", "justice", "naked", "plainly dressed",
            "nude", "plainly dressed", "drunk", "sleepy");

    private static final Pattern WORDS = Pattern.compile(
            "\\b(" + String.join("|", REPLACEMENTS.keySet()) + ")\\b", Pattern.CASE_INSENSITIVE);

    private PromptSanitizer() {
    }

    /** The prompt with refused wording replaced; null stays null. */
    public static String sanitize(String prompt) {
        if (prompt == null) {
            return null;
        }
        String clean = prompt.codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().strip().replaceAll("\\s+", " ");
        Matcher matcher = WORDS.matcher(clean);
        return matcher.replaceAll(m -> Matcher.quoteReplacement(replacement(m.group(1))));
    }

    /** The sanitized prompt cut to its first {@code maxWords} words, framed as a gentle picture. */
    public static String shorten(String prompt, int maxWords) {
        String words = Arrays.stream(sanitize(prompt).split("\\s+")).limit(maxWords)
                .collect(Collectors.joining(" "));
        return "A gentle children's book illustration: " + words;
    }

    private static String replacement(String word) {
        String safe = REPLACEMENTS.get(word.toLowerCase());
        if (word.length() > 1 && word.equals(word.toUpperCase())) {
            return safe.toUpperCase();
        }
        if (Character.isUpperCase(word.charAt(0))) {
            return Character.toUpperCase(safe.charAt(0)) + safe.substring(1);
        }
        return safe;
    }

    private static Map<String, String> table(String... pairs) {
        Map<String, String> table = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            table.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(table);
    }
}
