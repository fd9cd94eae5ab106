package io.taleforge.image.store.cloudinary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.config.TestConfigs;
import io.taleforge.image.store.MediaStore;

class CloudinarySettingsTest {

    @Test
    void theSignatureOfCloudinarysOwnExample() {
        // printf '%s' 'public_id=sample_image&timestamp=1315060510abcd' | sha1sum (Cloudinary's docs give the same)
        Map<String, String> params = new LinkedHashMap<>();
        params.put("timestamp", "1315060510");
        params.put("public_id", "sample_image");
        params.put("api_key", "1234");
        params.put("file", "data:...");
        params.put("cloud_name", "demo");
        params.put("resource_type", "image");
        assertEquals("b4ad47fb4e25c7bf5f92a20089f9db59bc302313", CloudinarySettings.signature(params, "abcd"));
    }

    @Test
    void theSignatureOfOurUploadFields() {
        // printf '%s' 'overwrite=true&public_id=taleforge/s/scene-01-a1&timestamp=1700000000fake-test-secret-NOT-REAL' | sha1sum
        assertEquals("dffb0951db91e3c087ff8b2b7e4be76f4142ec6a", CloudinarySettings.signature(
                Map.of("public_id", "taleforge/s/scene-01-a1", "overwrite", "true", "timestamp", "1700000000"),
                "fake-test-secret-NOT-REAL"));
    }

    @Test
    void cloudinaryUrlInCloudinarysFormat() {
        ImageConfig config = TestConfigs.of(Map.of("taleforge.image.cloudinary.url",
                "cloudinary://123456789012345:fake-test-secret-NOT-REAL@my-cloud_1"));
        CloudinarySettings s = CloudinarySettings.from(config.cloudinary());
        assertEquals("my-cloud_1", s.cloudName());
        assertEquals("123456789012345", s.apiKey());
        assertEquals("fake-test-secret-NOT-REAL", s.apiSecret());
        assertTrue(s.signed());
        assertFalse(s.toString().contains("NOT-REAL"), s.toString());
        assertTrue(CloudinarySettings.problem(config.cloudinary()).isEmpty());
    }

    @Test
    void explicitSettingsWinAndAPresetAloneIsUnsigned() {
        ImageConfig config = TestConfigs.of(Map.of("taleforge.image.cloudinary.cloud-name", "demo",
                "taleforge.image.cloudinary.upload-preset", "taleforge_unsigned"));
        CloudinarySettings s = CloudinarySettings.from(config.cloudinary());
        assertFalse(s.signed());
        assertEquals("taleforge_unsigned", s.uploadPreset());
        assertTrue(CloudinarySettings.problem(config.cloudinary()).isEmpty());
    }

    @Test
    void thePublicIdNamesStorySceneAndAttempt() {
        UUID story = UUID.fromString("0b7c6f1e-3c7a-4c1e-9a51-2f3b8d1e5a77");
        assertEquals("taleforge/0b7c6f1e-3c7a-4c1e-9a51-2f3b8d1e5a77/scene-07-a2",
                CloudinaryMediaStore.publicId("taleforge", new MediaStore.Target(story, 7, 2)));
        assertEquals("0b7c6f1e-3c7a-4c1e-9a51-2f3b8d1e5a77/scene-20-a1",
                CloudinaryMediaStore.publicId("", new MediaStore.Target(story, 20, 1)));
    }
}
