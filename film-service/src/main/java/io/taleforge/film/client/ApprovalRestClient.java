package io.taleforge.film.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.taleforge.commons.client.ServiceErrorException;

/** approval-service's internal REST API; wrapped by {@link ApprovalClient}. */
@RegisterRestClient(configKey = "approval-service")
@Produces(MediaType.APPLICATION_JSON)
interface ApprovalRestClient {

    @GET
    @Path("/approvals/{storyId}")
    ApprovalDocument approvals(@PathParam("storyId") String storyId);

    /** Every answer ≥ 400 as a {@link ServiceErrorException} naming approval-service. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ServiceErrorException.of("approval-service", response);
    }
}
