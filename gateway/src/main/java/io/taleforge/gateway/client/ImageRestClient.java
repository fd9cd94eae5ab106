package io.taleforge.gateway.client;

import java.util.List;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.taleforge.commons.client.ServiceErrorException;

/** image-service's internal REST API; wrapped by {@link ImageClient}. */
@RegisterRestClient(configKey = "image-service")
interface ImageRestClient {

    @GET
    @Path("/images/{storyId}")
    List<ImageJob> images(@PathParam("storyId") String storyId);

    @GET
    @Path("/media/{key}")
    Response media(@PathParam("key") @Encoded String key);

    @GET
    @Path("/limiter")
    List<JsonNode> limiter();

    /** Every answer ≥ 400 as a {@link ServiceErrorException} naming image-service. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ServiceErrorException.of("image-service", response);
    }
}
