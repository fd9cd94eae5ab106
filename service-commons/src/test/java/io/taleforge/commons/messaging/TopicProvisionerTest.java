package io.taleforge.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.taleforge.contracts.TopicSpec;
import io.taleforge.contracts.Topics;
import io.taleforge.testing.PrivateBroker;

/** The topic declarations created on a real broker of this test's own, so its topic list starts empty. */
class TopicProvisionerTest {

    private static PrivateBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = PrivateBroker.start("topic-provisioner");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void createsEveryDeclaredTopicWithItsPartitionsAndRetentionAndLeavesThemAloneTheSecondTime() throws Exception {
        TopicProvisioner provisioner = new TopicProvisioner(broker.bootstrapServers(), 1);

        TopicProvisioner.Result first = provisioner.ensure(Topics.SPECS, 15000);
        TopicProvisioner.Result second = provisioner.ensure(Topics.SPECS, 15000);

        TreeSet<String> declared = new TreeSet<>(Topics.SPECS.stream().map(TopicSpec::name).toList());
        assertEquals(declared, new TreeSet<>(first.created()));
        assertEquals(List.of(), second.created());
        assertEquals(declared, new TreeSet<>(second.existing()));
        assertEquals(List.of(), second.mismatched());
        try (Admin admin = admin()) {
            Map<String, TopicDescription> described = admin.describeTopics(declared).allTopicNames().get(15, TimeUnit.SECONDS);
            for (TopicSpec spec : Topics.SPECS) {
                assertEquals(spec.partitions(), described.get(spec.name()).partitions().size(), spec.name());
                Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, spec.name())))
                        .all().get(15, TimeUnit.SECONDS).values().iterator().next();
                assertEquals(Long.toString(spec.retention().toMillis()), config.get("retention.ms").value(), spec.name());
                assertEquals(spec.cleanupPolicy(), config.get("cleanup.policy").value(), spec.name());
            }
        }
    }

    @Test
    void reportsAnExistingTopicWhosePartitionsDifferAndDoesNotAlterIt() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("made-by-hand", Optional.of(3), Optional.empty())))
                    .all().get(15, TimeUnit.SECONDS);
            Awaitility.await("the hand-made topic is in the broker's metadata").atMost(Duration.ofSeconds(15))
                    .ignoreExceptions().until(() -> admin.describeTopics(List.of("made-by-hand")).allTopicNames()
                            .get(5, TimeUnit.SECONDS).containsKey("made-by-hand"));
        }
        TopicSpec declared = Topics.SPECS.get(0).named("made-by-hand");

        TopicProvisioner.Result result = new TopicProvisioner(broker.bootstrapServers(), 1).ensure(List.of(declared), 15000);

        assertEquals(List.of("made-by-hand has 3 partitions, declared 12"), result.mismatched());
        try (Admin admin = admin()) {
            assertEquals(3, admin.describeTopics(List.of("made-by-hand")).allTopicNames().get(15, TimeUnit.SECONDS)
                    .get("made-by-hand").partitions().size());
        }
    }

    @Test
    void aReplicationFactorAboveTheBrokerCountIsRefusedLoudly() {
        TopicSpec spec = Topics.SPECS.get(0).named("needs-three-brokers");
        Exception refused = assertThrows(Exception.class,
                () -> new TopicProvisioner(broker.bootstrapServers(), 3).ensure(List.of(spec), 15000));
        assertTrue(String.valueOf(refused.getMessage()).toLowerCase().contains("replication"), refused.toString());
        assertThrows(IllegalArgumentException.class, () -> new TopicProvisioner(broker.bootstrapServers(), 0));
    }

    @Test
    void aBrokerThatDoesNotAnswerIsATimeoutNotARefusal() {
        int nobody = PrivateBroker.freePortPair();
        assertThrows(java.util.concurrent.TimeoutException.class, () -> new TopicProvisioner("127.0.0.1:" + nobody, 1)
                .ensure(Topics.SPECS, 2000));
    }

    private static Admin admin() {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(props);
    }
}
