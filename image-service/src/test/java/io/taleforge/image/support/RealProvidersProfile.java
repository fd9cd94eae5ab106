package io.taleforge.image.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.taleforge.testing.RealInfraResource;

/**
 * The real providers against WireMock: OpenAI (the default model) and Cloudinary (signed, from a
 * CLOUDINARY_URL), with distinctive key and secret that the leak test looks for. The download
 * guard's two test-only flags are on here only, for WireMock's https on 127.0.0.1.
 */
public class RealProvidersProfile implements QuarkusTestProfile {

    public static final String OPENAI_KEY = "sk-test-LEAKCHECK-0123456789abcdef";
    public static final String CLOUDINARY_KEY = "123456789012345";
    public static final String CLOUDINARY_SECRET = "fake-test-secret-NOT-REAL"; // fake, distinctive: the leak checks grep for it
    public static final String CLOUD = "taleforge-test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return overrides();
    }

    /** {@code test-rates.json} copied out of the classpath: the rate table takes a file. */
    static String testRates() {
        try (var in = RealProvidersProfile.class.getClassLoader().getResourceAsStream("test-rates.json")) {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("test-rates", ".json");
            java.nio.file.Files.write(file, in.readAllBytes());
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The settings of this profile (another profile may add to them). */
    public static Map<String, String> overrides() {
        return Map.ofEntries(
                Map.entry("taleforge.image.provider.name", "openai"),
                Map.entry("taleforge.image.store.name", "cloudinary"),
                Map.entry("taleforge.image.openai.api-key", OPENAI_KEY),
                // no model: the default (gpt-image-2) is what a new user gets
                // 429s without a wait: 200, 400, 800, 800 ms … pauses; an image gives up after 12 s of them
                Map.entry("taleforge.image.limiter.pause", "200ms"),
                Map.entry("taleforge.image.limiter.pause-max", "800ms"),
                Map.entry("taleforge.image.limiter.outage-limit", "12s"),
                Map.entry("taleforge.image.cloudinary.url",
                        "cloudinary://" + CLOUDINARY_KEY + ":" + CLOUDINARY_SECRET + "@" + CLOUD),
                Map.entry("taleforge.image.download.hosts", "127.0.0.1"),
                Map.entry("taleforge.image.download.test-only-allow-loopback", "true"),
                Map.entry("taleforge.image.download.test-only-trust-all-certificates", "true"),
                // no test here waits for a slow download (ImageDownloaderTest does): room for a cold, loaded machine
                Map.entry("taleforge.image.download.timeout", "10s"),
                // a call that hangs longer than this is a transient failure (retried); 3 s is below the
                // stub that hangs 4 s and above a cold first call on a loaded machine (1.5 s was not)
                Map.entry("quarkus.rest-client.openai.read-timeout", "3000"),
                Map.entry("taleforge.image.provider.key-rejected-hold", "3s"),
                // the tests fail on purpose often enough to open the breaker of a real window
                Map.entry("taleforge.image.provider.breaker-volume", "1000"),
                Map.entry("taleforge.image.consumer.group", "image-workers-real-providers-test"),
                // gpt-image-2 priced by tokens and by 1024x1024 images only (a 1536x1024 scene has no price)
                Map.entry("taleforge.rates.file", testRates()));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RealInfraResource.class), new TestResourceEntry(WireMockResource.class));
    }
}
