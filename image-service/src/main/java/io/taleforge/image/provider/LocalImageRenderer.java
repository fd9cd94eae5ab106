package io.taleforge.image.provider;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import jakarta.enterprise.context.ApplicationScoped;

import io.taleforge.image.config.ImageConfig;

/**
 * The embedded image provider: draws a real PNG without network or key. Colours and composition
 * come from the SHA-256 of the prompt and the scene number (the hero walks from left to right as
 * the story advances), with the prompt as a wrapped caption; the same prompt and scene always
 * give the same bytes. The hero's portrait (picture 0) shows the hero large in the middle; a
 * scene drawn with the portrait as its reference takes the hero's colour and size from the
 * portrait's pixels ({@link #lookOf}), so the offline default keeps the same hero in every scene,
 * as a provider that takes reference images does. A configurable latency (fixed + uniform jitter)
 * makes demos and benchmarks behave like a real API.
 *
 * <p>Drawing is CPU work: at most one picture per core is drawn at once (the latency is waited
 * outside that limit), so eight pictures in flight hold two rasters, not eight; and a portrait's
 * look is read from its pixels once, not for every scene ({@link #LOOKS}).
 */
@ApplicationScoped
public class LocalImageRenderer implements ImageProvider {

    public static final String NAME = "local";
    public static final String MODEL = "local-renderer-1";

    /** Picture 0, the hero's portrait. */
    static final int PORTRAIT = io.taleforge.contracts.Pictures.PORTRAIT;

    /** Height of the portrait's hero, in percent of the picture's height (its body's middle). */
    static final int PORTRAIT_Y = 55;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Portraits whose look was read, by their bytes' SHA-256: a story's 20 scenes share one. */
    private static final int LOOKS = 64;

