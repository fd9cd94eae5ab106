package io.taleforge.commons.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.quarkus.logging.Log;

/** Turns every error that reaches a client into an RFC 7807 problem detail. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response response = respond(e.problem());
        return e.retryAfter() == null ? response
                : Response.fromResponse(response).header("Retry-After", Long.toString(e.retryAfter().toSeconds())).build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(field(v.getPropertyPath().toString()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return respond(ProblemException.invalid(errors).problem());
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

    /** The problem+json answer for {@code problem} (for a service's own mapper of its own exceptions). */
    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The HTTP reason phrase of {@code status} ("Error" for one without). */
    public static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    /** {@code create.arg0.answers} → {@code answers}: drop the method and parameter names. */
    static String field(String path) {
        String[] parts = path.split("\\.");
        if (parts.length >= 3 && parts[1].startsWith("arg")) {
            return String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
        }
        if (parts.length == 2) {
            return parts[1];
        }
        return path;
    }
}
