package io.taleforge.approval.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.taleforge.approval.service.DecisionConflict;
import io.taleforge.approval.service.NotFound;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.commons.rest.ProblemMappers;

/** approval-service's domain exceptions as problem+json; everything else is service-commons' {@link ProblemMappers}. */
public class ApprovalProblemMapper {

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return ProblemMappers.respond(ProblemException.notFound(e.what()).problem());
    }

    @ServerExceptionMapper
    public Response conflict(DecisionConflict e) {
        return ProblemMappers.respond(ProblemException.conflict(e.slug(), e.getMessage()).problem());
    }
}
