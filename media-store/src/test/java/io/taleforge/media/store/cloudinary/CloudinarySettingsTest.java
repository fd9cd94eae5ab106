package io.taleforge.media.store.cloudinary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.taleforge.media.store.MediaStore;

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
        CloudinaryConfig config = config("cloudinary://123456789012345:fake-test-secret-NOT-REAL@my-cloud_1", null,
                null);
        CloudinarySettings s = CloudinarySettings.from(config);
        assertEquals("my-cloud_1", s.cloudName());
        assertEquals("123456789012345", s.apiKey());
        assertEquals("fake-test-secret-NOT-REAL", s.apiSecret());
        assertTrue(s.signed());
        assertFalse(s.toString().contains("NOT-REAL"), s.toString());
        assertTrue(CloudinarySettings.problem(config).isEmpty());
    }

    @Test
    void explicitSettingsWinAndAPresetAloneIsUnsigned() {
        CloudinaryConfig config = config(null, "demo", "taleforge_unsigned");
        CloudinarySettings s = CloudinarySettings.from(config);
        assertFalse(s.signed());
        assertEquals("taleforge_unsigned", s.uploadPreset());
        assertTrue(CloudinarySettings.problem(config).isEmpty());
    }

    @Test
    void thePublicIdNamesStorySceneAndAttempt() {
        UUID story = UUID.fromString("0b7c6f1e-3c7a-4c1e-9a51-2f3b8d1e5a77");
        assertEquals("taleforge/0b7c6f1e-3c7a-4c1e-9a51-2f3b8d1e5a77/scene-07-a2",
                CloudinaryMediaStore.publicId("taleforge", new MediaStore.Target(story, 7, 2)));
        assertEquals("0b7c6f1e-3c7a-4c1e-9a51-2f3b8d1e5a77/scene-20-a1",
                CloudinaryMediaStore.publicId("", new MediaStore.Target(story, 20, 1)));
    }

    @Test
    void aClipIsAVideoUploadWithAPublicIdOfItsOwn() {
        UUID story = UUID.fromString("0b7c6f1e-3c7a-4c1e-9a51-2f3b8d1e5a77");
        assertEquals("taleforge/0b7c6f1e-3c7a-4c1e-9a51-2f3b8d1e5a77/clip-07-a1",
                CloudinaryMediaStore.publicId("taleforge", new MediaStore.Target(story, 7, 1), "clip"));
        assertEquals("video", CloudinaryMediaStore.resourceType("video/mp4"));
        assertEquals("image", CloudinaryMediaStore.resourceType("image/png"));
    }

    @Test
    void narrationAudioAndSubtitlesHaveResourceTypesAndPublicIdsOfTheirOwn() {
        assertEquals("video", CloudinaryMediaStore.resourceType("audio/wav"));
        assertEquals("narration", CloudinaryMediaStore.kind("audio/mpeg"));
        assertEquals("raw", CloudinaryMediaStore.resourceType("text/vtt"));
        assertEquals("subtitles-vtt", CloudinaryMediaStore.kind("text/vtt"));
        assertEquals("subtitles-srt", CloudinaryMediaStore.kind("application/x-subrip"));
        assertEquals("clip", CloudinaryMediaStore.kind("video/mp4"));
        assertEquals("scene", CloudinaryMediaStore.kind("image/png"));
    }

    static CloudinaryConfig config(String url, String cloudName, String preset) {
        return new CloudinaryConfig() {
            @Override
            public Optional<String> url() {
                return Optional.ofNullable(url);
            }

            @Override
            public Optional<String> cloudName() {
                return Optional.ofNullable(cloudName);
            }

            @Override
            public Optional<String> apiKey() {
                return Optional.empty();
            }

            @Override
            public Optional<String> apiSecret() {
                return Optional.empty();
            }

            @Override
            public Optional<String> uploadPreset() {
                return Optional.ofNullable(preset);
            }

            @Override
            public String folder() {
                return "taleforge";
            }
        };
    }
}
