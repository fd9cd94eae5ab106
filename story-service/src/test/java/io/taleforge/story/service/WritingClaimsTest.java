package io.taleforge.story.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.story.TestStories;
import io.taleforge.story.model.Story;
import io.taleforge.testing.RealInfraResource;

/**
 * Two story-service instances on one database (two claimers with their own instance names):
 * a story being written is claimed by one only; the other takes it up once the claim expired
 * (its writer is gone) or was given up, never while it is renewed.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class WritingClaimsTest {

    private static final Duration TTL = Duration.ofSeconds(2);

    @Inject
    EntityManager em;

    @Test
    void aStoryIsWrittenByOneInstanceAndTakenUpByAnotherOnlyOnceItsWriterIsGone() {
        WritingClaims a = new WritingClaims(em, TTL, "instance-a");
        WritingClaims b = new WritingClaims(em, TTL, "instance-b");
        UUID id = writingStory();

        assertTrue(a.claim(id), "the first claimer writes it");
        assertFalse(b.claim(id), "the second does not while the claim is live");
        assertFalse(b.unclaimed().contains(id), "and does not see it as left over");
        for (int beat = 0; beat < 3; beat++) {
            assertTrue(a.claim(id), "renewed while it writes");
            assertFalse(b.claim(id));
        }

        // instance A is gone: no more renewals; B takes the story up once the claim expired
        await().atMost(Duration.ofSeconds(20)).until(() -> b.unclaimed().contains(id) && b.claim(id));
        assertFalse(a.claim(id), "A, back, finds the story taken: it stops writing it");

        b.release(id);
        assertTrue(a.unclaimed().contains(id), "given up: free at once");
        assertTrue(a.claim(id));
        drafted(id);
        a.release(id);
    }

    @Test
    void twoInstancesClaimingAtTheSameMomentGiveOneWriter() {
        WritingClaims a = new WritingClaims(em, TTL, "instance-a");
        WritingClaims b = new WritingClaims(em, TTL, "instance-b");
        for (int round = 0; round < 5; round++) {
            UUID id = writingStory();
            CompletableFuture<Boolean> byA = CompletableFuture.supplyAsync(() -> a.claim(id));
            CompletableFuture<Boolean> byB = CompletableFuture.supplyAsync(() -> b.claim(id));
            assertEquals(1, List.of(byA.join(), byB.join()).stream().filter(won -> won).count(), "round " + round);
            drafted(id);
            a.release(id);
            b.release(id);
        }
    }

    @Test
    void aWrittenStoryIsNotClaimed() {
        WritingClaims a = new WritingClaims(em, TTL, "instance-a");
        UUID id = writingStory();
        drafted(id);
        assertFalse(a.claim(id));
        assertFalse(a.unclaimed().contains(id));
    }

    /** A story WRITING (the service's own sweep runs once a minute: the tests claim theirs at once and end them DRAFTED). */
    private static UUID writingStory() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Story story = Story.writing(id, TestStories.owner(), "{}", "mouse", "Pip", "brave", Instant.now());
            story.writtenBy("Pip's Story", "template", "template-v1");
            story.persist();
        });
        return id;
    }

    private static void drafted(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> Story.<Story>findById(id).written("Pip", null, Instant.now()));
    }
}
