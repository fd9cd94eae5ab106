package io.taleforge.image.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
    void everySceneDrawnWithThePortraitAsReferenceShowsThePortraitsHero() throws Exception {
        int w = config.renderer().width();
        int h = config.renderer().height();
        byte[] portrait = renderer.render("Character portrait of the story's hero: Rufus alone, full body", 0);
        int heroColour = pixel(portrait, w / 2, h * LocalImageRenderer.PORTRAIT_Y / 100);
        int differentWithout = 0;
        for (int n = 1; n <= 20; n++) {
            String prompt = "Illustration of scene " + n + " of 20: Rufus on an adventure, part " + n;
            GeneratedImage scene = renderer.generate(new ImageRequest("s", n, 1, prompt, null, null,
                    new ImageRequest.Reference(portrait, "image/png")));
            int bodyMiddle = pixel(scene.bytes(), LocalImageRenderer.sceneX(w, n), h * 64 / 100);
            assertEquals(Integer.toHexString(heroColour), Integer.toHexString(bodyMiddle),
                    "scene " + n + " shows the portrait's hero colour");
            differentWithout += pixel(renderer.render(prompt, n), LocalImageRenderer.sceneX(w, n), h * 64 / 100)
                    == heroColour ? 0 : 1;
        }
        assertTrue(differentWithout > 10, "without the portrait the hero's colour comes from each prompt: "
                + differentWithout + " of 20 differ");
    }

    private static int pixel(byte[] png, int x, int y) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png)).getRGB(x, y) & 0xffffff;
    }

    /** A story's scenes share their portrait: its pixels are read for the hero's look once. */
    @Test
    void aPortraitsLookIsReadOnceForAllItsScenes() throws Exception {
        byte[] portrait = renderer.render("Character portrait: Ottilie the otter " + UUID.randomUUID(), 0);
        int before = renderer.looksRead();
        for (int n = 1; n <= 3; n++) {
            renderer.generate(new ImageRequest("s", n, 1, "Ottilie, part " + n, null, null,
                    new ImageRequest.Reference(portrait, "image/png")));
        }
        assertEquals(before + 1, renderer.looksRead(), "one read for three scenes");
    }

    /** Drawing is CPU work: more pictures at once than cores only hold more rasters. */
    @Test
    void drawsAtMostOnePicturePerCoreAtOnce() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int callers = 4 * cores + 2;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<GeneratedImage>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int n = i + 1;
                calls.add(pool.submit(() -> {
                    go.await();
                    return renderer.generate(new ImageRequest("s", n, 1, "a crowded scene " + n, null, null));
                }));
            }
            go.countDown();
            for (Future<GeneratedImage> call : calls) {
                assertEquals("image/png", call.get(60, TimeUnit.SECONDS).contentType());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(renderer.mostDrawnAtOnce() <= cores,
                renderer.mostDrawnAtOnce() + " pictures drawn at once on " + cores + " cores");
        assertTrue(renderer.mostDrawnAtOnce() >= 1);
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
