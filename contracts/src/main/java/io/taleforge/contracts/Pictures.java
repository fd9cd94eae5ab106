package io.taleforge.contracts;

/**
 * The numbers of a story's pictures: the hero's portrait is picture {@value #PORTRAIT}, drawn and
 * approved first as the reference of every scene; scenes are 1..{@value #SCENES}. A record's
 * {@code sceneNumber} that names a picture (scene-approved, image-status, image-rejected,
 * approval-status) is 0..{@value #SCENES}.
 */
public final class Pictures {

    /** The hero's portrait. */
    public static final int PORTRAIT = 0;

    /** Scenes of a story, numbered from 1. */
    public static final int SCENES = 20;

    private Pictures() {
    }

    /** Whether {@code number} names a picture of a story (the portrait or a scene). */
    public static boolean isPicture(int number) {
        return number >= PORTRAIT && number <= SCENES;
    }
}
