package io.taleforge.testing;

import java.util.Arrays;

/** Reads a Prometheus text scrape ({@code /q/metrics}) in tests. */
public final class Scrape {

    private Scrape() {
    }

    /** The sum of the series {@code name} whose labels contain every one of {@code labels}. */
    public static double sum(String scrape, String name, String... labels) {
        return scrape.lines().filter(line -> line.startsWith(name + "{"))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
