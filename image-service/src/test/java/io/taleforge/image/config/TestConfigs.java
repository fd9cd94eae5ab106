package io.taleforge.image.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** An {@link ImageConfig} from a few properties and the defaults, for plain unit tests. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static ImageConfig of(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ImageConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // "30s", as Quarkus reads it
                .withSources(new PropertiesConfigSource(all, "test", 500))
                .build();
        return config.getConfigMapping(ImageConfig.class);
    }
}
