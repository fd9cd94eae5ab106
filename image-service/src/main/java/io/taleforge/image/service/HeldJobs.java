package io.taleforge.image.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.model.ImageJob;

/**
 * The jobs this instance holds (leased, queued or generating), each at most once, with every
 * record that asked for it. At most {@code max-pending} are held: admission waits for room, which
 * pauses the Kafka partitions; the lease sweeper only takes what fits.
 */
@ApplicationScoped
public class HeldJobs {

    /** Where a held job is: waiting, in its provider call, writing its outcome, or stopped by fencing. */
    enum Phase {
        QUEUED, RUNNING, FINISHING, FENCED
    }

    /** A job this instance holds, with every record that asked for it (a redelivery joins here). */
    public static final class Held {
        final ImageJob job;
        final List<Message<?>> messages = new ArrayList<>();
        final AtomicReference<Phase> phase = new AtomicReference<>(Phase.QUEUED);
        volatile Instant permitAt;
        /** {@link System#nanoTime()} when this instance last confirmed its lease in the database. */
        volatile long leaseConfirmedNanos = System.nanoTime();
        /** The worker thread, set before the phase becomes RUNNING. */
        volatile Thread worker;

        Held(ImageJob job) {
            this.job = job;
        }

        /** RUNNING → FINISHING; false when fencing stopped the job first. */
        boolean finishing() {
            return phase.compareAndSet(Phase.RUNNING, Phase.FINISHING);
        }

        /** RUNNING → FENCED, interrupting the call; false when the job was not in its call. */
        boolean fence() {
            if (!phase.compareAndSet(Phase.RUNNING, Phase.FENCED)) {
                return false;
            }
            worker.interrupt();
            return true;
        }

        boolean fenced() {
            return phase.get() == Phase.FENCED;
        }
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Semaphore room;

    public HeldJobs(ImageConfig config) {
        this.room = new Semaphore(Math.max(1, config.maxPending()));
    }

    /** Whether this instance holds the job of {@code key}. */
    public boolean holds(String key) {
        return held.containsKey(key);
    }

    /** Adds {@code message} to the job of {@code key} if this instance holds it; false otherwise. */
    public boolean join(String key, Message<?> message) {
        synchronized (held) {
            Held already = held.get(key);
            if (already == null) {
                return false;
            }
            already.messages.add(message);
            return true;
        }
    }

    /**
     * Holds {@code job}, waiting for room. Returns null when this instance already held it: the
     * message (if any) joined the held job instead.
     */
    public Held hold(ImageJob job, Message<?> message) throws InterruptedException {
        room.acquire();
        return put(job, message);
    }

    /** Holds {@code job} if there is room right now (the sweeper never waits); null otherwise. */
    public Held tryHold(ImageJob job) {
        return room.tryAcquire() ? put(job, null) : null;
    }

    private Held put(ImageJob job, Message<?> message) {
        synchronized (held) {
            Held already = held.get(job.key());
            if (already != null) {
                room.release();
                if (message != null) {
                    already.messages.add(message);
                }
                return null;
            }
            Held h = new Held(job);
            if (message != null) {
                h.messages.add(message);
            }
            held.put(job.key(), h);
            return h;
        }
    }

    /** Lets the job go and returns the records that asked for it, to settle them. */
    public List<Message<?>> drain(Held h) {
        List<Message<?>> messages;
        synchronized (held) {
            held.remove(h.job.key(), h);
            messages = new ArrayList<>(h.messages);
        }
        room.release();
        return messages;
    }

    /** How many more jobs fit. */
    public int room() {
        return room.availablePermits();
    }

    public Collection<Held> all() {
        return List.copyOf(held.values());
    }

    public List<UUID> ids() {
        return held.values().stream().map(h -> h.job.id).toList();
    }

    public int size() {
        return held.size();
    }
}
