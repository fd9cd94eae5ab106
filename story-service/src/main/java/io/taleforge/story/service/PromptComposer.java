package io.taleforge.story.service;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.model.ArcStage;
import io.taleforge.story.provider.StoryBrief;

/**
 * Builds the standardized visual prompts: one character sheet (the hero's fixed look) and one
 * style line per story, both injected into every scene's prompt so the hero looks the same in
 * every picture. Deterministic: the same story always gets the same sheet and style.
 */
@ApplicationScoped
public class PromptComposer {

    static final Map<String, String> COVERINGS = Map.of(
            "fox", "fur", "rabbit", "fur", "owl", "feathers", "turtle", "shell", "mouse", "fur", "hedgehog", "spines");

    static final List<String> COLOURS = List.of("russet-orange", "soft grey", "honey-brown", "snow-white",
            "chestnut", "sandy golden");

    static final List<String> EYES = List.of("big amber eyes", "bright green eyes", "round dark eyes",
            "sky-blue eyes");

    static final List<String> OUTFITS = List.of("a small green scarf", "a red knitted cap", "a blue satchel",
            "a yellow neckerchief", "round brass glasses", "a patched brown cloak");

    static final Map<String, String> STYLES = Map.of(
            "watercolor", "soft watercolor children's book illustration, gentle washes, warm pastel palette, visible paper texture",
            "storybook", "classic storybook illustration, fine ink lines with gouache colour, warm vintage palette",
            "animated_3d", "3D animated film still, soft global lighting, rounded friendly shapes, rich colour",
            "anime", "anime illustration, clean line art, cel shading, vivid sky colours",
            "papercut", "layered paper cut-out illustration, crisp paper edges, soft shadows between layers",
            "pixel_art", "detailed 16-bit pixel art, limited bright palette, crisp pixels");

    private final StoryConfig config;

    public PromptComposer(StoryConfig config) {
        this.config = config;
    }

    /** The hero's look, fixed once per story: species, coat, eyes and outfit picked from the name. */
    public String characterSheet(StoryBrief brief) {
        int seed = Math.abs((brief.name().toLowerCase() + "|" + brief.species().value()).hashCode());
        String species = brief.species().label().toLowerCase();
        return "%s, a small %s %s with %s %s, %s, wearing %s; the same size, colours and outfit in every picture"
                .formatted(brief.name(), brief.trait().label().toLowerCase(), species,
                        COLOURS.get(seed % COLOURS.size()), COVERINGS.getOrDefault(brief.species().value(), "fur"),
                        EYES.get((seed / 7) % EYES.size()), OUTFITS.get((seed / 31) % OUTFITS.size()));
    }

    /** The one style line of the story's prompts. */
    public String styleLine(StoryBrief brief) {
        return STYLES.getOrDefault(brief.style().value(), STYLES.get("storybook")) + ", no text or lettering";
    }

    /** What the hero's portrait (picture 0) shows: the hero alone, whole, the reference of every scene. */
    public String portraitText(StoryBrief brief) {
        return "%s alone, full body, standing and facing the viewer on a plain soft background, clearly showing"
                .formatted(brief.name()) + " the colours, shape and outfit every later picture will repeat";
    }

    /**
     * One picture's prompt: what happens (cut to fit), then the character sheet and the style line,
     * always whole. Picture 0 is the hero's portrait.
     */
    public String scenePrompt(int sceneNumber, String sceneText, String characterSheet,
            String styleLine) {
        String tail = " Main character: " + characterSheet + ". Style: " + styleLine + ".";
        String head = ArcStage.promptHead(sceneNumber);
        int room = Math.max(80, config.prompts().maxLength() - head.length() - tail.length());
        String scene = sceneText.strip();
        if (scene.length() > room) {
            scene = scene.substring(0, room - 1).strip() + "…";
        }
        return head + scene + tail;
    }

    /** True when a prompt is within the configured maximum length. */
    public boolean fits(String prompt) {
        return prompt.length() <= config.prompts().maxLength();
    }
}
