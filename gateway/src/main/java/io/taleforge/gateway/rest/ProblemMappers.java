package io.taleforge.gateway.rest;

import java.util.List;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.quarkus.logging.Log;
import io.taleforge.gateway.client.ServiceErrorException;

/**
 * Every error that reaches a client is an RFC 7807 problem detail. A service's own problem passes
 * through unchanged (its status and fields); a service that does not answer is a 503.
 */
public class ProblemMappers {

    /** Seconds a client should wait before retrying after a 503 (the breakers' delay). */
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response response = respond(e.problem());
        return e.problem().status() == 503
                ? Response.fromResponse(response).header("Retry-After", RETRY_AFTER_SECONDS).build()
                : response;
    }

    @ServerExceptionMapper
    public Response service(ServiceErrorException e) {
        Log.infof("%s answered %d", e.service(), e.status());
        String type = e.contentType();
        if (e.body() != null && !e.body().isBlank() && type != null && type.contains("json")) {
            Response.ResponseBuilder response = Response.status(e.status())
                    .type(type.startsWith("application/json") ? Problem.MEDIA_TYPE : type).entity(e.body());
            if (e.status() == 503) {
                response.header("Retry-After", RETRY_AFTER_SECONDS);
            }
            return response.build();
        }
        return respond(Problem.of(e.status(), "http-" + e.status(), reason(e.status()),
                e.service() + " answered " + e.status(), List.of()));
    }

    @ServerExceptionMapper({ ProcessingException.class, CircuitBreakerOpenException.class, TimeoutException.class })
    public Response unavailable(Exception e) {
        Log.warnf("a service is unavailable: %s", e.toString());
        Response response = respond(ProblemException.unavailable(serviceOf(e)).problem());
        return Response.fromResponse(response).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String field = "body";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            field = path.toString();
        }
        return respond(ProblemException.badRequest(field, "is not readable JSON of the expected shape").problem());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        return respond(Problem.of(status, "http-" + status, reason(status), null, List.of()));
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(RuntimeException e) {
        Log.errorf(e, "unexpected error answered as 500");
        return respond(Problem.of(500, "internal-error", "Something went wrong on our side",
                "the error was logged; try again", List.of()));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    /** Which service, from the FT method name or the client's message; "a service" otherwise. */
    private static String serviceOf(Exception e) {
        String text = String.valueOf(e.getMessage());
        for (String service : List.of("story-service", "image-service", "approval-service")) {
            if (text.contains(service)) {
                return service;
            }
        }
        for (String prefix : List.of("Story", "Image", "Approval")) {
            if (text.contains(prefix + "Client")) {
                return prefix.toLowerCase() + "-service";
            }
        }
        return "a service";
    }
}
