package io.taleforge.commons.journal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.taleforge.commons.redaction.Redactor;
import io.taleforge.commons.tracing.TraceContext;

/**
 * Writes the API operation journal. Every row is written in its own transaction, so it stays
 * even when the caller's transaction rolls back: no call is ever skipped or failed without a
 * row that says why. Inputs, outputs and errors pass the {@link Redactor} first. Each row keeps
 * the trace id of the call (when tracing is on).
 */
@ApplicationScoped
public class Journal {

    static final int MAX_SUMMARY = 4000;
    static final int MAX_TRACE = 16000;

    private final Redactor redactor;
    private final JournalMetrics metrics;

    public Journal(Redactor redactor, JournalMetrics metrics) {
        this.redactor = redactor;
        this.metrics = metrics;
    }

    /** What a call is about: operation, story/scene/attempt (nullable), provider and model. */
    public record Subject(String operation, UUID storyId, Integer sceneNumber, Integer attempt, String provider,
            String model) {

        public Subject withModel(String newProvider, String newModel) {
            return new Subject(operation, storyId, sceneNumber, attempt, newProvider, newModel);
        }
    }

    /** Opens a STARTED row; close it with {@link #success}, {@link #failed} or {@link #skipped}. */
    @Transactional(TxType.REQUIRES_NEW)
    public UUID started(Subject subject, String step, String input) {
        return started(subject, step, input, null);
    }

