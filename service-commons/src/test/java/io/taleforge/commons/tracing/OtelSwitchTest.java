package io.taleforge.commons.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OtelSwitchTest {

    @Test
    void theSdkIsOffWithoutAnEndpoint() {
        OtelSwitch off = new OtelSwitch(Map.of(OtelSwitch.ENDPOINT, " ")::get);

        assertEquals("true", off.getValue(OtelSwitch.SDK_DISABLED));
        assertNull(off.getValue(OtelSwitch.OTLP_ENDPOINT), "Quarkus's own default endpoint stays");
    }

    @Test
    void theTaleforgeEndpointSwitchesItOnAndIsTheOtlpEndpoint() {
        OtelSwitch on = new OtelSwitch(Map.of(OtelSwitch.ENDPOINT, "http://otel-collector:4317")::get);

        assertEquals("false", on.getValue(OtelSwitch.SDK_DISABLED));
        assertEquals("http://otel-collector:4317", on.getValue(OtelSwitch.OTLP_ENDPOINT));
    }

    @Test
    void theStandardQuarkusEndpointSwitchesItOnToo() {
        OtelSwitch on = new OtelSwitch(Map.of(OtelSwitch.STANDARD_ENDPOINT, "http://collector:4317")::get);

        assertEquals("false", on.getValue(OtelSwitch.SDK_DISABLED));
        assertNull(on.getValue(OtelSwitch.OTLP_ENDPOINT), "Quarkus reads its own variable itself");
    }
}
