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
        Set<String> seen = new HashSet<>();
        for (WrittenScene scene : written.scenes()) {
            if (scene == null || scene.number() < 1 || scene.number() > ArcStage.SCENES || scene.text() == null
                    || usable.containsKey(scene.number())) {
                continue;
            }
            String text = scene.text().strip();
            if (text.isEmpty() || text.length() > maxSceneLength
                    || !seen.add(text.toLowerCase().replaceAll("\\s+", " "))) {
                continue;
            }
            usable.put(scene.number(), text);
        }
        return usable;
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
