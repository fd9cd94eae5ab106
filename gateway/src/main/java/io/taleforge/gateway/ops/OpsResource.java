package io.taleforge.gateway.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;

import io.taleforge.gateway.client.ImageClient;
import io.taleforge.gateway.client.JournalClient;

/**
 * The data of the operations page (operator only, {@link OpsAccess}): the merged journals, one
 * row's stack trace, the latency and failure series, the rate limiter, the consumer lag.
 */
@Path("/ops/api")
@Produces(MediaType.APPLICATION_JSON)
public class OpsResource {

    private static final String SERVICE = "story-service|image-service|approval-service|film-service";
    private static final String UUID = "[0-9a-fA-F-]{36}";

    private final JournalView journals;
    private final ImageClient images;
    private final ConsumerLag lag;

    public OpsResource(JournalView journals, ImageClient images, ConsumerLag lag) {
        this.journals = journals;
        this.images = images;
        this.lag = lag;
    }

    @GET
    @Path("/operations")
    @Operation(hidden = true)
    public JournalView.Merged<JsonNode> operations(@QueryParam("service") @Pattern(regexp = SERVICE) String service,
            @QueryParam("status") @Pattern(regexp = "(?i)started|success|failed|skipped") String status,
            @QueryParam("operation") String operation, @QueryParam("provider") String provider,
            @QueryParam("model") String model, @QueryParam("storyId") @Pattern(regexp = UUID) String storyId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return journals.recent(service, new JournalClient.Filters(blankToNull(status), blankToNull(operation),
                blankToNull(provider), blankToNull(model), blankToNull(storyId), limit));
    }

    @GET
    @Path("/operations/{service}/{id}")
    @Operation(hidden = true)
    public JsonNode operation(@PathParam("service") @Pattern(regexp = SERVICE) String service,
            @PathParam("id") @Pattern(regexp = UUID) String id) {
        return journals.one(service, id);
    }

    /** The last {@code hours} in {@code buckets} slices, every service's figures per slice. */
    @GET
    @Path("/stats")
    @Operation(hidden = true)
    public JournalView.Merged<JsonNode> stats(@QueryParam("hours") @DefaultValue("6") @Min(1) @Max(168) int hours,
            @QueryParam("buckets") @DefaultValue("12") @Min(1) @Max(48) int buckets) {
        Instant to = Instant.now();
        return journals.series(to.minus(Duration.ofHours(hours)), to, buckets);
    }

    /** US dollars spent per UTC day, service, provider and model over the last {@code days}. */
    @GET
    @Path("/spend")
    @Operation(hidden = true)
    public JournalView.Merged<JsonNode> spend(@QueryParam("days") @DefaultValue("7") @Min(1) @Max(90) int days) {
        Instant to = Instant.now();
        return journals.spend(to.minus(Duration.ofDays(days)), to);
    }

    @GET
    @Path("/limiter")
    @Operation(hidden = true)
    public List<JsonNode> limiter() {
        return images.limiter();
    }

    @GET
    @Path("/lag")
    @Operation(hidden = true)
    public List<ConsumerLag.Lag> lag() {
        return lag.all();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
