package io.taleforge.gateway.book;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import io.taleforge.gateway.client.ApprovalDocument;
import io.taleforge.gateway.client.ApprovalHistory;
import io.taleforge.gateway.client.ImageJob;
import io.taleforge.gateway.client.MediaFile;
import io.taleforge.gateway.client.StoryDocument;
import io.taleforge.gateway.model.Book;

/**
 * A complete story as the three services answer for it: 20 scenes (scene 3 edited), every picture
 * approved, scene 5 rejected once with a note before its second attempt was approved.
 */
public final class StoryFixtures {

    public static final String HERO = "Zoë Ñandú-Çelik";
    public static final String TITLE = "Zoë and the Lantern of Ærøskøbing 🦊";
    public static final String NOTE = "Make the lantern glow green, \"please\"";
    public static final int PIXELS = 1024;

    public final String id = UUID.randomUUID().toString();

    static String sceneText(int n) {
        return "Scene %d: %s crossed the frozen fjord, whispering «merci» and «¡olé!» to the crows, ".formatted(n, HERO)
                + "while snow fell over the crooked pines for the %d. time.".formatted(n);
    }

    public static String url(int n, int attempt) {
        return "/media/" + "%064x".formatted(n * 10 + attempt) + ".png";
    }

    public StoryDocument story() {
        List<StoryDocument.Scene> scenes = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            String text = sceneText(n);
            String written = n == 3 ? "The writer's own words for scene 3." : text;
            scenes.add(new StoryDocument.Scene(n, n <= 4 ? "underdog" : "triumph", text, "prompt " + n,
                    n == 5 ? 2 : 1, false, written));
        }
        return new StoryDocument(id, TITLE, "SCENES_APPROVED", "2026-12-01T18:00:00Z", "2026-12-01T18:10:00Z",
                scenes, new StoryDocument.Hero("fox", HERO, "brave"),
                Map.of("hero_species", "fox", "hero_name", HERO, "hero_trait", "brave"), null, null, null);
    }

    /** The same story with the hero's portrait (picture 0): redrawn once after a note, then approved. */
    public StoryDocument storyWithPortrait() {
        StoryDocument story = story();
        String text = HERO + " alone, full body, facing the viewer";
        return new StoryDocument(story.id(), story.title(), story.status(), story.createdAt(), story.updatedAt(),
                story.scenes(), story.hero(), story.answers(),
                new StoryDocument.Scene(0, "portrait", text, "Character portrait: " + text, 2, false, text), null, null);
    }

    /** The jobs with the portrait's two attempts first. */
    public List<ImageJob> jobsWithPortrait() {
        List<ImageJob> jobs = new ArrayList<>(List.of(
                new ImageJob(0, 1, "READY", url(0, 1), "local", "renderer-1", 800L, null, "t", "portrait, attempt one"),
                new ImageJob(0, 2, "READY", url(0, 2), "local", "renderer-1", 810L, null, "t", "portrait, attempt two")));
        jobs.addAll(jobs());
        return jobs;
    }

    /** The approvals with the portrait's second attempt approved, listed first. */
    public ApprovalDocument approvalsWithPortrait() {
        ApprovalDocument approvals = approvals();
        List<ApprovalDocument.Scene> scenes = new ArrayList<>();
        scenes.add(new ApprovalDocument.Scene(0, 2, "APPROVED", url(0, 2), null, null));
        scenes.addAll(approvals.scenes());
        return new ApprovalDocument(id, scenes, 20, 20, true);
    }

    /** The history with the portrait rejected with a note, then approved. */
    public ApprovalHistory historyWithPortrait() {
        List<ApprovalHistory.Decision> decisions = new ArrayList<>(List.of(
                new ApprovalHistory.Decision(0, 1, "REJECTED", "a bigger scarf", "2026-12-01T18:01:00Z"),
                new ApprovalHistory.Decision(0, 2, "APPROVED", null, "2026-12-01T18:02:00Z")));
        decisions.addAll(history().decisions());
        return new ApprovalHistory(id, decisions);
    }

    public List<ImageJob> jobs() {
        List<ImageJob> jobs = new ArrayList<>();
        jobs.add(new ImageJob(5, 1, "READY", url(5, 1), "local", "renderer-1", 900L, null, "t", "a lantern, attempt one"));
        for (int n = 1; n <= 20; n++) {
            int attempt = n == 5 ? 2 : 1;
            jobs.add(new ImageJob(n, attempt, "READY", url(n, attempt), "local", "renderer-1", 1000L + n, null, "t",
                    "prompt %d, attempt %d".formatted(n, attempt)));
        }
        return jobs;
    }

    public ApprovalDocument approvals() {
        List<ApprovalDocument.Scene> scenes = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            int attempt = n == 5 ? 2 : 1;
            scenes.add(new ApprovalDocument.Scene(n, attempt, "APPROVED", url(n, attempt), null, null));
        }
        return new ApprovalDocument(id, scenes, 20, 20, true);
    }

    public ApprovalHistory history() {
        List<ApprovalHistory.Decision> decisions = new ArrayList<>();
        decisions.add(new ApprovalHistory.Decision(5, 1, "REJECTED", NOTE, "2026-12-01T18:05:00Z"));
        for (int n = 1; n <= 20; n++) {
            decisions.add(new ApprovalHistory.Decision(n, n == 5 ? 2 : 1, "APPROVED", null, "2026-12-01T18:06:00Z"));
        }
        return new ApprovalHistory(id, decisions);
    }

    Book book() {
        List<Book.Page> pages = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            pages.add(new Book.Page(n, "triumph", sceneText(n), url(n, n == 5 ? 2 : 1)));
        }
        return new Book(id, TITLE, new Book.Hero("fox", HERO, "brave"), "Fox · " + HERO + " · Brave", pages);
    }

    /** A PNG per scene, {@value #PIXELS} pixels square, each a different colour. */
    static Map<Integer, MediaFile> pictures() {
        Map<Integer, MediaFile> pictures = new LinkedHashMap<>();
        for (int n = 1; n <= 20; n++) {
            pictures.put(n, new MediaFile(png(n), "image/png", null, null));
        }
        return pictures;
    }

    /** A real PNG of {@code PIXELS} square, a colour per scene. */
    public static byte[] png(int n) {
        BufferedImage image = new BufferedImage(PIXELS, PIXELS, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(Color.HSBtoRGB(n / 20f, 0.6f, 0.9f)));
        g.fillRect(0, 0, PIXELS, PIXELS);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
