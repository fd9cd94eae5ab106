package io.taleforge.gateway.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.taleforge.gateway.client.JournalClient;

/**
 * The journals of every service merged for the operations page: the newest rows first, each
 * with the service it came from and without its stack trace (asked for on demand), and the
 * services that did not answer named beside them.
 */
@ApplicationScoped
public class JournalView {

    private final JournalClient journals;

    public JournalView(JournalClient journals) {
        this.journals = journals;
    }

    /** Rows of every service (or of {@code service} alone), newest first, at most {@code filters.limit()}. */
    public Merged<JsonNode> recent(String service, JournalClient.Filters filters) {
        List<JsonNode> rows = new ArrayList<>();
        Map<String, String> down = new TreeMap<>();
        for (String name : services(service)) {
            try {
                for (JsonNode row : journals.operations(name, filters)) {
                    ObjectNode copy = ((ObjectNode) row).deepCopy();
                    copy.put("service", name);
                    copy.put("hasTrace", row.hasNonNull("errorTrace"));
                    copy.remove("errorTrace");
                    rows.add(copy);
                }
            } catch (RuntimeException e) {
                down.put(name, unanswered(name, e));
            }
        }
        rows.sort(Comparator.comparing((JsonNode row) -> Instant.parse(row.path("createdAt").asText())).reversed());
        return new Merged<>(rows.subList(0, Math.min(rows.size(), filters.limit())), down);
    }

    /** One row of {@code service} with its stack trace. */
    public JsonNode one(String service, String id) {
        return ((ObjectNode) journals.operation(service, id).deepCopy()).put("service", service);
    }

    /** Every service's series over [from, to): each bucket's figures, the service named in each. */
    public Merged<JsonNode> series(Instant from, Instant to, int buckets) {
        return everyService(name -> {
            List<JsonNode> figures = new ArrayList<>();
            for (JsonNode bucket : journals.series(name, from.toString(), to.toString(), buckets)) {
                for (JsonNode stat : bucket.path("stats")) {
                    figures.add(((ObjectNode) stat.deepCopy()).put("service", name)
                            .put("from", bucket.path("from").asText()));
                }
            }
            return figures;
        });
    }

    /** Every service's spend over [from, to) per UTC day, provider and model, the service named in each. */
    public Merged<JsonNode> spend(Instant from, Instant to) {
        return everyService(name -> journals.spend(name, from.toString(), to.toString()).stream()
                .map(row -> (JsonNode) ((ObjectNode) row.deepCopy()).put("service", name)).toList());
    }

    /** What {@code read} gives for each service, and why the services that did not answer did not. */
    private static Merged<JsonNode> everyService(Function<String, List<JsonNode>> read) {
        List<JsonNode> items = new ArrayList<>();
        Map<String, String> down = new TreeMap<>();
        for (String name : JournalClient.SERVICES) {
            try {
                items.addAll(read.apply(name));
            } catch (RuntimeException e) {
                down.put(name, unanswered(name, e));
            }
        }
        return new Merged<>(items, down);
    }

    /** What the services answered, and why the others did not. */
    public record Merged<T>(List<T> items, Map<String, String> unanswered) {
    }

    private static List<String> services(String service) {
        return service == null || service.isBlank() ? JournalClient.SERVICES : List.of(service);
    }

    /** Why a service gave no rows, in words for the page (never an exception's class or trace). */
    private static String unanswered(String service, RuntimeException e) {
        Log.warnf("operations page: %s did not answer: %s", service, e.toString());
        if (e instanceof WebApplicationException answer) {
            return "answered HTTP " + answer.getResponse().getStatus();
        }
        return e instanceof TimeoutException ? "no answer in time" : "not reachable";
    }
}
