package io.taleforge.film.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.taleforge.commons.client.ServiceRejectedException;
import io.taleforge.commons.rest.Problem;
import io.taleforge.film.service.FilmProblems;

/**
 * The ledger's refusal of a film answered as story-service gave it: its status (402) and its
 * problem+json (the limit, {@code estimateUsd}, {@code leftUsd}), so the gateway passes it on unchanged.
 */
public class FilmBudgetMapper {

    @ServerExceptionMapper
    public Response refused(FilmProblems.BudgetRefused e) {
        ServiceRejectedException answer = e.answer();
        return Response.status(answer.status()).type(answer.contentType() == null ? Problem.MEDIA_TYPE
                : answer.contentType()).entity(answer.body()).build();
    }
}
