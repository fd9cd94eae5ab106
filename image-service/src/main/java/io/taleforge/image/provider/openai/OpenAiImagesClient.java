package io.taleforge.image.provider.openai;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.taleforge.commons.provider.ProviderHttpException;

/**
 * {@code POST {base}/images/generations} and {@code POST {base}/images/edits} of the OpenAI API
 * (base: {@code quarkus.rest-client.openai.url}, OPENAI_BASE_URL). Wrapped by
 * {@link OpenAiImageProvider}, which maps every answer to the provider port; answers come with
 * their headers, whose {@code x-ratelimit-*} budgets the rate limiter adopts.
 */
@RegisterRestClient(configKey = "openai")
@Path("/images")
interface OpenAiImagesClient {

    @POST
    @Path("/generations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    RestResponse<OpenAiApi.ImagesResponse> generate(@HeaderParam("Authorization") String authorization,
            OpenAiApi.ImagesRequest request);

    /** An image drawn from reference images ({@code image[]} parts) and the prompt, as multipart/form-data. */
    @POST
    @Path("/edits")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    RestResponse<OpenAiApi.ImagesResponse> edit(@HeaderParam("Authorization") String authorization, ClientMultipartForm form);

    /** Every answer ≥ 400 becomes an {@link ProviderHttpException} with its status, headers and body. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ProviderHttpException.of(response);
    }
}
