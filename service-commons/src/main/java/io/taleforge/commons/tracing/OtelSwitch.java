package io.taleforge.commons.tracing;

import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns OpenTelemetry on only where traces have somewhere to go: {@code quarkus.otel.sdk.disabled}
 * is true unless {@code TALEFORGE_OTEL_ENDPOINT} or the standard
 * {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT} is set, so a service without a collector runs the
 * no-op API at no cost. {@code TALEFORGE_OTEL_ENDPOINT} also becomes the OTLP endpoint. A low
 * ordinal (below {@code application.properties}), so a test profile can still switch the SDK on.
 */
public class OtelSwitch implements ConfigSource {

    static final String ENDPOINT = "TALEFORGE_OTEL_ENDPOINT";
    static final String STANDARD_ENDPOINT = "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT";
    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String OTLP_ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";

    private final Map<String, String> values;

    public OtelSwitch() {
        this(System::getenv);
    }

    OtelSwitch(UnaryOperator<String> environment) {
        String endpoint = blankToNull(environment.apply(ENDPOINT));
        boolean enabled = endpoint != null || blankToNull(environment.apply(STANDARD_ENDPOINT)) != null;
        values = endpoint == null ? Map.of(SDK_DISABLED, String.valueOf(!enabled))
                : Map.of(SDK_DISABLED, "false", OTLP_ENDPOINT, endpoint);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "taleforge-otel-switch";
    }

    @Override
    public int getOrdinal() {
        return 110;
    }
}
