package io.taleforge.commons.inbox;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The processed-message check of an idempotent consumer. Call it first inside the handler's
 * transaction: the row and the handler's effects commit together, or neither does.
 */
@ApplicationScoped
public class ProcessedMessages {

    /**
     * Marks {@code messageId} as handled by {@code consumer}.
     *
     * @return true the first time, false when it was already handled (skip the handler)
     */
    /**
     * Whether {@code messageId} was already handled by {@code consumer}, without marking it: for a
     * handler that reads first and writes (calling {@link #firstTime}) in a later transaction.
     */
    @Transactional(TxType.MANDATORY)
    public boolean seen(String consumer, String messageId) {
        return ProcessedMessage.findById(new ProcessedMessage.Key(consumer, messageId)) != null;
    }

    @Transactional(TxType.MANDATORY)
    public boolean firstTime(String consumer, String messageId) {
        ProcessedMessage.Key key = new ProcessedMessage.Key(consumer, messageId);
        if (ProcessedMessage.findById(key) != null) {
            return false;
        }
        ProcessedMessage row = new ProcessedMessage();
        row.key = key;
        row.processedAt = Instant.now();
        row.persist();
        return true;
    }
}
