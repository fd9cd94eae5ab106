package io.taleforge.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.image.model.ImageJob;
import io.taleforge.image.provider.ScriptedImageProvider;
import io.taleforge.image.repository.ImageJobRepository;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;
import io.taleforge.testing.RealInfraResource;

/**
 * A job left behind by a killed instance (GENERATING, its lease expired, its provider call
 * STARTED in the journal) is taken over by this instance's sweep, without its record coming back:
 * the interrupted call is closed with the reason, the image is generated once, READY is emitted.
 * A job whose dead holder had already stored and recorded its image ends READY with that image,
 * without a provider call.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class JobTakeOverTest {

    static KafkaProbe probe;

    @Inject
    ImageJobRepository jobs;

    @Inject
    Journal journal;

    @Inject
    ScriptedImageProvider provider;

    @BeforeAll
    static void probe() {
        probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.IMAGE_STATUS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void aDeadInstancesJobIsResumedWithinALeaseAndItsInterruptedCallClosed() {
        UUID story = UUID.randomUUID();
        Instant leftAt = Instant.now();
        UUID id = QuarkusTransaction.requiringNew().call(() -> deadInstancesJob(story, leftAt).id);
        UUID row = journal.started(new Journal.Subject(GenerationService.OP_GENERATE, story, 4, 1, provider.name(),
                provider.model()), "generate:original#1", "variant=original prompt=Rufus at the lighthouse");

        probe.await(Topics.IMAGE_STATUS, r -> story.toString().equals(r.key())
                && r.as(ImageStatus.class).status() == ImageStatus.Status.READY, 1, Duration.ofSeconds(30));

        JournalEntry interrupted = QuarkusTransaction.requiringNew().call(() -> JournalEntry.findById(row));
        assertEquals(JournalEntry.Status.FAILED, interrupted.status);
        assertEquals("generate:original#1:interrupted", interrupted.step);
        assertTrue(interrupted.errorMessage.startsWith("interrupted: instance dead-instance stopped holding the job"),
                interrupted.errorMessage);
        assertTrue(interrupted.finishedAt != null && interrupted.durationMs != null);
        List<JournalEntry> succeeded = QuarkusTransaction.requiringNew().call(() -> JournalEntry.<JournalEntry>list(
                "storyId = ?1 and operation = ?2 and status = ?3", story, GenerationService.OP_GENERATE,
                JournalEntry.Status.SUCCESS));
        assertEquals(1, succeeded.size(), "one successful provider call after the take-over");
        assertEquals(1, provider.calls(story.toString()).size());
        ImageJob done = QuarkusTransaction.requiringNew().call(() -> jobs.findById(id));
        assertEquals(ImageStatus.Status.READY, done.status);
        assertEquals(null, done.owner, "a finished job holds no lease");
    }

    @Test
    void aDeadInstancesJobWithARecordedResultEndsReadyWithoutANewProviderCall() {
        UUID story = UUID.randomUUID();
        String url = "http://localhost/media/" + story + "/4/1.png";
        UUID id = QuarkusTransaction.requiringNew().call(() -> {
            ImageJob job = deadInstancesJob(story, Instant.now());
            job.imageUrl = url; // stored and recorded by the dead instance just before it died
            job.mediaKey = story + "/4/1.png";
            job.provider = provider.name();
            job.model = provider.model();
            job.durationMs = 812L;
            job.providerCalls = 1;
            return job.id;
        });
        UUID row = journal.started(new Journal.Subject(GenerationService.OP_GENERATE, story, 4, 1, provider.name(),
                provider.model()), "generate:original#1", "variant=original prompt=Rufus at the lighthouse");

        ImageStatus ready = probe.await(Topics.IMAGE_STATUS, r -> story.toString().equals(r.key())
                && r.as(ImageStatus.class).status() == ImageStatus.Status.READY, 1, Duration.ofSeconds(30))
                .get(0).as(ImageStatus.class);

        assertEquals(url, ready.imageUrl(), "READY with the image the dead instance stored");
        assertEquals(List.of(), provider.calls(story.toString()), "no new provider call");
        ImageJob done = QuarkusTransaction.requiringNew().call(() -> jobs.findById(id));
        assertEquals(ImageStatus.Status.READY, done.status);
        assertEquals(url, done.imageUrl);
        assertEquals(1, done.providerCalls, "the dead instance's one call, none added");
        assertEquals(null, done.owner, "a finished job holds no lease");
        JournalEntry recovered = QuarkusTransaction.requiringNew().call(() -> JournalEntry.findById(row));
        assertEquals("generate:original#1:recovered", recovered.step,
                "the dead instance's call produced the stored image: closed as a recovered success, not interrupted");
        assertEquals(JournalEntry.Status.SUCCESS, recovered.status);
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> JournalEntry.count(
                "storyId = ?1 and operation = ?2 and status = ?3", story, GenerationService.OP_GENERATE,
                JournalEntry.Status.SUCCESS)), "exactly one successful provider call: the dead instance's, none after the take-over");
    }

    private ImageJob deadInstancesJob(UUID story, Instant now) {
        ImageJob job = new ImageJob();
        job.id = UUID.randomUUID();
        job.storyId = story;
        job.sceneNumber = 4;
        job.attempt = 1;
        job.status = ImageStatus.Status.GENERATING;
        job.prompt = "Rufus the small red fox at the lighthouse, storybook watercolour";
        job.style = "storybook watercolour";
        job.size = "1024x1024";
        job.owner = "dead-instance";
        job.leaseUntil = now.minusSeconds(1);
        job.createdAt = now;
        job.updatedAt = now;
        jobs.persistAndFlush(job);
        return job;
    }
}
