package io.taleforge.film.service;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.junit.QuarkusMock;
import io.taleforge.contracts.Topics;
import io.taleforge.film.client.ApprovalClient;
import io.taleforge.film.client.ApprovalDocument;
import io.taleforge.film.client.ImageClient;
import io.taleforge.commons.client.ServiceRejectedException;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.film.client.FilmReservation;
import io.taleforge.film.client.StoryClient;
import io.taleforge.film.client.StoryDocument;
import io.taleforge.film.support.FfmpegSupport;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;

/**
 * What the film tests share (one Quarkus boot): the fixed answers of approval-service,
 * image-service and story-service (QuarkusMock of their client beans; e2e runs them for real),
 * the broker probe and the journal reads.
 */
abstract class FilmTestBase {

    static final Duration WAIT = Duration.ofSeconds(120);
    static KafkaProbe probe;

    /** Stories whose pictures are all approved, and scenes whose picture does not decode. */
    final Set<String> approved = ConcurrentHashMap.newKeySet();
    final Set<String> broken = ConcurrentHashMap.newKeySet();
    /** {@code <story>:<scene>} whose text story-service does not have (yet). */
    final Set<String> untold = ConcurrentHashMap.newKeySet();
    /** Stories whose film and retries the ledger refuses (402), and the items each story reserved, in order. */
    final Set<String> overBudget = ConcurrentHashMap.newKeySet();
    final Map<String, List<FilmReservation.Item>> reserved = new ConcurrentHashMap<>();

    /** story-service's 402 problem for a film over the reader's daily budget. */
    static final String OVER_BUDGET = "{\"type\":\"https://taleforge.io/problems/budget-exceeded\",\"title\":\"Over budget\","
            + "\"status\":402,\"detail\":\"the estimate of $0.331 exceeds the daily-budget: $0.1 left\","
            + "\"errors\":[{\"field\":\"daily-budget\",\"message\":\"over\"}],"
            + "\"limit\":\"daily-budget\",\"estimateUsd\":0.331,\"leftUsd\":0.1}";

    @BeforeAll
    static void start() {
        FfmpegSupport.ensure();
        FfmpegSupport.ensureVoice();
        probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.FILM_STATUS);
    }

    @AfterAll
    static void stop() {
        probe.close();
    }

    @BeforeEach
    void services() {
        QuarkusMock.installMockForType(new ApprovalClient(null) {
            @Override
            public Optional<ApprovalDocument> approvals(UUID storyId) {
                String id = storyId.toString();
                boolean all = approved.contains(id);
                List<ApprovalDocument.Scene> scenes = new ArrayList<>();
                // picture 0 is the hero's portrait: approved, not a scene of the film
                IntStream.rangeClosed(0, 20).forEach(n -> scenes.add(new ApprovalDocument.Scene(n, 1,
                        all || n <= 12 ? "APPROVED" : "PENDING", "/media/" + id + "-" + n + ".png")));
                return Optional.of(new ApprovalDocument(id, scenes, all ? 20 : 12, 20, all));
            }
        }, ApprovalClient.class);
        QuarkusMock.installMockForType(new ImageClient(null) {
            @Override
            public Optional<Media> media(String key) {
                boolean bad = broken.stream().anyMatch(key::startsWith);
                return Optional.of(new Media(bad ? "not a picture".getBytes() : png(key.hashCode()), "image/png"));
            }
        }, ImageClient.class);
        QuarkusMock.installMockForType(new StoryClient(null) {
            @Override
            public Optional<StoryDocument> story(UUID storyId) {
                List<StoryDocument.Scene> scenes = IntStream.rangeClosed(1, 20).mapToObj(n -> new StoryDocument.Scene(n,
                        untold.contains(storyId + ":" + n) ? "" : "Fox " + n + ".")).toList();
                return Optional.of(new StoryDocument(storyId.toString(), "The Fox of Frost Lodge", scenes));
            }

            @Override
            public FilmReservation.Reserved reserveFilm(UUID storyId, List<FilmReservation.Item> items) {
                if (overBudget.contains(storyId.toString())) {
                    throw new ServiceRejectedException("story-service", 402, "application/problem+json", OVER_BUDGET);
                }
                reserved.merge(storyId.toString(), List.copyOf(items), (before, more) -> {
                    List<FilmReservation.Item> all = new ArrayList<>(before);
                    all.addAll(more);
                    return List.copyOf(all);
                });
                return new FilmReservation.Reserved(FilmCosts.total(items));
            }
        }, StoryClient.class);
    }

    @Inject
    Journals journals;

    long createdTasks(String story) {
        return journals.count(UUID.fromString(story), "clip.create", JournalEntry.Status.SUCCESS);
    }

    static boolean isItem(KafkaProbe.Received r, String kind, String state) {
        return r.value().contains("\"kind\":\"" + kind + "\"") && r.value().contains("\"state\":\"" + state + "\"");
    }

    /** Reads the journal. */
    @jakarta.enterprise.context.ApplicationScoped
    static class Journals {
        @Transactional
        long count(UUID story, String operation, JournalEntry.Status status) {
            return JournalEntry.count("storyId = ?1 and operation = ?2 and status = ?3", story, operation, status);
        }

        @Transactional
        List<String> errors(UUID story, String operation) {
            return JournalEntry.<JournalEntry>list("storyId = ?1 and operation = ?2 and status = ?3", story, operation,
                    JournalEntry.Status.FAILED).stream().map(e -> e.errorMessage).toList();
        }
    }

    /** A picture of its own per key, so every story's clips are stored under keys of their own. */
    static byte[] png(int seed) {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(seed & 0xffffff));
        g.fillRect(0, 0, 320, 240);
        g.setColor(Color.ORANGE);
        g.fillOval(100, 60, 120, 120);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
