package io.taleforge.gateway.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The journal every database service serves (service-data's {@code JournalResource}); one
 * instance per service, built by {@link JournalClient} on that service's base URL.
 */
interface JournalRestClient {

    @GET
    @Path("/operations")
    List<JsonNode> operations(@QueryParam("status") String status, @QueryParam("operation") String operation,
            @QueryParam("provider") String provider, @QueryParam("model") String model,
            @QueryParam("storyId") String storyId, @QueryParam("limit") int limit);

    @GET
    @Path("/operations/{id}")
    JsonNode operation(@PathParam("id") String id);

    @GET
    @Path("/operations/spend")
    List<JsonNode> spend(@QueryParam("from") String from, @QueryParam("to") String to);

    @GET
    @Path("/operations/stats/series")
    List<JsonNode> series(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("buckets") int buckets);
}
