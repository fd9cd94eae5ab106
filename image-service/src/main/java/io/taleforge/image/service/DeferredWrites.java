package io.taleforge.image.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.quarkus.logging.Log;

/**
 * Bookkeeping writes of one job that need not delay the image: closing journal rows (their
 * STARTED row is written before the call, so a crash still leaves a row) and the GENERATING
 * mark. They run beside the work and are awaited before the job's final status is published,
 * so whoever sees READY or FAILED also sees the complete journal.
 */
public final class DeferredWrites {

    private final Executor executor;
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();

    DeferredWrites(Executor executor) {
        this.executor = executor;
    }

    public synchronized void later(Runnable write) {
        pending.add(CompletableFuture.runAsync(write, executor));
    }

    /** Waits for every write; a failed one is logged (its row stays STARTED), never thrown. */
    public void await() {
        List<CompletableFuture<Void>> all;
        synchronized (this) {
            all = new ArrayList<>(pending);
            pending.clear();
        }
        for (CompletableFuture<Void> write : all) {
            try {
                write.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                Log.warnf("bookkeeping write failed: %s", e.getMessage());
            }
        }
    }
}
