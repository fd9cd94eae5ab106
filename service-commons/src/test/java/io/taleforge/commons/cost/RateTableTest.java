package io.taleforge.commons.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The price table: its arithmetic to the micro-dollar, the free embedded providers, refusals, a user's table. */
class RateTableTest {

    final RateTable table = RateTable.load(Optional.empty());

    @Test
    void imagesAndTokensFollowTheTablesArithmetic() {
        assertEquals(new BigDecimal("0.070000"), table.image("openai", "gpt-image-2", "medium", "1024x1024"));
        assertEquals(new BigDecimal("0.016000"), table.image("openai", "dall-e-2", null, "256x256"));
        // gpt-image-1-mini: 10 text-in at $2, 40 image-in at $2.50, 4160 image-out at $8 per 1M
        BigDecimal tokens = table.tokens("openai", "gpt-image-1-mini",
                Map.of("textInput", 10L, "imageInput", 40L, "imageOutput", 4160L));
        assertEquals(new BigDecimal("0.033400"), tokens);
        // gpt-4o-mini: 1200 in at $0.15, 3000 out at $0.60 per 1M
        assertEquals(new BigDecimal("0.001980"),
                table.tokens("openai", "gpt-4o-mini", Map.of("input", 1200L, "output", 3000L)));
        assertEquals(new BigDecimal("0.061440"), table.rate("openai", "tts-1").speech(4096).orElseThrow());
        assertEquals(new BigDecimal("0.280000"), table.rate("kling", "kling-v2-1").units(new BigDecimal("2")).orElseThrow());
    }

    @Test
    void aFilmsClipsAndNarrationsArePricedBySecondsAndCharacters() {
        // kling-v2-1: 5 s at $0.028 per second; MiniMax 6 s at $0.045
        assertEquals(new BigDecimal("0.140000"), table.video("kling", "kling-v2-1", BigDecimal.valueOf(5)));
        assertEquals(new BigDecimal("0.270000"), table.video("minimax", "MiniMax-Hailuo-02", BigDecimal.valueOf(6)));
        // the default speech model: 1000 characters at $15 per 1M
        assertEquals(new BigDecimal("0.015000"), table.speech("openai", "gpt-4o-mini-tts", 1000));
        assertEquals(Rate.zero(), table.speech("local", "espeak-ng:en-us", 1000));
        assertEquals(Rate.zero(), table.video("local", "ffmpeg", BigDecimal.ONE));
        UnpricedException voice = assertThrows(UnpricedException.class, () -> table.speech("kling", "kling-v2-1", 10));
        assertTrue(voice.getMessage().contains("speech") && voice.getMessage().contains("rate table"), voice.getMessage());
        assertThrows(UnpricedException.class, () -> table.video("openai", "tts-1", BigDecimal.ONE));
    }

    @Test
    void theEmbeddedProvidersCostNothing() {
        assertEquals(Rate.zero(), table.image("local", "anything", "medium", "1024x1024"));
        assertEquals(Rate.zero(), table.tokens("template", null, Map.of("input", 1000L)));
    }

    @Test
    void anUnpricedModelIsRefusedNamingTheTable() {
        UnpricedException e = assertThrows(UnpricedException.class,
                () -> table.image("openai", "gpt-image-9", "medium", "1024x1024"));
        assertTrue(e.getMessage().contains("rate table (classpath rates.json)"), e.getMessage());
        assertEquals("unpriced", e.code());
        assertThrows(UnpricedException.class, () -> table.image("openai", "gpt-image-2", "medium", "1536x1024"));
        assertThrows(UnpricedException.class, () -> table.tokens("openai", "gpt-4o-mini", Map.of("imageOutput", 5L)));
    }

    @Test
    void aUsersOwnTableReplacesTheShippedOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my-rates.json");
        Files.writeString(file, """
                {"providers": {"openai": {"gpt-image-2": {"imagesUsd": {"medium": {"1024x1024": 0.05}}}}}}""");
        RateTable mine = RateTable.load(Optional.of(file.toString()));
        assertEquals(new BigDecimal("0.050000"), mine.image("openai", "gpt-image-2", "medium", "1024x1024"));
        assertTrue(mine.find("openai", "gpt-4o-mini").isEmpty());
        assertTrue(mine.source().contains("my-rates.json"));
    }
}
