package io.taleforge.image.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.image.config.ImageConfig;
import io.taleforge.testing.RealInfraResource;

@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class LocalImageRendererTest {

    @Inject
    LocalImageRenderer renderer;

    @Inject
    ImageConfig config;

    @Test
    void drawsAReadablePngOfTheConfiguredSizeDeterministically() throws Exception {
        String prompt = "Rufus the small red fox stands on the lighthouse steps at dusk, watercolour, soft light";
        byte[] once = renderer.render(prompt, 4);
        byte[] again = renderer.render(prompt, 4);
        assertArrayEquals(once, again, "same prompt and scene, same bytes");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(once));
        assertNotNull(image);
        assertEquals(config.renderer().width(), image.getWidth());
        assertEquals(config.renderer().height(), image.getHeight());
        assertFalse(Arrays.equals(once, renderer.render(prompt, 5)), "the scene number changes the picture");
        assertFalse(Arrays.equals(once, renderer.render(prompt + "!", 4)), "the prompt changes the picture");
        long colours = java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth())).distinct().count();
        assertTrue(colours > 50, "a picture, not a flat fill: " + colours + " colours");
    }

    @Test
    void theLatencyIsApplied() throws Exception {
        long start = System.nanoTime();
        GeneratedImage image = renderer.generate(new ImageRequest("s", 1, 1, "a fox", null, null));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= config.renderer().latency().toMillis(), ms + " ms");
        assertEquals("image/png", image.contentType());
    }
}
