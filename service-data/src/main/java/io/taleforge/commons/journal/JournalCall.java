package io.taleforge.commons.journal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.taleforge.commons.cost.UnpricedException;

/**
 * One journaled call, used as {@code try (var call = journal.open(...)) { ...; call.success(out); }}:
 * a call that ends without success or an explicit failure is recorded as FAILED with the reason
 * "ended without a result", so nothing leaves a STARTED row behind silently.
 */
public final class JournalCall implements AutoCloseable {

    private final Journal journal;
    private final UUID id;
    private final long startNanos = System.nanoTime();
    private boolean closed;

    JournalCall(Journal journal, UUID id) {
        this.journal = journal;
        this.id = id;
    }

    public static JournalCall open(Journal journal, Journal.Subject subject, String step, String input) {
        return new JournalCall(journal, journal.started(subject, step, input));
    }

    /** Opens a priced call: its row carries {@code estimate} (US dollars, from the rate table) from the start. */
    public static JournalCall open(Journal journal, Journal.Subject subject, String step, String input,
            BigDecimal estimate) {
        return new JournalCall(journal, journal.started(subject, step, input, estimate));
    }

    /**
     * Opens a priced call whose {@code estimate} comes from the rate table; an unpriced call is
     * journaled SKIPPED at step {@code <step>:unpriced} with the table's words instead.
     *
     * @throws UnpricedException no price in the table: the call must not be made
     */
    public static JournalCall priced(Journal journal, Journal.Subject subject, String step, String input,
            Supplier<BigDecimal> estimate) {
        BigDecimal expected;
        try {
            expected = estimate.get();
        } catch (UnpricedException e) {
            journal.skipped(subject, step + ":unpriced", input, e.getMessage());
            throw e;
        }
        return open(journal, subject, step, input, expected);
    }

    /**
     * A call already made, journaled after the fact as one finished row with its measured
     * {@code duration}: for polls, where only an answer that changes something is worth a row
     * and that is known only once the answer is in. {@code error} null means success.
     */
    public static void completed(Journal journal, Journal.Subject subject, String step, String input, String output,
            Throwable error, Duration duration) {
        UUID id = journal.started(subject, step, input);
        if (error == null) {
            journal.success(id, step, output, duration);
        } else {
            journal.failed(id, step, error, duration);
        }
    }

    public UUID id() {
        return id;
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    public void success(String step, String output) {
        success(step, output, null);
    }

    /** Closes the row SUCCESS with the {@code actual} cost the provider reported (null: the estimate). */
    public void success(String step, String output, BigDecimal actual) {
        if (!closed) {
            closed = true;
            journal.success(id, step, output, elapsed(), actual);
        }
    }

    /**
     * Closes the row SUCCESS in the same transaction as {@code alongside} (the write this success
     * stands for), both or neither ({@link Journal#successWith}); false, with the row still open,
     * when {@code alongside} answers false.
     */
    public boolean successWith(String step, String output, BigDecimal actual, BooleanSupplier alongside) {
        if (closed) {
            return false;
        }
        closed = journal.successWith(id, step, output, elapsed(), actual, alongside);
        return closed;
    }

    public void failed(String step, Throwable error) {
        if (!closed) {
            closed = true;
            journal.failed(id, step, error, elapsed());
        }
    }

    @Override
    public void close() {
        failed("unfinished", new IllegalStateException("ended without a result"));
    }
}
