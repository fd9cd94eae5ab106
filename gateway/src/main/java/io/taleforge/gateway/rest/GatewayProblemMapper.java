package io.taleforge.gateway.rest;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;
import io.taleforge.commons.client.ServiceErrorException;
import io.taleforge.commons.rest.Problem;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.commons.rest.ProblemMappers;

/**
 * The gateway's own mappings on top of service-commons' {@link ProblemMappers}: a service's
 * problem passes through unchanged (its status and fields); a service that does not answer is a
 * 503 naming it, with {@code Retry-After}.
 */
public class GatewayProblemMapper {

    /** How long a client should wait before retrying after a 503 (the breakers' delay). */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @ServerExceptionMapper
    public Response service(ServiceErrorException e) {
        Log.infof("%s answered %d", e.service(), e.status());
        String type = e.contentType();
        if (e.body() != null && !e.body().isBlank() && type != null && type.contains("json")) {
            Response.ResponseBuilder response = Response.status(e.status())
                    .type(type.startsWith("application/json") ? Problem.MEDIA_TYPE : type).entity(e.body());
            if (e.status() == 503) {
                response.header("Retry-After", Long.toString(RETRY_AFTER.toSeconds()));
            }
            return response.build();
        }
        return ProblemMappers.respond(Problem.of(e.status(), "http-" + e.status(), ProblemMappers.reason(e.status()),
                e.service() + " answered " + e.status(), List.of()));
    }

    @ServerExceptionMapper({ ProcessingException.class, CircuitBreakerOpenException.class, TimeoutException.class })
    public Response unavailable(Exception e) {
        Log.warnf("a service is unavailable: %s", e.toString());
        ProblemException problem = ProblemException.unavailable(serviceOf(e), RETRY_AFTER);
        return Response.fromResponse(ProblemMappers.respond(problem.problem()))
                .header("Retry-After", Long.toString(RETRY_AFTER.toSeconds())).build();
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
