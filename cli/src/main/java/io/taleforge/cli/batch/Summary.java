package io.taleforge.cli.batch;

import java.io.PrintStream;
import java.util.List;

/** The table printed at the end: one row per line of the file, then the totals. */
final class Summary {

    private static final String ROW = "%5s  %-36s  %-17s  %-8s  %s%n";

    private Summary() {
    }

    static void print(PrintStream out, List<Outcome> outcomes) {
        out.println();
        out.printf(ROW, "line", "story", "stage", "pictures", "result");
        for (Outcome o : outcomes) {
            String pictures = o.pictures() > 0 ? o.approved() + "/" + o.pictures() : "-";
            out.printf(ROW, o.line(), o.storyId() == null ? "-" : o.storyId(), o.stage(), pictures,
                    o.failed() ? "FAILED: " + o.note() : o.note());
        }
        long failed = outcomes.stream().filter(Outcome::failed).count();
        out.printf("%d line(s): %d finished, %d failed%n", outcomes.size(), outcomes.size() - failed, failed);
    }
}
