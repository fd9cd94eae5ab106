package io.taleforge.commons.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.testing.RealInfraResource;

/**
 * {@link JournalCall#successWith}: the SUCCESS row and the caller's write commit together or not at
 * all; {@link Journal#warmUp} leaves no row.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class JournalCallTest {

    @Inject
    Journal journal;

    @Test
    void aSuccessWithItsWriteCommitsBoth() {
        Journal.Subject subject = subject();
        UUID marker;
        try (JournalCall call = JournalCall.open(journal, subject, "call", "in")) {
            marker = UUID.randomUUID();
            assertTrue(call.successWith("call", "out", null, () -> write(marker)));
        }
        assertEquals(JournalEntry.Status.SUCCESS, status(subject, "call"));
        assertEquals(1, rows(marker), "the write alongside committed with the SUCCESS row");
    }

    @Test
    void aWriteThatSaysNoRollsBackAndLeavesTheRowToFail() {
        Journal.Subject subject = subject();
        UUID marker = UUID.randomUUID();
        try (JournalCall call = JournalCall.open(journal, subject, "call", "in")) {
            assertFalse(call.successWith("call", "out", null, () -> write(marker) && false));
            assertEquals(JournalEntry.Status.STARTED, status(subject, "call"), "the row is still open");
        }
        assertEquals(JournalEntry.Status.FAILED, status(subject, "unfinished"), "closed as unfinished");
        assertEquals(0, rows(marker), "the write alongside rolled back");
    }

    @Test
    void aWriteThatBreaksRollsBackAndLeavesTheRowOpen() {
        Journal.Subject subject = subject();
        UUID marker = UUID.randomUUID();
        try (JournalCall call = JournalCall.open(journal, subject, "call", "in")) {
            assertThrows(IllegalStateException.class, () -> call.successWith("call", "out", null, () -> {
                write(marker);
                throw new IllegalStateException("the database broke");
            }));
            assertEquals(JournalEntry.Status.STARTED, status(subject, "call"));
        }
        assertEquals(0, rows(marker), "the write alongside rolled back");
    }

    @Test
    void theWarmUpWritesNoRow() {
        Journal.Subject subject = subject();
        long before = QuarkusTransaction.requiringNew().call(() -> JournalEntry.count());
        journal.warmUp(subject);
        assertEquals(before, (long) QuarkusTransaction.requiringNew().call(() -> JournalEntry.count()));
    }

    private static Journal.Subject subject() {
        return new Journal.Subject("call-" + UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID(), 1, 1,
                "local", "renderer");
    }

    /** A row of the caller's own, in the transaction it is called in (a marker row in the journal table). */
    private static boolean write(UUID marker) {
        JournalEntry entry = new JournalEntry();
        entry.id = marker;
        entry.operation = "marker";
        entry.status = JournalEntry.Status.SKIPPED;
        entry.createdAt = Instant.now();
        entry.persist();
        JournalEntry.flush();
        return true;
    }

    private static long rows(UUID marker) {
        return QuarkusTransaction.requiringNew().call(() -> JournalEntry.count("id", marker));
    }

    private static JournalEntry.Status status(Journal.Subject subject, String step) {
        return QuarkusTransaction.requiringNew().call(() -> JournalEntry.<JournalEntry>find(
                "operation = ?1 and step = ?2", subject.operation(), step).firstResult().status);
    }
}
