package io.taleforge.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.taleforge.commons.client.ServiceErrorException;
import io.taleforge.gateway.rest.NewStoryRequest;
import io.taleforge.gateway.rest.SceneEditRequest;

/** story-service's internal REST API (see the REST contract); wrapped by {@link StoryClient}. */
@RegisterRestClient(configKey = "story-service")
@Produces(MediaType.APPLICATION_JSON)
interface StoryRestClient {

    String OWNER = "X-Taleforge-Owner";

    @GET
    @Path("/quiz")
    JsonNode quiz();

    @POST
    @Path("/stories")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode create(@HeaderParam(OWNER) String owner, NewStoryRequest body);

    @GET
    @Path("/stories")
    JsonNode list(@HeaderParam(OWNER) String owner, @QueryParam("limit") Integer limit,
            @QueryParam("after") String after);

    @GET
    @Path("/stories/{id}")
    StoryDocument get(@HeaderParam(OWNER) String owner, @PathParam("id") String id);

    @PUT
    @Path("/stories/{id}/scenes/{n}")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode editScene(@HeaderParam(OWNER) String owner, @PathParam("id") String id, @PathParam("n") int n,
            SceneEditRequest body);

    @POST
    @Path("/stories/{id}/approve-scenes")
    JsonNode approveScenes(@HeaderParam(OWNER) String owner, @PathParam("id") String id);

    @GET
    @Path("/stories/{id}/budget")
    JsonNode budget(@HeaderParam(OWNER) String owner, @PathParam("id") String id);

    @POST
    @Path("/stories/{id}/stop-writing")
    JsonNode stopWriting(@HeaderParam(OWNER) String owner, @PathParam("id") String id);

    /** Every answer ≥ 400 as a {@link ServiceErrorException} naming story-service. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ServiceErrorException.of("story-service", response);
    }
}
