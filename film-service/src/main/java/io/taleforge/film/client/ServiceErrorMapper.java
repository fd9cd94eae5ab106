package io.taleforge.film.client;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** A service's error answer as {@link ServiceFailedException} (5xx) or {@link ServiceRejectedException} (4xx). */
public class ServiceErrorMapper implements ResponseExceptionMapper<RuntimeException> {

    @Override
    public RuntimeException toThrowable(Response response) {
        int status = response.getStatus();
        return status >= 500 ? new ServiceFailedException(status) : new ServiceRejectedException(status);
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    /** 5xx: retried on reads, counted by the circuit breaker. */
    public static class ServiceFailedException extends RuntimeException {
        public ServiceFailedException(int status) {
            super("the service answered " + status);
        }
    }

    /** 4xx: never retried, never counted by a circuit breaker. */
    public static class ServiceRejectedException extends RuntimeException {
        private final int status;

        public ServiceRejectedException(int status) {
            super("the service answered " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
