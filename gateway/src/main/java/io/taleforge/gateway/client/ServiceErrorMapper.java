package io.taleforge.gateway.client;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns a service's error answer into an exception that keeps its status and body. */
public abstract class ServiceErrorMapper implements ResponseExceptionMapper<ServiceErrorException> {

    private final String service;

    protected ServiceErrorMapper(String service) {
        this.service = service;
    }

    @Override
    public ServiceErrorException toThrowable(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : null;
        String type = response.getHeaderString(HttpHeaders.CONTENT_TYPE);
        int status = response.getStatus();
        return status >= 500 ? new ServiceFailedException(service, status, type, body)
                : new ServiceRejectedException(service, status, type, body);
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    /** One mapper per service so the exception says which service answered. */
    public static final class Story extends ServiceErrorMapper {
        public Story() {
            super("story-service");
        }
    }

    public static final class Image extends ServiceErrorMapper {
        public Image() {
            super("image-service");
        }
    }

    public static final class Approval extends ServiceErrorMapper {
        public Approval() {
            super("approval-service");
        }
    }

    public static final class Film extends ServiceErrorMapper {
        public Film() {
            super("film-service");
        }
    }
}
