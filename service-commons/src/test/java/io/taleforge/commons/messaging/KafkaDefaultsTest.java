package io.taleforge.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The shared Kafka defaults every service reads from service-commons (META-INF/microprofile-config.properties). */
class KafkaDefaultsTest {

    /** 1 s (SmallRye's default) made each consumer's clean stop take about 3 s, one after the other. */
    @Test
    void consumersPollAtMostAQuarterSecondSoAStopIsQuick() {
        assertEquals(250, ConfigProvider.getConfig()
                .getValue("mp.messaging.connector.smallrye-kafka.poll-timeout", Integer.class));
    }
}
