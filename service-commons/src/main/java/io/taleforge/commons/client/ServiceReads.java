package io.taleforge.commons.client;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The read of a service's resource that may not exist. Called inside the wrapper method that
 * carries the circuit breaker, so that a 404 becomes an empty result there and never counts as
 * a failure.
 */
public final class ServiceReads {

    private ServiceReads() {
    }

    /** What {@code read} answers, or empty when the service answered 404 (any other error passes). */
    public static <T> Optional<T> emptyOn404(Supplier<T> read) {
        try {
            return Optional.ofNullable(read.get());
        } catch (ServiceRejectedException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
