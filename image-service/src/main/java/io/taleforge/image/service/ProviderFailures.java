package io.taleforge.image.service;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.taleforge.commons.provider.ProviderException;

/** The error code and the words of a failed provider or store call, as FAILED carries them. */
final class ProviderFailures {

    private ProviderFailures() {
    }

    static String code(Throwable error) {
        if (error instanceof ProviderException pe) {
            return pe.code();
        }
        if (error instanceof TimeoutException) {
            return "timeout";
        }
        if (error instanceof CircuitBreakerOpenException) {
            return "circuit_open";
        }
        if (error instanceof BulkheadException) {
            return "provider_busy";
        }
        return "provider_error";
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? code(error) : message;
    }
}
