package io.taleforge.commons.client;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.taleforge.commons.http.HttpFailures;

/**
 * One of our own services answered an internal REST call with an error status. Its body, usually a
 * problem detail, is kept so that a caller (the gateway) can pass it on unchanged with the same
 * status. Two kinds: {@link ServiceRejectedException} (4xx, the caller's fault: never retried,
 * never counted by a circuit breaker) and {@link ServiceFailedException} (5xx). A REST client
 * interface turns its error answers into one with {@link #of} in its {@code @ClientExceptionMapper}.
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

    /** The error answer of {@code service}: failed on 5xx, rejected otherwise, with its content type and body. */
    public static ServiceErrorException of(String service, Response response) {
        String body = response.hasEntity() ? HttpFailures.bodyOf(response) : null;
        String type = response.getHeaderString(HttpHeaders.CONTENT_TYPE);
        int status = response.getStatus();
        return status >= 500 ? new ServiceFailedException(service, status, type, body)
                : new ServiceRejectedException(service, status, type, body);
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
