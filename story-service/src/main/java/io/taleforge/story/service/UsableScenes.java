package io.taleforge.story.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.taleforge.story.model.ArcStage;
import io.taleforge.story.provider.StoryWriter.WrittenScene;
import io.taleforge.story.provider.StoryWriter.WrittenStory;

/** Which of a writer's scenes can be stored, and which numbers are still missing. */
final class UsableScenes {

    private UsableScenes() {
    }

    /** Scenes numbered 1..20, non-blank, not too long, not a repeat of another scene; the first of a number wins. */
    static Map<Integer, String> of(WrittenStory written, int maxSceneLength) {
        Map<Integer, String> usable = new TreeMap<>();
        if (written == null || written.scenes() == null) {
            return usable;
        }
        for (WrittenScene scene : written.scenes()) {
            String text = usable(scene, usable, maxSceneLength);
            if (text != null) {
                usable.put(scene.number(), text);
            }
        }
        return usable;
    }

    /**
     * The stripped text of {@code scene} if it can join {@code kept}: numbered 1..20, a number not
     * kept yet, non-blank, not too long, not a repeat of a kept scene; null otherwise.
     */
    static String usable(WrittenScene scene, Map<Integer, String> kept, int maxSceneLength) {
        if (scene == null || scene.number() < 1 || scene.number() > ArcStage.SCENES || scene.text() == null
                || kept.containsKey(scene.number())) {
            return null;
        }
        String text = scene.text().strip();
        if (text.isEmpty() || text.length() > maxSceneLength) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        kept.values().forEach(k -> seen.add(normalized(k)));
        return seen.contains(normalized(text)) ? null : text;
    }

    private static String normalized(String text) {
        return text.toLowerCase().replaceAll("\\s+", " ");
    }

    static List<Integer> missing(Map<Integer, String> usable) {
        List<Integer> missing = new ArrayList<>();
        for (int number = 1; number <= ArcStage.SCENES; number++) {
            if (!usable.containsKey(number)) {
                missing.add(number);
            }
        }
        return missing;
    }
}