    private final ImageConfig.Renderer config;
    private final RendererLettering lettering = new RendererLettering();
    private final Semaphore drawing = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
    private final AtomicInteger drawingNow = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger looksRead = new AtomicInteger();
    private final Map<String, Optional<Look>> looks = new LinkedHashMap<>(LOOKS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Look>> eldest) {
            return size() > LOOKS;
        }
    };

    public LocalImageRenderer(ImageConfig config) {
        this.config = config.renderer();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public GeneratedImage generate(ImageRequest request) throws InterruptedException {
        long latency = config.latency().toMillis();
        long jitter = config.jitter().toMillis();
        long wait = latency + (jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
        if (wait > 0) {
            Thread.sleep(wait);
        }
        ImageRequest.Reference reference = request.reference();
        drawing.acquire();
        try {
            mostAtOnce.accumulateAndGet(drawingNow.incrementAndGet(), Math::max);
            return new GeneratedImage(render(request.prompt(), request.sceneNumber(), reference == null ? null
                    : reference.bytes()), "image/png", MODEL);
        } finally {
            drawingNow.decrementAndGet();
            drawing.release();
        }
    }

    /** Draws the PNG of {@code prompt} for {@code sceneNumber} without a reference; deterministic. */
    public byte[] render(String prompt, int sceneNumber) {
        return render(prompt, sceneNumber, null);
    }

    /**
     * Draws the PNG of {@code prompt} for picture {@code sceneNumber} (0: the hero's portrait); a
     * scene with a {@code reference} (the portrait's PNG) draws the portrait's hero. Deterministic.
     */
    public byte[] render(String prompt, int sceneNumber, byte[] reference) {
        int w = config.width();
        int h = config.height();
        byte[] hash = sha256(prompt + "\u0000" + sceneNumber);
        Look drawn = new Look(Color.getHSBColor((hash[5] & 0xff) / 255f, 0.75f, 0.85f),
                w / 9 + (hash[4] & 0xff) % Math.max(1, w / 20));
        Look look = reference == null || sceneNumber == PORTRAIT ? drawn : cachedLookOf(reference).orElse(drawn);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            drawLandscape(g, w, h, hash);
            if (sceneNumber == PORTRAIT) {
                drawHero(g, w / 2, h * PORTRAIT_Y / 100, look.size() * 2, look.colour(), w);
            } else {
                drawHero(g, sceneX(w, sceneNumber), h * 64 / 100, look.size(), look.colour(), w);
            }
            drawStars(g, w, h, hash);
            if (sceneNumber != PORTRAIT) {
                lettering.badge(g, w, sceneNumber);
            }
            lettering.caption(g, w, h, prompt);
        } finally {
            g.dispose();
        }
        return png(image);
    }

    /** Sky gradient, sun and three ridges, coloured from the hash's hue. */
    private static void drawLandscape(Graphics2D g, int w, int h, byte[] hash) {
        float hue = (hash[0] & 0xff) / 255f;
        Color sky = Color.getHSBColor(hue, 0.45f, 0.95f);
        Color dusk = Color.getHSBColor(hue + 0.12f, 0.65f, 0.55f);
        g.setPaint(new GradientPaint(0, 0, sky, 0, h, dusk));
        g.fillRect(0, 0, w, h);

        int sunX = w / 8 + (hash[1] & 0xff) * (w * 3 / 4) / 255;
        int sunY = h / 10 + (hash[2] & 0xff) * (h / 4) / 255;
        int sunR = w / 14 + (hash[3] & 0xff) % (w / 10);
        g.setColor(Color.getHSBColor(hue + 0.5f, 0.35f, 1f));
        g.fillOval(sunX - sunR, sunY - sunR, 2 * sunR, 2 * sunR);

        for (int layer = 0; layer < 3; layer++) {
            drawRidge(g, w, h, hash, layer, Color.getHSBColor(hue + 0.25f + layer * 0.08f, 0.5f,
                    0.7f - layer * 0.18f));
        }
    }

    /** The hero's colour and body width: the portrait's, or the prompt's own. */
    record Look(Color colour, int size) {
    }

    /** Where a scene's hero stands: further right as the scene number grows (1 at the left, 20 at the right). */
    static int sceneX(int w, int sceneNumber) {
        return w / 10 + (sceneNumber - 1) * (w * 8 / 10) / 19;
    }

    /** {@link #lookOf}, read once per portrait. */
    private Optional<Look> cachedLookOf(byte[] png) {
        String key = HexFormat.of().formatHex(sha256(png));
        synchronized (looks) {
            Optional<Look> known = looks.get(key);
            if (known != null) {
                return known;
            }
        }
        Optional<Look> look = lookOf(png);
        looksRead.incrementAndGet();
        synchronized (looks) {
            looks.put(key, look);
        }
        return look;
    }

    /** The most pictures {@link #generate} drew at once so far. */
    int mostDrawnAtOnce() {
        return mostAtOnce.get();
    }

    /** How many portraits' pixels were read for their look so far. */
    int looksRead() {
        return looksRead.get();
    }

    /**
     * The hero of a portrait drawn here: the colour at the middle of its body and half the body's
     * width along that row (the portrait draws the hero twice as large); empty when {@code png} is
     * not such a picture.
     */
    static Optional<Look> lookOf(byte[] png) {
        try {
            BufferedImage portrait = ImageIO.read(new java.io.ByteArrayInputStream(png));
            if (portrait == null) {
                return Optional.empty();
            }
            int x = portrait.getWidth() / 2;
            int y = portrait.getHeight() * PORTRAIT_Y / 100;
            int rgb = portrait.getRGB(x, y);
            int left = x;
            int right = x;
            while (left > 0 && portrait.getRGB(left - 1, y) == rgb) {
                left--;
            }
            while (right < portrait.getWidth() - 1 && portrait.getRGB(right + 1, y) == rgb) {
                right++;
            }
            return Optional.of(new Look(new Color(rgb), Math.max(8, (right - left + 1) / 2)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The hero: an oval body centred on (x, y), a head, an outline and an eye. */
    private static void drawHero(Graphics2D g, int heroX, int heroY, int size, Color hero, int w) {
        g.setColor(hero);
        g.fillOval(heroX - size / 2, heroY - size / 3, size, size * 2 / 3);
        g.fillOval(heroX + size / 3, heroY - size * 2 / 3, size / 2, size / 2);
        g.setColor(hero.darker().darker());
        g.setStroke(new BasicStroke(Math.max(2, w / 170f)));
        g.drawOval(heroX - size / 2, heroY - size / 3, size, size * 2 / 3);
        g.fillOval(heroX + size / 2, heroY - size / 2, Math.max(3, size / 12), Math.max(3, size / 12));
    }

    private static void drawStars(Graphics2D g, int w, int h, byte[] hash) {
        for (int i = 0; i < 12; i++) {
            int x = (hash[(6 + i) % hash.length] & 0xff) * w / 255;
            int y = (hash[(18 + i) % hash.length] & 0xff) * (h / 3) / 255;
            int r = 2 + (hash[(i * 3) % hash.length] & 0x07);
            g.setColor(new Color(255, 255, 255, 170));
            g.fillOval(x, y, r, r);
        }
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void drawRidge(Graphics2D g, int w, int h, byte[] hash, int layer, Color color) {
        Polygon ridge = new Polygon();
        double base = h * (0.55 + layer * 0.1);
        double amplitude = h * (0.04 + (hash[8 + layer] & 0x0f) / 300.0);
        double frequency = 1.5 + (hash[12 + layer] & 0x07) / 2.0;
        double phase = (hash[16 + layer] & 0xff) / 40.0;
        ridge.addPoint(0, h);
        for (int x = 0; x <= w; x += Math.max(1, w / 64)) {
            ridge.addPoint(x, (int) (base + amplitude * Math.sin(phase + frequency * 2 * Math.PI * x / w)));
        }
        ridge.addPoint(w, h);
        g.setColor(color);
        g.fillPolygon(ridge);
    }

    static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
