package io.taleforge.image.service;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.taleforge.image.config.ImageConfig;

/**
 * The image workers of this instance, by role: {@link JobAdmission} (records and orphaned jobs
 * in), {@link JobDispatch} (slots, fair queue, permits, workers), {@link JobLeases} (heartbeat,
 * fencing, take-over) and {@link JobOutcomes} (acknowledge or dead-letter). This class starts and
 * stops them together, after the {@link WarmUp}.
 */
@ApplicationScoped
public class ImageWorkers {

    private final JobAdmission admission;
    private final JobDispatch dispatch;
    private final JobLeases leases;
    private final HeldJobs held;
    private final GenerationService generation;
    private final WarmUp warmUp;
    private final ImageConfig config;
    private volatile boolean running;

    public ImageWorkers(JobAdmission admission, JobDispatch dispatch, JobLeases leases, HeldJobs held,
            GenerationService generation, WarmUp warmUp, ImageConfig config) {
        this.admission = admission;
        this.dispatch = dispatch;
        this.leases = leases;
        this.held = held;
        this.generation = generation;
        this.warmUp = warmUp;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        if (config.warmUp()) {
            warmUp.run(); // before the first record: its cost is the start's, not the first images'
        }
        dispatch.start();
        leases.start();
        admission.start();
        Log.infof("image workers started instance=%s concurrency=%d maxPending=%d leaseTtl=%s heartbeat=%s"
                + " provider=%s account=%s", leases.owner(), config.concurrency(), config.maxPending(),
                leases.ttl(), leases.heartbeat(), generation.provider().name(), generation.account());
    }

    void onStop(@Observes ShutdownEvent event) {
        shutdown();
    }

    @PreDestroy
    synchronized void shutdown() {
        if (!running) {
            return;
        }
        running = false;
        List<UUID> unfinished = held.ids(); // before the stopped workers let their jobs go
        admission.stop();
        leases.stop();
        dispatch.stop();
        try {
            leases.release(unfinished);
        } catch (RuntimeException e) {
            Log.warnf("leases not released on shutdown instance=%s: %s", leases.owner(), e.getMessage());
        }
        Log.infof("image workers stopped instance=%s, %d unfinished jobs left to the other instances",
                leases.owner(), unfinished.size());
    }
}
