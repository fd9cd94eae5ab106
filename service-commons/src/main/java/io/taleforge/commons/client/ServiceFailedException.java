package io.taleforge.commons.client;

/** A service answered 5xx: retried on idempotent reads, counted by the circuit breaker. */
public class ServiceFailedException extends ServiceErrorException {

    public ServiceFailedException(String service, int status, String contentType, String body) {
        super(service, status, contentType, body);
    }
}
