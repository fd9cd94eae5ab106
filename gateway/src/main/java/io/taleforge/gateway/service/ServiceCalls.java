package io.taleforge.gateway.service;

import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import io.quarkus.logging.Log;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.gateway.rest.GatewayProblemMapper;

/** A call to a service that does not answer (refused, timed out, breaker open) becomes a 503 naming it. */
final class ServiceCalls {

    private ServiceCalls() {
    }

    static <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProcessingException | FaultToleranceException e) {
            Log.warnf("%s unavailable: %s", service, e.toString());
            throw ProblemException.unavailable(service, GatewayProblemMapper.RETRY_AFTER);
        }
    }
}
