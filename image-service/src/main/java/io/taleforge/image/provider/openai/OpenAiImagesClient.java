package io.taleforge.image.provider.openai;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.taleforge.commons.provider.ProviderHttpException;

/**
 * {@code POST {base}/images/generations} of the OpenAI API (base: {@code quarkus.rest-client.openai.url},
 * OPENAI_BASE_URL). Wrapped by {@link OpenAiImageProvider}, which maps every answer to the provider port.
 */
@RegisterRestClient(configKey = "openai")
@Path("/images/generations")
interface OpenAiImagesClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    OpenAiApi.ImagesResponse generate(@HeaderParam("Authorization") String authorization,
            OpenAiApi.ImagesRequest request);

    /** Every answer ≥ 400 becomes an {@link ProviderHttpException} with its status, headers and body. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ProviderHttpException.of(response);
    }
}