    /** Opens a STARTED row carrying the call's {@code estimate} (US dollars; null: not priced). */
    @Transactional(TxType.REQUIRES_NEW)
    public UUID started(Subject subject, String step, String input, BigDecimal estimate) {
        JournalEntry entry = newEntry(subject, JournalEntry.Status.STARTED, step, input);
        entry.estimatedCost = estimate;
        entry.persist();
        return entry.id;
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void success(UUID id, String step, String output, Duration duration) {
        success(id, step, output, duration, null);
    }

    /**
     * Closes a row SUCCESS with the call's {@code actual} cost (from the provider's reported usage);
     * null: the estimate stands as the actual, the table being all there is.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void success(UUID id, String step, String output, Duration duration, BigDecimal actual) {
        close(id, step, output, duration, actual);
    }

    /**
     * Closes a row SUCCESS in one transaction with {@code alongside}, the caller's own write that
     * the success stands for (e.g. the result recorded on a job): both commit or neither. When
     * {@code alongside} answers false (e.g. its conditional write matched nothing) the transaction
     * rolls back, the row stays open and false is returned. One commit instead of two.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean successWith(UUID id, String step, String output, Duration duration, BigDecimal actual,
            BooleanSupplier alongside) {
        if (!alongside.getAsBoolean()) {
            QuarkusTransaction.setRollbackOnly(); // neither: whatever alongside wrote goes too
            return false;
        }
        close(id, step, output, duration, actual);
        return true;
    }

    private void close(UUID id, String step, String output, Duration duration, BigDecimal actual) {
        JournalEntry entry = JournalEntry.findById(id);
        if (entry == null) {
            return;
        }
        entry.status = JournalEntry.Status.SUCCESS;
        entry.actualCost = actual != null ? actual : entry.estimatedCost;
        entry.step = step;
        entry.outputSummary = summary(output, MAX_SUMMARY);
        finish(entry, duration);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void failed(UUID id, String step, Throwable error, Duration duration) {
        JournalEntry entry = JournalEntry.findById(id);
        if (entry == null) {
            return;
        }
        entry.status = JournalEntry.Status.FAILED;
        entry.actualCost = entry.estimatedCost == null ? null : BigDecimal.ZERO;
        entry.step = step;
        entry.errorMessage = summary(describe(error), MAX_SUMMARY);
        entry.errorTrace = summary(trace(error), MAX_TRACE);
        finish(entry, duration);
        Log.warnf("journal: %s failed at %s story=%s scene=%s attempt=%s provider=%s: %s", entry.operation, step,
                entry.storyId, entry.sceneNumber, entry.attempt, entry.provider, entry.errorMessage);
    }

    /** Records a call that was not made, with the reason, in one row. */
    @Transactional(TxType.REQUIRES_NEW)
    public UUID skipped(Subject subject, String step, String input, String reason) {
        JournalEntry entry = newEntry(subject, JournalEntry.Status.SKIPPED, step, input);
        entry.errorMessage = summary(reason, MAX_SUMMARY);
        entry.finishedAt = entry.createdAt;
        entry.durationMs = 0L;
        entry.persist();
        metrics.record(entry, Duration.ZERO);
        Log.infof("journal: %s skipped at %s story=%s scene=%s attempt=%s: %s", entry.operation, step,
                entry.storyId, entry.sceneNumber, entry.attempt, entry.errorMessage);
        return entry.id;
    }

    /**
     * Closes every STARTED row of one call subject (operation, story, scene, attempt) as FAILED at
     * step {@code <step>:interrupted} with the reason: calls cut off by a process that died, which
     * will never end on their own. Used when another instance takes the work over.
     *
     * @return how many rows were closed
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int interrupted(String operation, UUID storyId, Integer sceneNumber, Integer attempt, String reason) {
        return close(operation, storyId, sceneNumber, attempt, JournalEntry.Status.FAILED, "interrupted", reason);
    }

    /**
     * Closes the STARTED rows of {@code operation} for one scene attempt as SUCCESS, step
     * {@code <step>:recovered} with the reason: calls whose process died after their result was
     * already kept (stored and recorded), so the call did succeed though it never said so. Used
     * when another instance takes the work over and finds the result.
     *
     * @return how many rows were closed
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int recovered(String operation, UUID storyId, Integer sceneNumber, Integer attempt, String reason) {
        return close(operation, storyId, sceneNumber, attempt, JournalEntry.Status.SUCCESS, "recovered", reason);
    }

    private int close(String operation, UUID storyId, Integer sceneNumber, Integer attempt, JournalEntry.Status status,
            String how, String reason) {
        List<JournalEntry> open = JournalEntry.list("operation = ?1 and storyId = ?2 and sceneNumber = ?3"
                + " and attempt = ?4 and status = ?5", operation, storyId, sceneNumber, attempt,
                JournalEntry.Status.STARTED);
        for (JournalEntry entry : open) {
            entry.status = status;
            entry.actualCost = status == JournalEntry.Status.SUCCESS || entry.estimatedCost == null
                    ? entry.estimatedCost : BigDecimal.ZERO;
            entry.step = summary((entry.step == null ? "" : entry.step) + ":" + how, 100);
            if (status == JournalEntry.Status.SUCCESS) {
                entry.outputSummary = summary(how + ": " + reason, MAX_SUMMARY);
            } else {
                entry.errorMessage = summary(how + ": " + reason, MAX_SUMMARY);
            }
            finish(entry, null);
            Log.logf(status == JournalEntry.Status.SUCCESS ? Logger.Level.INFO : Logger.Level.WARN,
                    "journal: %s %s at %s story=%s scene=%s attempt=%s: %s", entry.operation, how, entry.step,
                    storyId, sceneNumber, attempt, reason);
        }
        return open.size();
    }

    /**
     * Sets what the latest successful priced call of {@code operation} for one scene attempt did
     * cost, once the provider says: a task billed after its create call answered (a clip's units
     * when its task ends, 0 when the task failed). Returns whether there was such a row.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean billed(String operation, UUID storyId, Integer sceneNumber, Integer attempt, BigDecimal actual) {
        Optional<JournalEntry> row = JournalEntry.find("operation = ?1 and storyId = ?2 and sceneNumber = ?3"
                + " and attempt = ?4 and status = ?5 and estimatedCost is not null order by createdAt desc", operation,
                storyId, sceneNumber, attempt, JournalEntry.Status.SUCCESS).firstResultOptional();
        row.ifPresent(entry -> entry.actualCost = actual);
        return row.isPresent();
    }

    /**
     * What the finished calls of {@code operation} for one scene attempt cost, summed (US dollars);
     * null when none of them was priced.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public BigDecimal cost(String operation, UUID storyId, Integer sceneNumber, Integer attempt) {
        return JournalEntry.getEntityManager().createQuery("select sum(e.actualCost) from JournalEntry e"
                + " where e.operation = ?1 and e.storyId = ?2 and e.sceneNumber = ?3 and e.attempt = ?4",
                BigDecimal.class).setParameter(1, operation).setParameter(2, storyId).setParameter(3, sceneNumber)
                .setParameter(4, attempt).getSingleResult();
    }

    /**
     * Walks what a fresh JVM pays for on its first journaled call (the row's insert, its close, the
     * cost sum of an attempt) for {@code subject}, inside a transaction that is rolled back: writes
     * nothing. For a service's start-up warm-up.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void warmUp(Subject subject) {
        JournalEntry entry = newEntry(subject, JournalEntry.Status.STARTED, "warm-up", "warm-up");
        entry.estimatedCost = BigDecimal.ZERO;
        entry.persist();
        JournalEntry.flush();
        JournalEntry.getEntityManager().clear();
        JournalEntry found = JournalEntry.findById(entry.id); // closed as success closes, without a metric
        found.status = JournalEntry.Status.SUCCESS;
        found.outputSummary = summary("warm-up", MAX_SUMMARY);
        found.finishedAt = Instant.now();
        found.durationMs = 0L;
        JournalEntry.flush();
        cost(subject.operation(), subject.storyId(), subject.sceneNumber(), subject.attempt());
        QuarkusTransaction.setRollbackOnly();
    }

    private JournalEntry newEntry(Subject subject, JournalEntry.Status status, String step, String input) {
        JournalEntry entry = new JournalEntry();
        entry.id = UUID.randomUUID();
        entry.operation = subject.operation();
        entry.storyId = subject.storyId();
        entry.sceneNumber = subject.sceneNumber();
        entry.attempt = subject.attempt();
        entry.provider = subject.provider();
        entry.model = subject.model();
        entry.status = status;
        entry.step = step;
        entry.inputSummary = summary(input, MAX_SUMMARY);
        entry.createdAt = Instant.now();
        entry.traceId = TraceContext.traceId();
        return entry;
    }

    private void finish(JournalEntry entry, Duration duration) {
        entry.finishedAt = Instant.now();
        Duration took = duration == null ? Duration.between(entry.createdAt, entry.finishedAt) : duration;
        entry.durationMs = took.toMillis();
        metrics.record(entry, took);
    }

    private String summary(String text, int max) {
        String clean = redactor.redact(text);
        if (clean == null || clean.length() <= max) {
            return clean;
        }
        return clean.substring(0, max - 12) + "…[truncated]";
    }

    static String describe(Throwable error) {
        if (error == null) {
            return null;
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    private static String trace(Throwable error) {
        if (error == null) {
            return null;
        }
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
