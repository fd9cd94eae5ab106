package io.taleforge.story.provider;

/**
 * What a writer is told: every answer as its value (stable, for templates) and its label (words,
 * for a language model). {@code discovery} is {@code power}, {@code object} or {@code mentor};
 * {@code discoveryDetail} is the answer to that branch's follow-up. {@code wish} may be null.
 */
public record StoryBrief(Choice species, String name, Choice trait, Choice setting, Choice rejection,
        Choice discovery, Choice discoveryDetail, Choice antagonist, Choice style, Choice ending, String wish) {

    /** A choice answer: the option value and its label. */
    public record Choice(String value, String label) {
    }
}
