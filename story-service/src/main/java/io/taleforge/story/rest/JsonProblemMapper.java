package io.taleforge.story.rest;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.taleforge.commons.rest.ProblemMappers;

/**
 * Unreadable JSON as problem+json naming the field: quarkus-rest-jackson maps these exceptions itself
 * (more specifically than service-commons' {@code JsonProcessingException} mapper), so they are
 * routed back to the shared mapping here.
 */
public class JsonProblemMapper {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return problems.unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unparseable(JsonParseException e) {
        return problems.unreadableJson(e);
    }

    /** A body that is not JSON at all reaches us as a 400 wrapping the parser's error. */
    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public Response badRequest(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return problems.unreadableJson(json);
            }
        }
        return problems.webApplication(e);
    }
}
