package io.taleforge.story.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.taleforge.commons.http.HttpFailures;
import io.taleforge.story.client.ChatModels.ChatCompletion;
import io.taleforge.story.client.ChatModels.ChatRequest;

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

    /** Every 4xx/5xx becomes an {@link HttpError} with status, headers and body, turned into a reason by {@link ChatCompletions}. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return new HttpError(response.getStatus(), response.getStringHeaders(), HttpFailures.bodyOf(response));
    }

    /** A non-2xx answer. The message holds only the status: the body may echo the key. */
    final class HttpError extends RuntimeException {

        final int status;
        final transient jakarta.ws.rs.core.MultivaluedMap<String, String> headers;
        final transient String body;

        HttpError(int status, jakarta.ws.rs.core.MultivaluedMap<String, String> headers, String body) {
            super("HTTP " + status, null, false, false);
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        String header(String name) {
            return HttpFailures.header(headers, name);
        }
    }
}
