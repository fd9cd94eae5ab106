package io.taleforge.gateway.service;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Redis stream entry id, {@code <ms>-<seq>}, both unsigned 64-bit numbers: the SSE id a browser
 * echoes back in {@code Last-Event-ID}. Parsing never throws: a value that is not such an id (a
 * number above 2^64 - 1 included) is empty.
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {

    private static final Pattern FORM = Pattern.compile("(\\d{1,20})-(\\d{1,20})");
    private static final long MAX = -1L; // 2^64 - 1 unsigned

    /** The largest id there is. */
    public static final StreamId LARGEST = new StreamId(MAX, MAX);

    public static Optional<StreamId> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StreamId(Long.parseUnsignedLong(m.group(1)), Long.parseUnsignedLong(m.group(2))));
        } catch (NumberFormatException e) {
            return Optional.empty(); // above 2^64 - 1
        }
    }

    /** {@code 0-0}: before every entry. */
    public boolean isStart() {
        return ms == 0 && seq == 0;
    }

    /** The smallest id after this one (XRANGE's start is inclusive); none after the largest id. */
    public Optional<StreamId> next() {
        if (seq != MAX) {
            return Optional.of(new StreamId(ms, seq + 1));
        }
        if (ms != MAX) {
            return Optional.of(new StreamId(ms + 1, 0));
        }
        return Optional.empty();
    }

    @Override
    public int compareTo(StreamId other) {
        int byMs = Long.compareUnsigned(ms, other.ms);
        return byMs != 0 ? byMs : Long.compareUnsigned(seq, other.seq);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }
}
