package io.taleforge.gateway.client;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.taleforge.commons.client.ServiceFailedException;

/**
 * The journals of the services that keep one (story, image, approval, film), read by the
 * operations page: a timeout and one retry per read. No breaker: the page asks each service on
 * its own and shows the one that does not answer as such, beside the others' rows.
 */
@ApplicationScoped
public class JournalClient {

    /** The services with a journal, by the name their rows are shown under. */
    public static final List<String> SERVICES = List.of("story-service", "image-service", "approval-service",
            "film-service");

    private final Map<String, JournalRestClient> clients = new LinkedHashMap<>();

    public JournalClient(Config config) {
        for (String service : SERVICES) {
            URI base = URI.create(config.getValue("quarkus.rest-client." + service + ".url", String.class));
            clients.put(service, QuarkusRestClientBuilder.newBuilder().baseUri(base)
                    .connectTimeout(2, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS)
                    .build(JournalRestClient.class));
        }
    }

    /** The service's newest journal rows matching the filters (null: any). */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, retryOn = { ServiceFailedException.class, ProcessingException.class,
            TimeoutException.class })
    public List<JsonNode> operations(String service, Filters filters) {
        return client(service).operations(filters.status(), filters.operation(), filters.provider(),
                filters.model(), filters.storyId(), filters.limit());
    }

    /** One row with its stack trace. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public JsonNode operation(String service, String id) {
        return client(service).operation(id);
    }

    /** The service's latency and failure figures over [from, to) in {@code buckets} slices. */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, retryOn = { ServiceFailedException.class, ProcessingException.class,
            TimeoutException.class })
    public List<JsonNode> series(String service, String from, String to, int buckets) {
        return client(service).series(from, to, buckets);
    }

    /** The service's spend per UTC day, provider and model over [from, to). */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, retryOn = { ServiceFailedException.class, ProcessingException.class,
            TimeoutException.class })
    public List<JsonNode> spend(String service, String from, String to) {
        return client(service).spend(from, to);
    }

    /** What the journal rows are filtered by; null means any. */
    public record Filters(String status, String operation, String provider, String model, String storyId,
            int limit) {
    }

    private JournalRestClient client(String service) {
        JournalRestClient client = clients.get(service);
        if (client == null) {
            throw new IllegalArgumentException("no journal at " + service);
        }
        return client;
    }
}
