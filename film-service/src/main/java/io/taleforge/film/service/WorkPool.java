package io.taleforge.film.service;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.quarkus.logging.Log;

/**
 * A few daemon threads and as many permits, for the pollers (clips, narrations, assemblies): a
 * poller claims in the database only as much work as the pool has free threads, so nothing
 * claimed ever waits in a queue while its claim runs out.
 */
public final class WorkPool {

    private final String name;
    private final Semaphore free;
    private final ExecutorService pool;

    public WorkPool(String name, int size) {
        this.name = name;
        this.free = new Semaphore(size);
        this.pool = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Threads free right now: how much work to claim. */
    public int free() {
        return free.availablePermits();
    }

    /** Runs one claimed step on a free thread; a step that throws is logged, never lost silently. */
    public void run(Runnable step, String what) {
        free.acquireUninterruptibly();
        pool.execute(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                Log.errorf(e, "%s step failed: %s", name, what);
            } finally {
                free.release();
            }
        });
    }

    public void stop() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
