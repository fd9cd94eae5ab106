package io.taleforge.cli.batch;

/** What became of one line in this run: a row of the summary table. */
public record Outcome(int line, String storyId, Stage stage, int approved, int pictures, boolean failed, String note) {

    static Outcome failed(int line, String storyId, Stage stage, String problem) {
        return new Outcome(line, storyId, stage, 0, 0, true, problem);
    }
}
