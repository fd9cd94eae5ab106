package io.taleforge.film.service;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

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
    private final WorkPool pool;

    public ClipPoller(FilmJobs jobs, ClipWorker worker, FilmConfig config) {
        this.jobs = jobs;
        this.worker = worker;
        this.pool = new WorkPool("clip-poller", config.flow().concurrency());
    }

    @Scheduled(every = "${taleforge.film.flow.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void advanceDue() {
        int slots = pool.free();
        if (slots == 0) {
            return;
        }
        for (Work work : jobs.claimDue(slots)) {
            pool.run(() -> {
                try (LogContext ids = LogContext.of(work.storyId(), work.sceneNumber(), work.attempt())) {
                    worker.advance(work);
                }
            }, "clip storyId=" + work.storyId() + " scene=" + work.sceneNumber());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        pool.stop();
    }
}
