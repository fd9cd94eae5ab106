package io.taleforge.commons.client;

/** A service answered 4xx: the caller's fault, never retried, never counted by a circuit breaker. */
public class ServiceRejectedException extends ServiceErrorException {

    public ServiceRejectedException(String service, int status, String contentType, String body) {
        super(service, status, contentType, body);
    }
}
