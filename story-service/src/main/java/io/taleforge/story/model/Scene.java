package io.taleforge.story.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.taleforge.contracts.Pictures;
import io.taleforge.contracts.StoryStatus;

/**
 * One of a story's 20 scenes, or (number 0, stage {@code portrait}) the hero's portrait. A scene's
 * prompt is set when the scenes are approved, its attempt when the portrait is approved (its
 * picture starts then); the portrait's attempt starts with the scenes' approval.
 */
@Entity
@Table(name = "scene")
public class Scene extends PanacheEntityBase {

    /** The stage of picture 0, the hero's portrait. */
    public static final String PORTRAIT_STAGE = "portrait";

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "story_id", nullable = false)
    public Story story;

    @Column(name = "scene_number", nullable = false)
    public int number;

    /** The arc stage, e.g. {@code underdog}; see {@link ArcStage}. */
    @Column(nullable = false, length = 32)
    public String stage;

    @Column(name = "scene_text", nullable = false)
    public String text;

    /** The text as the writer wrote it; {@link #text} is the reader's edit of it. */
    @Column(name = "written_text")
    public String writtenText;

    /** The visual prompt of the latest image attempt. */
    public String prompt;

    /** The latest image attempt (1 once the picture started, +1 per rejection); null before. */
    public Integer attempt;

    /** True when the writer gave no usable text and this is a marked stand-in. */
    @Column(nullable = false)
    public boolean placeholder;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The rejected attempt whose redrawing did not fit the budget; null when none (or a later one started). */
    @Column(name = "refused_attempt")
    public Integer refusedAttempt;

    /** The limit that refused it: {@code story-cap} or {@code daily-budget}. */
    @Column(name = "refused_limit", length = 32)
    public String refusedLimit;

    /** What the refused attempt was estimated to cost, US dollars. */
    @Column(name = "refused_estimate_usd", precision = 18, scale = 6)
    public BigDecimal refusedEstimateUsd;

    /** What was left under the limit when it was refused, US dollars. */
    @Column(name = "refused_left_usd", precision = 18, scale = 6)
    public BigDecimal refusedLeftUsd;

    static Scene drafted(Story story, int number, String stage, String text, boolean placeholder, Instant now) {
        Scene scene = new Scene();
        scene.id = UUID.randomUUID();
        scene.story = story;
        scene.number = number;
        scene.stage = stage;
        scene.text = text;
        scene.writtenText = text;
        scene.placeholder = placeholder;
        scene.updatedAt = now;
        return scene;
    }

    /** The reader's own text (stripped) replaces the scene's; a placeholder stops being one. */
    public void edit(String newText, Instant now) {
        text = newText.strip();
        placeholder = false;
        touch(now);
    }

    /** The scene texts are approved: the prompt of the first attempt, which starts with {@link #release}. */
    public void compose(String firstPrompt, Instant now) {
        prompt = firstPrompt;
        updatedAt = now;
    }

    /** The portrait was approved: the first attempt of this scene's picture starts (once). */
    public void release(Instant now) {
        if (attempt == null) {
            attempt = 1;
            updatedAt = now;
        }
    }

    /** The hero's portrait (picture 0), its first attempt started. */
    static Scene portrait(Story story, String text, String prompt, Instant now) {
        Scene portrait = drafted(story, Pictures.PORTRAIT, PORTRAIT_STAGE, text, false, now);
        portrait.prompt = prompt;
        portrait.attempt = 1;
        return portrait;
    }

    /** Whether this row is the hero's portrait rather than a scene. */
    public boolean isPortrait() {
        return number == Pictures.PORTRAIT;
    }

    /**
     * The latest attempt was rejected but its redrawing did not fit {@code limit}: the picture stays
     * as it is and keeps why; returns the refusal as events and views say it.
     */
    public StoryStatus.Refusal refuseRedrawing(String limit, BigDecimal estimateUsd, BigDecimal leftUsd, Instant now) {
        refusedAttempt = attempt;
        refusedLimit = limit;
        refusedEstimateUsd = estimateUsd;
        refusedLeftUsd = leftUsd;
        touch(now);
        return refusal();
    }

    /** Why the latest attempt was not redrawn, or null when it was not refused. */
    public StoryStatus.Refusal refusal() {
        if (refusedAttempt == null || !refusedAttempt.equals(attempt)) {
            return null;
        }
        return new StoryStatus.Refusal(number, refusedAttempt, refusedLimit, refusedEstimateUsd, refusedLeftUsd);
    }

    /** The next image attempt after a rejection, with its revised prompt; returns its number. */
    public int nextAttempt(String revisedPrompt, Instant now) {
        prompt = revisedPrompt;
        attempt = attempt + 1;
        refusedAttempt = null;
        touch(now);
        return attempt;
    }

    private void touch(Instant now) {
        updatedAt = now;
        story.updatedAt = now;
    }
}
