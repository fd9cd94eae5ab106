package io.taleforge.film.service;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.taleforge.commons.logging.LogContext;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.service.FilmJobs.Work;

/**
 * Advances the running clips whose next step is due: every poll interval it holds as many as it
 * has free workers (a conditional update in the database, so two instances never take the same
 * clip) and runs one step of each on its own small pool. Nothing waits on a thread between two
 * polls: the wait is the clip's {@code next_poll_at}. A clip whose holder died (a killed instance)
 * becomes due again when its claim runs out, and is resumed from its stored task id.
 */
@ApplicationScoped
public class ClipPoller {

    private final FilmJobs jobs;
    private final ClipWorker worker;
    private final Semaphore free;
    private final ExecutorService pool;

    public ClipPoller(FilmJobs jobs, ClipWorker worker, FilmConfig config) {
        this.jobs = jobs;
        this.worker = worker;
        this.free = new Semaphore(config.flow().concurrency());
        this.pool = Executors.newFixedThreadPool(config.flow().concurrency(), r -> {
            Thread t = new Thread(r, "clip-poller");
            t.setDaemon(true);
            return t;
        });
    }

    @Scheduled(every = "${taleforge.film.flow.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void advanceDue() {
        int slots = free.availablePermits();
        if (slots == 0) {
            return;
        }
        List<Work> due = jobs.claimDue(slots);
        for (Work work : due) {
            free.acquireUninterruptibly();
            pool.execute(() -> {
                try (LogContext ids = LogContext.of(work.storyId(), work.sceneNumber(), work.attempt())) {
                    worker.advance(work);
                } catch (RuntimeException e) {
                    Log.errorf(e, "clip step failed storyId=%s scene=%d", work.storyId(), work.sceneNumber());
                } finally {
                    free.release();
                }
            });
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
