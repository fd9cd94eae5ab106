package io.taleforge.film.voice.openai;

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
 * OpenAI's speech endpoint (base: {@code quarkus.rest-client.openai-speech.url}, OPENAI_BASE_URL,
 * default https://api.openai.com/v1). The answer is raw audio; wrapped by {@link OpenAiSpeechVoice}.
 */
@RegisterRestClient(configKey = "openai-speech")
@Path("/audio/speech")
interface OpenAiSpeechClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    Response speech(@HeaderParam("Authorization") String authorization, OpenAiSpeechApi.Speech request);

    /** Every answer ≥ 400 becomes an {@link ProviderHttpException} with its status, headers and body. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ProviderHttpException.of(response);
    }
}
