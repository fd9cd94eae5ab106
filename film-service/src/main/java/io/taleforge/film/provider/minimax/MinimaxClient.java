package io.taleforge.film.provider.minimax;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.taleforge.commons.provider.ProviderHttpException;

/**
 * MiniMax's video generation API, v1 (base: {@code quarkus.rest-client.minimax.url},
 * MINIMAX_BASE_URL, default https://api.minimax.io). Wrapped by {@link MinimaxClipProvider}.
 */
@RegisterRestClient(configKey = "minimax")
@Path("/v1")
interface MinimaxClient {

    @POST
    @Path("/video_generation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    MinimaxApi.CreateResponse create(@HeaderParam("Authorization") String authorization,
            MinimaxApi.CreateRequest request);

    @GET
    @Path("/query/video_generation")
    @Produces(MediaType.APPLICATION_JSON)
    MinimaxApi.QueryResponse query(@HeaderParam("Authorization") String authorization,
            @QueryParam("task_id") String taskId);

    @GET
    @Path("/files/retrieve")
    @Produces(MediaType.APPLICATION_JSON)
    MinimaxApi.FileResponse retrieve(@HeaderParam("Authorization") String authorization,
            @QueryParam("file_id") String fileId);

    /** Every answer ≥ 400 becomes a {@link ProviderHttpException} with its status, headers and body. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ProviderHttpException.of(response);
    }
}
