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
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.taleforge.commons.messaging.CloudEvents;
import io.taleforge.commons.tracing.TraceContext;

/**
 * One round of the {@link OutboxRelay}: publishes up to a batch of unsent rows through one
 * outgoing channel, each to its own topic, as a CloudEvent in Kafka binary mode keyed by the
 * row's key with the row's id as CloudEvent id, and marks the acknowledged ones sent.
 * Keys go out side by side; within a key a row is handed to Kafka only after the one before it
 * was acknowledged, and a key stops at its first failure, so a row never overtakes an earlier
 * one of its key even when the broker fails in the middle of a round. After a failed round
 * (the broker is away) each round sends a single row until the broker answers again. Each row
 * goes out under the trace context stored with it, so its {@code traceparent} header continues
 * the trace of the request that appended it (none when it was appended without one).
 */
@ApplicationScoped
public class OutboxPublisher {

    /** The one outgoing channel of the outbox (configured in this module's microprofile-config.properties). */
    public static final String CHANNEL = "taleforge-outbox";

    /** What one round did: rows marked sent, whether a send failed, whether the batch was full. */
    public record Round(int sent, boolean failed, boolean full) {
    }

    /** What is published: a detached copy of a row, read in a short transaction. */
    record Pending(long seq, String id, String key, String topic, String type, String payload, String traceparent) {
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
                .map(r -> new Pending(r.seq, r.id, r.messageKey, r.topic, r.type, r.payload,
                        r.traceparent)).toList());
        if (rows.isEmpty()) {
            degraded = false;
            return new Round(0, false, false);
        }
        Map<String, List<Pending>> byKey = new LinkedHashMap<>();
        rows.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        List<Chain> chains = byKey.values().stream().map(Chain::new).toList();
        AtomicBoolean roundOver = new AtomicBoolean();
        chains.forEach(chain -> chain.next(roundOver));
        awaitChains(chains);
        roundOver.set(true);
        List<Long> acknowledged = new ArrayList<>();
        List<Chain> failed = new ArrayList<>();
        for (Chain chain : chains) {
            synchronized (chain) {
                acknowledged.addAll(chain.acknowledged);
                if (chain.acknowledged.size() < chain.rows.size()) {
                    failed.add(chain);
                }
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
                // a chain never completes exceptionally; failures are recorded on the chain
            }
        }
    }

    /** The rows of one key, sent one after the other until the first failure. */
    private final class Chain {

        final List<Pending> rows;
        final List<Long> acknowledged = new ArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        Throwable failure;

        Chain(List<Pending> rows) {
            this.rows = rows;
        }

        void next(AtomicBoolean roundOver) {
            int index;
            synchronized (this) {
                index = acknowledged.size();
            }
            if (index == rows.size() || roundOver.get()) {
                done.complete(null);
                return;
            }
            send(rows.get(index)).whenComplete((ok, error) -> {
                synchronized (this) {
                    if (error != null) {
                        failure = error;
                    } else if (!roundOver.get()) {
                        acknowledged.add(rows.get(index).seq());
                    }
                }
                if (error != null) {
                    done.complete(null);
                } else {
                    next(roundOver);
                }
            });
        }

        synchronized Pending firstUnsent() {
            return rows.get(acknowledged.size());
        }
    }

    private CompletableFuture<Void> send(Pending row) {
        try {
            Message<String> message = CloudEvents.message(row.key(), row.type(), config.source(), row.payload(),
                    row.id()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withKey(row.key()).withTopic(row.topic()).build())
                    .addMetadata(TracingMetadata.withCurrent(TraceContext.parse(row.traceparent())));
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
                        describe(chain.failure), chain.firstUnsent().seq());
            }
        });
        for (Chain chain : failed) {
            Pending row = chain.firstUnsent();
            Log.warnf("outbox send failed topic=%s seq=%d key=%s, retrying: %s", row.topic(), row.seq(), row.key(),
                    describe(chain.failure));
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
