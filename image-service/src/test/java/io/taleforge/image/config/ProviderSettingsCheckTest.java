package io.taleforge.image.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The service refuses to start when the selected provider or store lacks what it needs. */
class ProviderSettingsCheckTest {

    @Test
    void theDefaultsNeedNothing() {
        ImageConfig config = TestConfigs.of(Map.of());
        assertEquals(List.of(), ProviderSettingsCheck.providerProblems(config, true));
        assertEquals(List.of(), ProviderSettingsCheck.storeProblems(config));
    }

    @Test
    void openAiWithoutAKeyRefusesToStart() {
        ImageConfig config = TestConfigs.of(Map.of("taleforge.image.provider.name", "openai"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProviderSettingsCheck.require(ProviderSettingsCheck.providerProblems(config, true)));
        assertTrue(e.getMessage().contains("image provider 'openai' needs OPENAI_API_KEY"), e.getMessage());
        ImageConfig withKey = TestConfigs.of(Map.of("taleforge.image.provider.name", "openai",
                "taleforge.image.openai.api-key", "sk-test-LEAKCHECK-0123456789abcdef"));
        assertEquals(List.of(), ProviderSettingsCheck.providerProblems(withKey, true));
    }

    @Test
    void openAiWithAModelTheTableLacksRefusesToStartNamingTheTable() {
        ImageConfig config = TestConfigs.of(Map.of("taleforge.image.provider.name", "openai",
                "taleforge.image.openai.api-key", "sk-test-LEAKCHECK-0123456789abcdef",
                "taleforge.image.openai.model", "gpt-image-1"));
        String message = assertThrows(IllegalStateException.class,
                () -> ProviderSettingsCheck.require(ProviderSettingsCheck.providerProblems(config, true))).getMessage();
        assertTrue(message.startsWith("image-service cannot start: image model 'gpt-image-1' is not in the model"
                + " table (classpath image-models.json) (retired by OpenAI"), message);
        assertEquals("gpt-image-2", TestConfigs.of(Map.of()).openai().model(), "the default model");
        ImageConfig badSize = TestConfigs.of(Map.of("taleforge.image.provider.name", "openai",
                "taleforge.image.openai.api-key", "sk-test", "taleforge.image.openai.size", "1792x1024"));
        assertTrue(ProviderSettingsCheck.providerProblems(badSize, true).get(0).startsWith("size '1792x1024'"));
        ImageConfig noTable = TestConfigs.of(Map.of("taleforge.image.provider.name", "openai",
                "taleforge.image.openai.api-key", "sk-test", "taleforge.image.openai.models-file", "/nonexistent.json"));
        assertTrue(ProviderSettingsCheck.providerProblems(noTable, true).get(0)
                .startsWith("the image model table (file /nonexistent.json) cannot be read"));
        ImageConfig local = TestConfigs.of(Map.of("taleforge.image.openai.model", "gpt-image-1"));
        assertEquals(List.of(), ProviderSettingsCheck.providerProblems(local, true), "only the openai provider reads it");
    }

    @Test
    void cloudinaryWithoutAParseableUrlOrAPresetRefusesToStart() {
        ImageConfig none = TestConfigs.of(Map.of("taleforge.image.store.name", "cloudinary"));
        String message = assertThrows(IllegalStateException.class,
                () -> ProviderSettingsCheck.require(ProviderSettingsCheck.storeProblems(none))).getMessage();
        assertTrue(message.contains("media store 'cloudinary': no cloud name"), message);

        ImageConfig garbled = TestConfigs.of(Map.of("taleforge.image.store.name", "cloudinary",
                "taleforge.image.cloudinary.url", "https://fake-test-secret-NOT-REAL@api.cloudinary.com/demo"));
        message = assertThrows(IllegalStateException.class,
                () -> ProviderSettingsCheck.require(ProviderSettingsCheck.storeProblems(garbled))).getMessage();
        assertTrue(message.contains("CLOUDINARY_URL does not parse"), message);
        assertFalse(message.contains("NOT-REAL"), "the message never repeats the URL: " + message);

        ImageConfig cloudOnly = TestConfigs.of(Map.of("taleforge.image.store.name", "cloudinary",
                "taleforge.image.cloudinary.cloud-name", "demo"));
        message = ProviderSettingsCheck.storeProblems(cloudOnly).get(0);
        assertTrue(message.contains("CLOUDINARY_UPLOAD_PRESET"), message);

        ImageConfig ok = TestConfigs.of(Map.of("taleforge.image.store.name", "cloudinary",
                "taleforge.image.cloudinary.url", "cloudinary://123456789012345:abcd@demo"));
        assertEquals(List.of(), ProviderSettingsCheck.storeProblems(ok));
    }

    @Test
    void theTestOnlyDownloadFlagsAreRefusedInProduction() {
        ImageConfig config = TestConfigs.of(Map.of("taleforge.image.download.test-only-allow-loopback", "true"));
        assertTrue(ProviderSettingsCheck.providerProblems(config, true).get(0).contains("tests only"));
        assertEquals(List.of(), ProviderSettingsCheck.providerProblems(config, false));
    }
}
