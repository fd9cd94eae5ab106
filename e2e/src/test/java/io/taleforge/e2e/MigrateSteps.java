package io.taleforge.e2e;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.taleforge.testing.PackagedService;

/**
 * The database migrations as their own step before the services start, as {@code ./taleforge up},
 * compose's {@code <service>-migrate} and the Kubernetes init containers run them: a database
 * service's packaged jar with {@code quarkus.init-and-exit=true} runs its Liquibase changelog and
 * exits (0 when the schema is there). The steps run side by side; the services then start with
 * {@code quarkus.liquibase.migrate-at-start=false}.
 */
final class MigrateSteps {

    static final List<String> DATABASE_SERVICES = List.of("story-service", "image-service", "approval-service",
            "film-service");

    private MigrateSteps() {
    }

    /** The migrate step of a service: the same jar and settings with init-and-exit on. */
    static PackagedService of(PackagedService service) {
        return service.set("quarkus.init-and-exit", "true");
    }

    /**
     * Launches every step and waits until each has exited; the first that exits non-zero or is
     * still running at the deadline fails the start, naming the service and its log.
     */
    static void run(Collection<PackagedService> steps, Duration deadline) {
        long t0 = System.nanoTime();
        steps.forEach(PackagedService::launch);
        try {
            for (PackagedService step : steps) {
                awaitExit(step, deadline);
            }
        } finally {
            steps.forEach(PackagedService::stop);
        }
        System.out.printf("e2e: databases migrated in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    private static void awaitExit(PackagedService step, Duration deadline) {
        Process process = step.process();
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(step.name() + " not finished after " + deadline + "; " + step.log()
                        + " ends with:\n" + step.tail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(step.name() + " interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(step.name() + " failed with exit code " + process.exitValue()
                    + ", no service was started; " + step.log() + " ends with:\n" + step.tail(40));
        }
    }
}
