package io.taleforge.image.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.taleforge.testing.RealInfraResource;

/** {@link RealProvidersProfile} with {@code dall-e-2}: a 1,000-character prompt limit, URL answers. */
public class DallE2Profile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(RealProvidersProfile.overrides());
        overrides.put("taleforge.image.openai.model", "dall-e-2");
        overrides.put("taleforge.image.consumer.group", "image-workers-dall-e-2-test");
        return overrides;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RealInfraResource.class), new TestResourceEntry(WireMockResource.class));
    }
}
