package io.taleforge.commons.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import io.taleforge.contracts.TopicSpec;
import io.taleforge.contracts.Topics;

/**
 * Creates the declared topics ({@link Topics#SPECS}) that are missing, with the deployment's
 * replication factor, and reports the existing ones whose partitions differ from the
 * declaration. Existing topics are never altered: adding partitions moves keys between them,
 * which an operator decides. Every service runs this at start, so the start order does not
 * matter and no broker needs {@code auto.create.topics.enable}.
 */
public final class TopicProvisioner {

    /** What a run found and did. */
    public record Result(List<String> created, List<String> existing, List<String> mismatched) {
    }

    private static final System.Logger LOG = System.getLogger(TopicProvisioner.class.getName());

    private final String bootstrapServers;
    private final short replicationFactor;

    public TopicProvisioner(String bootstrapServers, int replicationFactor) {
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replication factor must be at least 1, was " + replicationFactor);
        }
        this.bootstrapServers = bootstrapServers;
        this.replicationFactor = (short) replicationFactor;
    }

    /**
     * Ensures every topic of {@code specs} exists.
     *
     * @throws TimeoutException when the broker does not answer within {@code timeoutMs}
     * @throws Exception when the broker refuses (for example a replication factor above its
     *                   broker count); the caller decides whether either is fatal
     */
    public Result ensure(List<TopicSpec> specs, long timeoutMs) throws Exception {
        try (Admin admin = Admin.create(adminProperties(timeoutMs))) {
            Set<String> names = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            List<String> existing = new ArrayList<>();
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec spec : specs) {
                if (names.contains(spec.name())) {
                    existing.add(spec.name());
                } else {
                    missing.add(new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.of(replicationFactor))
                            .configs(configs(spec)));
                }
            }
            List<String> created = create(admin, missing, existing, timeoutMs);
            List<String> mismatched = existing.isEmpty() ? List.of() : mismatched(admin, specs, existing, timeoutMs);
            return new Result(List.copyOf(created), List.copyOf(existing), List.copyOf(mismatched));
        } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            throw unreachable(timeoutMs);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(timeoutMs);
            }
            throw e;
        }
    }

    private Map<String, Object> adminProperties(long timeoutMs) {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "taleforge-topic-provisioner");
        return props;
    }

    /** Creates {@code missing}; one that another instance created at the same moment joins {@code existing}. */
    private static List<String> create(Admin admin, List<NewTopic> missing, List<String> existing, long timeoutMs)
            throws Exception {
        List<String> created = new ArrayList<>();
        if (missing.isEmpty()) {
            return created;
        }
        for (var entry : admin.createTopics(missing).values().entrySet()) {
            try {
                entry.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e; // another instance creating it at the same moment is fine
                }
                existing.add(entry.getKey());
            }
        }
        return created;
    }

    /** The existing topics whose partition count differs from their declaration, each with both counts. */
    private static List<String> mismatched(Admin admin, List<TopicSpec> specs, List<String> existing, long timeoutMs)
            throws Exception {
        List<String> mismatched = new ArrayList<>();
        var described = admin.describeTopics(existing).topicNameValues();
        for (TopicSpec spec : specs) {
            var future = described.get(spec.name());
            if (future == null) {
                continue;
            }
            try {
                TopicDescription d = future.get(timeoutMs, TimeUnit.MILLISECONDS);
                if (d.partitions().size() != spec.partitions()) {
                    mismatched.add(spec.name() + " has " + d.partitions().size() + " partitions, declared "
                            + spec.partitions());
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                // created by another instance a moment ago and not yet in this broker's metadata
            }
        }
        return mismatched;
    }

    /**
     * What a service does at start: creates the missing topics and logs one line for what it
     * created and one per topic that differs from its declaration. A broker that does not answer
     * is logged and tolerated (the service's outbox and consumers wait for it); a broker that
     * refuses the declarations (a replication factor above its broker count, no permission)
     * throws, so the start fails with the reason instead of nothing flowing later.
     */
    public void ensureAtStart(List<TopicSpec> specs, long timeoutMs) {
        try {
            Result result = ensure(specs, timeoutMs);
            if (!result.created().isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "topics created replication=" + replicationFactor + " topics="
                        + result.created());
            }
            result.mismatched().forEach(m -> LOG.log(System.Logger.Level.WARNING,
                    "topic differs from its declaration: " + m));
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "topics not checked: " + e.getMessage()
                    + "; the service starts and its channels wait for the broker");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("the Kafka broker at " + bootstrapServers + " refused the topic"
                    + " declarations (replication factor " + replicationFactor
                    + ", TALEFORGE_KAFKA_REPLICATION_FACTOR): " + cause.getMessage(), e);
        }
    }

    private TimeoutException unreachable(long timeoutMs) {
        return new TimeoutException("the Kafka broker at " + bootstrapServers + " did not answer within "
                + timeoutMs + " ms");
    }

    private Map<String, String> configs(TopicSpec spec) {
        Map<String, String> configs = new HashMap<>(spec.configs());
        if (replicationFactor > 1) {
            // with replicas, an acknowledged write survives the loss of one broker
            configs.put("min.insync.replicas", Integer.toString(Math.min(2, replicationFactor)));
        }
        return configs;
    }
}
