package io.taleforge.story.model;

/** The power-fantasy arc of DESIGN.md: which stage each of the 20 scenes belongs to. */
public enum ArcStage {

    UNDERDOG("underdog", 1, 4),
    DISCOVERY("discovery", 5, 6),
    FIRST_FAILURE("first-failure", 7, 8),
    TRAINING("training", 9, 10),
    TRANSFORMATION("transformation", 11, 12),
    DISPLAY_OF_POWER("display-of-power", 13, 14),
    CHALLENGE("challenge", 15, 19),
    TRIUMPH("triumph", 20, 20);

    public static final int SCENES = 20;

    private final String slug;
    private final int first;
    private final int last;

    ArcStage(String slug, int first, int last) {
        this.slug = slug;
        this.first = first;
        this.last = last;
    }

    /** The stage name on the wire, e.g. {@code first-failure}. */
    public String slug() {
        return slug;
    }

    public int first() {
        return first;
    }

    public int last() {
        return last;
    }

    /**
     * How a picture's prompt begins: the hero's portrait (picture 0) or the scene's number and stage
     * ({@code Illustration of scene n of 20 (stage): }).
     */
    public static String promptHead(int pictureNumber) {
        if (pictureNumber == io.taleforge.contracts.Pictures.PORTRAIT) {
            return "Character portrait of the story's hero: ";
        }
        return "Illustration of scene %d of 20 (%s): ".formatted(pictureNumber, of(pictureNumber).slug());
    }

    public static ArcStage of(int sceneNumber) {
        for (ArcStage stage : values()) {
            if (sceneNumber >= stage.first && sceneNumber <= stage.last) {
                return stage;
            }
        }
        throw new IllegalArgumentException("scene number out of 1.." + SCENES + ": " + sceneNumber);
    }
}
