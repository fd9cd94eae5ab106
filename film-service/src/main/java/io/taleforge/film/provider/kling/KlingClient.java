package io.taleforge.film.provider.kling;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.taleforge.commons.provider.ProviderHttpException;

/**
 * Kling's image-to-video API (base: {@code quarkus.rest-client.kling.url}, KLING_BASE_URL, default
 * https://api-singapore.klingai.com). Wrapped by {@link KlingClipProvider}, which maps every answer.
 */
@RegisterRestClient(configKey = "kling")
@Path("/v1/videos/image2video")
interface KlingClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    KlingApi.Envelope create(@HeaderParam("Authorization") String authorization, KlingApi.CreateRequest request);

    @GET
    @Path("/{taskId}")
    @Produces(MediaType.APPLICATION_JSON)
    KlingApi.Envelope query(@HeaderParam("Authorization") String authorization, @PathParam("taskId") String taskId);

    /** The task created with our {@code external_task_id} (unique per account). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    KlingApi.Envelope byExternalId(@HeaderParam("Authorization") String authorization,
            @QueryParam("external_task_id") String externalTaskId);

    /** Every answer ≥ 400 becomes a {@link ProviderHttpException} with its status, headers and body. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ProviderHttpException.of(response);
    }
}
