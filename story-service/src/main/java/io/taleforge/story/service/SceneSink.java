package io.taleforge.story.service;

import io.taleforge.story.model.ArcStage;

/** Where {@link SceneDrafting} puts each usable scene the moment it is written: stored and announced. */
public interface SceneSink {

    /** Keeps nothing: the caller stores the {@link SceneDrafting.Draft} at the end. */
    SceneSink NONE = (number, stage, text) -> {
    };

    /** One usable, new scene; may throw {@link WritingStopped} when the reader stopped the writing. */
    void stored(int number, ArcStage stage, String text);

    /** Whether the reader stopped the writing: no further try starts. */
    default boolean stopped() {
        return false;
    }
}
