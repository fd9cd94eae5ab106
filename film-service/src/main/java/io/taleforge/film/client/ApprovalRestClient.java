package io.taleforge.film.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** approval-service's internal REST API; wrapped by {@link ApprovalClient}. */
@RegisterRestClient(configKey = "approval-service")
@RegisterProvider(ServiceErrorMapper.class)
@Produces(MediaType.APPLICATION_JSON)
interface ApprovalRestClient {

    @GET
    @Path("/approvals/{storyId}")
    ApprovalDocument approvals(@PathParam("storyId") String storyId);
}
