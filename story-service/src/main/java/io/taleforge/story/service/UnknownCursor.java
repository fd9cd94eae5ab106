package io.taleforge.story.service;

/** The {@code after} of a page is not a story of the list being paged. */
public class UnknownCursor extends RuntimeException {

    public UnknownCursor(String after) {
        super("is not the id of a story in this list");
    }
}
