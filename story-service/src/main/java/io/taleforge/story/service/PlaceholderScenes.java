package io.taleforge.story.service;

import java.util.List;
import java.util.stream.Collectors;

/** Approval refused: some scenes are still the writer's marked placeholders. */
public class PlaceholderScenes extends RuntimeException {

    private final transient List<Integer> numbers;

    public PlaceholderScenes(List<Integer> numbers) {
        super("scenes " + numbers.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " are placeholders; write their text before approving");
        this.numbers = List.copyOf(numbers);
    }

    public List<Integer> numbers() {
        return numbers;
    }
}
