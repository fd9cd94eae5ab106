package io.taleforge.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.taleforge.commons.client.ServiceErrorException;
import io.taleforge.gateway.rest.DecisionRequest;

/** approval-service's internal REST API; wrapped by {@link ApprovalClient}. */
@RegisterRestClient(configKey = "approval-service")
@Produces(MediaType.APPLICATION_JSON)
interface ApprovalRestClient {

    @GET
    @Path("/approvals/{storyId}")
    ApprovalDocument approvals(@PathParam("storyId") String storyId);

    @GET
    @Path("/approvals/{storyId}/history")
    ApprovalHistory history(@PathParam("storyId") String storyId);

    @POST
    @Path("/approvals/{storyId}/{n}")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode decide(@PathParam("storyId") String storyId, @PathParam("n") int n, DecisionRequest body);

    @POST
    @Path("/approvals/{storyId}/{n}/retry")
    JsonNode retry(@PathParam("storyId") String storyId, @PathParam("n") int n);

    @POST
    @Path("/approvals/{storyId}/approve-all")
    JsonNode approveAll(@PathParam("storyId") String storyId);

    @POST
    @Path("/approvals/{storyId}/retry-failed")
    JsonNode retryFailed(@PathParam("storyId") String storyId);

    /** Every answer ≥ 400 as a {@link ServiceErrorException} naming approval-service. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ServiceErrorException.of("approval-service", response);
    }
}
