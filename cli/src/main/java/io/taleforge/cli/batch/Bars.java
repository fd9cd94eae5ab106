package io.taleforge.cli.batch;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live bars: one overall (lines finished of the lines to do) and one per story (pictures
 * approved of the story's pictures). In a terminal the library draws and redraws them in place;
 * when the output is a file or a pipe each bar prints a line only when its count or its message
 * changes, so a captured run reads as a log.
 */
final class Bars implements AutoCloseable {

    /** The elapsed and remaining time the library appends: left out when deciding whether a line changed. */
    private static final Pattern TIMES = Pattern.compile("\\(\\d+:\\d\\d:\\d\\d( / [^)]*)?\\)");

    private final PrintStream out;
    private final boolean terminal;
    private final ProgressBar overall;

    Bars(PrintStream out, boolean terminal, int lines) {
        this.out = out;
        this.terminal = terminal;
        this.overall = builder("batch", lines, "lines").build();
    }

    StoryBar story(int line) {
        return new StoryBar(builder("line %3d".formatted(line), -1, "pictures").build()); // -1: until the story says
    }

    void lineFinished(int done) {
        overall.stepTo(done);
    }

    @Override
    public void close() {
        overall.close();
    }

    private ProgressBarBuilder builder(String task, long max, String unit) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setStyle(terminal ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setMaxRenderedLength(100).setUpdateIntervalMillis(terminal ? 200 : 500).continuousUpdate();
        if (!terminal) {
            builder.setConsumer(new DelegatingProgressBarConsumer(changesOnly(), 100));
        }
        return builder;
    }

    /** A line per change of the rendered bar, times aside. */
    private Consumer<String> changesOnly() {
        ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
        String[] last = { "" };
        return rendered -> {
            String key = TIMES.matcher(rendered).replaceAll("").strip();
            if (!key.equals(last[0]) && seen.putIfAbsent(key, Boolean.TRUE) == null) {
                last[0] = key;
                synchronized (out) {
                    out.println(rendered.strip());
                }
            }
        };
    }

    /** One story's bar: pictures approved of its pictures, and what it is doing. */
    static final class StoryBar {

        private final ProgressBar bar;

        StoryBar(ProgressBar bar) {
            this.bar = bar;
        }

        void message(String text) {
            bar.setExtraMessage(text);
        }

        void pictures(int approved, int total) {
            if (total > 0 && bar.getMax() != total) {
                bar.maxHint(total);
            }
            bar.stepTo(approved);
        }

        void finish() {
            bar.close();
        }
    }
}
