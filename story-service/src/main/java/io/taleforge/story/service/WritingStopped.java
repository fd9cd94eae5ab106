package io.taleforge.story.service;

/** The reader stopped the writing of a story: the scenes written stay, the rest become placeholders. */
public class WritingStopped extends RuntimeException {

    public WritingStopped() {
        super("the reader stopped the writing", null, false, false);
    }
}
