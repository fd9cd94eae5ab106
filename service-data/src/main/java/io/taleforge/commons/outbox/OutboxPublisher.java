package io.taleforge.commons.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.taleforge.commons.messaging.CloudEvents;

/**
 * One round of the {@link OutboxRelay}: publishes up to a batch of unsent rows through one
 * outgoing channel, each to its own topic, as a CloudEvent in Kafka binary mode keyed by the
 * row's key with the row's id as CloudEvent id, and marks the acknowledged ones sent.
 * Keys go out side by side, and all rows of a key at once, in order (a story's 20 scene-approved
 * rows cost one round trip, not 20); only the rows acknowledged up to a key's first failure are
 * marked sent, so a row never overtakes an earlier one of its key even when the broker fails in
 * the middle of a round (a later row that was acknowledged anyway goes again, and consumers drop
 * the duplicate by its CloudEvent id). After a failed round
 * (the broker is away) each round sends a single row until the broker answers again.
 */
@ApplicationScoped
public class OutboxPublisher {

    /** The one outgoing channel of the outbox (configured in this module's microprofile-config.properties). */
    public static final String CHANNEL = "taleforge-outbox";

    /** What one round did: rows marked sent, whether a send failed, whether the batch was full. */
    public record Round(int sent, boolean failed, boolean full) {
    }

    /** What is published: a detached copy of a row, read in a short transaction. */
    record Pending(long seq, String id, String key, String topic, String type, String payload) {
    }

    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private volatile boolean degraded;

    public OutboxPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter, OutboxConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /** Publishes one batch of unsent rows and records what the broker acknowledged. */
    public Round publishPending() {
        int limit = degraded ? 1 : config.batchSize();
        List<Pending> rows = QuarkusTransaction.requiringNew().call(() -> OutboxEntry.unsent(limit).stream()
                .map(r -> new Pending(r.seq, r.id, r.messageKey, r.topic, r.type, r.payload)).toList());
        if (rows.isEmpty()) {
            degraded = false;
            return new Round(0, false, false);
        }
        Map<String, List<Pending>> byKey = new LinkedHashMap<>();
        rows.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        List<Chain> chains = byKey.values().stream().map(Chain::new).toList();
        awaitChains(chains);
        List<Long> acknowledged = new ArrayList<>();
        List<Chain> failed = new ArrayList<>();
        for (Chain chain : chains) {
            List<Long> prefix = chain.acknowledged();
            acknowledged.addAll(prefix);
            if (prefix.size() < chain.rows.size()) {
                failed.add(chain);
            }
        }
        record(acknowledged, failed);
        degraded = !failed.isEmpty();
        return new Round(acknowledged.size(), degraded, rows.size() == limit);
    }

    /** Waits until every chain finished or the send timeout passed (or the relay is stopped). */
    private void awaitChains(List<Chain> chains) {
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (Chain chain : chains) {
            try {
                chain.done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                // a chain never completes exceptionally; failures are read from its sends
            }
        }
    }

    /**
     * The rows of one key, handed to Kafka together in their order (one batch, no round trip per
     * row: the idempotent producer keeps them in order on their partition). Only the rows
     * acknowledged up to the first failure count as sent; the rest go again, in order, next round.
     */
    private final class Chain {

        final List<Pending> rows;
        final List<CompletableFuture<Void>> sends;
        final CompletableFuture<Void> done;

        Chain(List<Pending> rows) {
            this.rows = rows;
            this.sends = rows.stream().map(OutboxPublisher.this::send).toList();
            this.done = CompletableFuture.allOf(sends.stream().map(f -> f.exceptionally(e -> null))
                    .toArray(CompletableFuture[]::new));
        }

        /** The seqs acknowledged by now, in order, up to the first row not acknowledged. */
        List<Long> acknowledged() {
            List<Long> prefix = new ArrayList<>();
            for (int i = 0; i < rows.size() && isAcknowledged(sends.get(i)); i++) {
                prefix.add(rows.get(i).seq());
            }
            return prefix;
        }

        Pending firstUnsent() {
            return rows.get(acknowledged().size());
        }

        /** Why the first unsent row is not sent; null when it is still waiting for its acknowledgement. */
        Throwable failure() {
            CompletableFuture<Void> first = sends.get(acknowledged().size());
            if (!first.isCompletedExceptionally()) {
                return null;
            }
            try {
                first.join();
                return null;
            } catch (java.util.concurrent.CompletionException e) {
                return e.getCause() == null ? e : e.getCause();
            } catch (RuntimeException e) {
                return e;
            }
        }

        private static boolean isAcknowledged(CompletableFuture<Void> send) {
            return send.isDone() && !send.isCompletedExceptionally();
        }
    }

    private CompletableFuture<Void> send(Pending row) {
        try {
            Message<String> message = CloudEvents.message(row.key(), row.type(), config.source(), row.payload(),
                    row.id()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withKey(row.key()).withTopic(row.topic()).build());
            return emitter.sendMessage(message).subscribeAsCompletionStage();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void record(List<Long> acknowledged, List<Chain> failed) {
        if (acknowledged.isEmpty() && failed.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            if (!acknowledged.isEmpty()) {
                OutboxEntry.update("sentAt = ?1, sendAttempts = sendAttempts + 1 where seq in ?2", Instant.now(),
                        acknowledged);
            }
            for (Chain chain : failed) {
                OutboxEntry.update("sendAttempts = sendAttempts + 1, lastError = ?1 where seq = ?2",
                        describe(chain.failure()), chain.firstUnsent().seq());
            }
        });
        for (Chain chain : failed) {
            Pending row = chain.firstUnsent();
            Log.warnf("outbox send failed topic=%s seq=%d key=%s, retrying: %s", row.topic(), row.seq(), row.key(),
                    describe(chain.failure()));
        }
    }

    private String describe(Throwable failure) {
        if (failure == null) {
            return "no acknowledgement within " + config.sendTimeout();
        }
        String message = failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return message.length() <= OutboxEntry.MAX_ERROR ? message : message.substring(0, OutboxEntry.MAX_ERROR);
    }
}
