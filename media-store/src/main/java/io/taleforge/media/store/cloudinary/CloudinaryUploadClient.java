package io.taleforge.media.store.cloudinary;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.taleforge.commons.http.HttpFailures;
import io.taleforge.commons.http.RateLimitHeaders;

/**
 * Cloudinary's upload API, {@code POST {base}/v1_1/{cloud}/{image|video}/upload} as multipart/form-data
 * (base: {@code quarkus.rest-client.cloudinary.url}, default https://api.cloudinary.com).
 * Wrapped by {@link CloudinaryMediaStore}.
 */
@RegisterRestClient(configKey = "cloudinary")
@Path("/v1_1/{cloud}/{resourceType}/upload")
interface CloudinaryUploadClient {

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    CloudinaryApi.UploadResponse upload(@PathParam("cloud") String cloud,
            @PathParam("resourceType") String resourceType, ClientMultipartForm form);

    /** Every answer ≥ 400 becomes a {@link CloudinaryHttpException} with its status, body and Retry-After. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return new CloudinaryHttpException(response.getStatus(), HttpFailures.bodyOf(response),
                RateLimitHeaders.retryAfterValue(response.getHeaderString("Retry-After")));
    }
}
