package io.taleforge.film.service;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import io.quarkus.logging.Log;
import io.taleforge.commons.client.ServiceFailedException;
import io.taleforge.commons.client.ServiceRejectedException;
import io.taleforge.film.client.FilmReservation;
import io.taleforge.film.client.StoryClient;
import io.taleforge.film.client.StoryDocument;
import io.taleforge.film.config.FilmConfig;

/**
 * The film's money before it starts: its estimate (a clip per scene by the seconds asked for, a
 * narration per scene by its text's characters, from the rate table) and its reservation with
 * story-service's ledger against the story's cap and the reader's daily budget, before any
 * provider call; every retry of a clip or narration reserves its new attempt the same way before
 * it is queued again. A free film (the local renderer and voice) reserves nothing and asks nobody.
 */
@ApplicationScoped
public class FilmBudget {

    private final FilmCosts costs;
    private final StoryClient stories;
    private final FilmConfig config;

    public FilmBudget(FilmCosts costs, StoryClient stories, FilmConfig config) {
        this.costs = costs;
        this.stories = stories;
        this.config = config;
    }

    /** What making the film of {@code storyId} is expected to cost (US dollars). */
    public BigDecimal estimate(UUID storyId) {
        return FilmCosts.total(items(storyId));
    }

    /**
     * Reserves the film's first attempts; a free film reserves nothing.
     *
     * @throws FilmProblems.BudgetRefused over a limit: story-service's 402 problem, nothing started
     */
    public void reserve(UUID storyId) {
        reserve(storyId, "film", items(storyId));
    }

    /**
     * Reserves retries before they are queued again: the next attempts of clips and of narrations
     * (scene → attempt), a narration by its scene's current text; nothing when they are free.
     *
     * @throws FilmProblems.BudgetRefused over a limit: story-service's 402 problem, nothing retried
     */
    public void reserveRetries(UUID storyId, Map<Integer, Integer> clips, Map<Integer, Integer> narrations) {
        if (clips.isEmpty() && narrations.isEmpty()) {
            return;
        }
        Map<Integer, String> texts = narrations.isEmpty() ? Map.of() : texts(storyId);
        reserve(storyId, "retry", costs.attempts(clips, narrations, texts));
    }

    private void reserve(UUID storyId, String what, List<FilmReservation.Item> items) {
        BigDecimal total = FilmCosts.total(items);
        if (total.signum() == 0) {
            return;
        }
        try {
            FilmReservation.Reserved reserved = stories.reserveFilm(storyId, items);
            Log.infof("%s reserved storyId=%s items=%d estimateUsd=%s reservedUsd=%s", what, storyId, items.size(),
                    total.toPlainString(), reserved.reservedUsd());
        } catch (ServiceRejectedException e) {
            Log.infof("%s refused by the ledger storyId=%s status=%d estimateUsd=%s", what, storyId, e.status(),
                    total.toPlainString());
            throw new FilmProblems.BudgetRefused(e);
        } catch (ProcessingException | FaultToleranceException | ServiceFailedException e) {
            Log.warnf("story-service unavailable, %s not started storyId=%s: %s", what, storyId, e.toString());
            throw new FilmProblems.ServiceUnavailable("story-service");
        }
    }

    private List<FilmReservation.Item> items(UUID storyId) {
        return costs.film(texts(storyId));
    }

    /** Scene → text for the film's scenes (an empty text where story-service has none). */
    private Map<Integer, String> texts(UUID storyId) {
        Optional<StoryDocument> story;
        try {
            story = stories.story(storyId);
        } catch (ProcessingException | FaultToleranceException | ServiceFailedException e) {
            Log.warnf("story-service unavailable, no film estimate storyId=%s: %s", storyId, e.toString());
            throw new FilmProblems.ServiceUnavailable("story-service");
        }
        Map<Integer, String> texts = new LinkedHashMap<>();
        for (int scene = 1; scene <= config.scenesPerFilm(); scene++) {
            int n = scene;
            texts.put(scene, story.flatMap(s -> s.text(n)).orElse(""));
        }
        return texts;
    }
}
