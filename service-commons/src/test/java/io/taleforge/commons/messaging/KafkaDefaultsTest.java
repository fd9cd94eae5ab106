package io.taleforge.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The shared Kafka defaults every service reads from service-commons (META-INF/microprofile-config.properties). */
class KafkaDefaultsTest {

    /**
     * 1 s (SmallRye's default) made each consumer's clean stop take about 3 s, one after the other,
     * and held each partition's first record after an assignment up to that long.
     */
    @Test
    void consumersPollAtMostATenthOfASecondSoAStopAndAFirstRecordAreQuick() {
        assertEquals(100, connector("poll-timeout"));
    }

    /**
     * Kafka's 45 s default kept a killed approval-service's partitions from its restart for 37 s;
     * approval-service's RestartIT holds the restarted instance to that.
     */
    @Test
    void aMemberWithoutHeartbeatIsDroppedAfterTenSeconds() {
        assertEquals(10000, connector("session.timeout.ms"));
        assertEquals(3000, connector("heartbeat.interval.ms"));
    }

    private static int connector(String attribute) {
        return ConfigProvider.getConfig().getValue("mp.messaging.connector.smallrye-kafka." + attribute, Integer.class);
    }
}
