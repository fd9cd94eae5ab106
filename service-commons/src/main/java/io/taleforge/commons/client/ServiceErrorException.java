package io.taleforge.gateway.client;

/**
 * A service answered with an error status. Its body, usually a problem detail, is passed to the
 * caller unchanged with the same status. Two kinds: {@link ServiceRejectedException} (4xx, the
 * caller's fault: never retried, never counted by a circuit breaker) and
 * {@link ServiceFailedException} (5xx).
 */
public abstract class ServiceErrorException extends RuntimeException {

    private final String service;
    private final int status;
    private final String contentType;
    private final String body;

    protected ServiceErrorException(String service, int status, String contentType, String body) {
        super(service + " answered " + status);
        this.service = service;
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public String body() {
        return body;
    }
}
