package io.taleforge.story.provider.openai;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Multi;
import io.taleforge.commons.provider.ProviderHttpException;
import io.taleforge.story.provider.openai.ChatModels.ChatCompletion;
import io.taleforge.story.provider.openai.ChatModels.ChatRequest;

/**
 * The chat completions endpoint of an OpenAI-compatible API ({@code POST {baseUrl}/chat/completions}).
 * Built by {@link ChatCompletions} from {@code taleforge.story.writer.openai}, which also adds the key.
 */
@RegisterRestClient(configKey = "openai")
@Path("/chat/completions")
interface OpenAiClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    ChatCompletion complete(ChatRequest request);

    /** The same call with {@code stream: true}: each server-sent {@code data:} payload, {@code [DONE]} last. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    Multi<String> stream(ChatRequest request);

    /** Every 4xx/5xx becomes an {@link ProviderHttpException} with status, headers and body, mapped by {@link OpenAiErrors}. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ProviderHttpException.of(response);
    }
}
