package io.taleforge.gateway.model;

import java.util.List;

/**
 * {@code GET /api/stories/{id}/book}: the storybook of a story whose 20 pictures are approved, as
 * the reading view, the PDF and the print stylesheet show it.
 *
 * @param choices the reader's quiz choices in one line, in the quiz's order, as the quiz words them
 * @param pages one page per scene, by number, with the approved picture's URL
 */
public record Book(String id, String title, Hero hero, String choices, List<Page> pages) {

    public record Hero(String species, String name, String trait) {
    }

    public record Page(int number, String stage, String text, String imageUrl) {
    }
}
