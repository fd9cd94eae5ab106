package io.taleforge.story.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.hibernate.annotations.SQLRestriction;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.taleforge.contracts.Pictures;
import io.taleforge.contracts.StoryStatus;

/**
 * A story: its owner, the answers it came from, its hero, its 20 scenes and, from the approval of
 * the scenes on, the hero's portrait (picture 0: a scene row numbered 0, kept out of
 * {@link #scenes}), whose approved image is the reference of every scene's picture.
 */
@Entity
@Table(name = "story")
public class Story extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "owner_hash", nullable = false, length = 64)
    public String owner;

    @Column(nullable = false, length = 200)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public StoryStatus.Status status;

    /** The validated, normalized quiz answers as JSON. */
    @Column(nullable = false)
    public String answers;

    @Column(name = "hero_species", nullable = false, length = 40)
    public String heroSpecies;

    @Column(name = "hero_name", nullable = false, length = 60)
    public String heroName;

    @Column(name = "hero_trait", nullable = false, length = 40)
    public String heroTrait;

    /** The hero's fixed look, injected into every prompt; null until the scenes are approved. */
    @Column(name = "character_sheet")
    public String characterSheet;

    /** The one style line of every prompt; null until the scenes are approved. */
    @Column(name = "style_line")
    public String styleLine;

    /** The approved portrait's image, the reference of every scene's picture; null until it is approved. */
    @Column(name = "portrait_url", length = 2048)
    public String portraitUrl;

    @Column(name = "writer_provider", nullable = false, length = 64)
    public String writerProvider;

    @Column(name = "writer_model", nullable = false, length = 100)
    public String writerModel;

    /** Why the writing ended short (marked placeholders remain): the writer's failure, or the reader stopped it. */
    @Column(name = "writing_note", length = 1000)
    public String writingNote;

    /** The instance writing the story, while it holds the claim (written by {@code WritingClaims} only). */
    @Column(name = "writer_instance", length = 64, insertable = false, updatable = false)
    public String writerInstance;

    /** When that claim expires, on the database's clock (written by {@code WritingClaims} only). */
    @Column(name = "writer_claim_expires_at", insertable = false, updatable = false)
    public Instant writerClaimExpiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Scenes 1..20; the portrait (row 0) is read by {@link #portrait()}. */
    @OneToMany(mappedBy = "story", cascade = CascadeType.ALL, orphanRemoval = true)
    @SQLRestriction("scene_number > 0")
    @OrderBy("number")
    public List<Scene> scenes = new ArrayList<>();

    /**
     * A new story in {@code WRITING}, with its owner, its answers (JSON) and its hero; no scenes yet:
     * the background writer adds them one by one and ends it with {@link #written}.
     */
    public static Story writing(UUID id, String owner, String answers, String heroSpecies, String heroName,
            String heroTrait, Instant now) {
        Story story = new Story();
        story.id = id;
        story.owner = owner;
        story.answers = answers;
        story.heroSpecies = heroSpecies;
        story.heroName = heroName;
        story.heroTrait = heroTrait;
        story.status = StoryStatus.Status.WRITING;
        story.createdAt = now;
        story.updatedAt = now;
        return story;
    }

    /** Records what the writer gave: the title and who wrote it. */
    public void writtenBy(String title, String provider, String model) {
        this.title = title;
        this.writerProvider = provider;
        this.writerModel = model;
    }

    /** Adds one drafted scene (a marked placeholder when the writer gave no usable text). */
    public Scene addScene(int number, String stage, String text, boolean placeholder) {
        Scene scene = Scene.drafted(this, number, stage, text, placeholder, updatedAt);
        scenes.add(scene);
        return scene;
    }

    /**
     * The writing ended: {@code DRAFTED}, open to edits and to approval. {@code title} (null: keep
     * the provisional one) is the writer's; {@code note} (nullable) says why placeholders remain.
     */
    public void written(String title, String note, Instant now) {
        if (title != null) {
            this.title = title;
        }
        this.writingNote = note;
        this.status = StoryStatus.Status.DRAFTED;
        this.updatedAt = now;
    }

    /** Whether the background writer is still writing (or waiting to write) this story. */
    public boolean isWriting() {
        return status == StoryStatus.Status.WRITING;
    }

    /** Whether the reader may edit scene texts: while they are written and until they are approved. */
    public boolean isOpenToEdits() {
        return isWriting() || isDraft();
    }

    /** Picture {@code number}: a scene (1..20), or the hero's portrait (0). */
    public Optional<Scene> scene(int number) {
        if (number == Pictures.PORTRAIT) {
            return portrait();
        }
        return scenes.stream().filter(s -> s.number == number).findFirst();
    }

    /** The hero's portrait; empty until the scenes are approved. */
    public Optional<Scene> portrait() {
        return Scene.find("story.id = ?1 and number = ?2", id, Pictures.PORTRAIT).firstResultOptional();
    }

    /** The hero's portrait, picture 0, at its first attempt: made when the scenes are approved. */
    public Scene addPortrait(String text, String prompt, Instant now) {
        Scene portrait = Scene.portrait(this, text, prompt, now);
        portrait.persist();
        return portrait;
    }

    /**
     * The reader approved the portrait's image: it becomes the reference of every scene's picture,
     * and the scenes' first attempts start. False (nothing changes) when a portrait was approved before.
     */
    public boolean portraitApproved(String imageUrl, Instant now) {
        if (portraitUrl != null) {
            return false;
        }
        portraitUrl = imageUrl;
        scenes.forEach(scene -> scene.release(now));
        updatedAt = now;
        return true;
    }

    /** Whether the scene texts may still change (the scenes are not approved yet). */
    public boolean isDraft() {
        return status == StoryStatus.Status.DRAFTED;
    }

    /** The numbers of the scenes that are still the writer's placeholders. */
    public List<Integer> placeholderNumbers() {
        return scenes.stream().filter(s -> s.placeholder).map(s -> s.number).toList();
    }

    /** The scenes are approved: the hero's sheet and the style line are fixed from now on. */
    public void approveScenes(String characterSheet, String styleLine, Instant now) {
        this.characterSheet = characterSheet;
        this.styleLine = styleLine;
        this.status = StoryStatus.Status.SCENES_APPROVED;
        this.updatedAt = now;
    }

    /** Enters {@code REGENERATING} (from the first rejection on); false when it already was. */
    public boolean startRegenerating() {
        if (status == StoryStatus.Status.REGENERATING) {
            return false;
        }
        status = StoryStatus.Status.REGENERATING;
        return true;
    }

    /** The story locked for update: approvals, edits and regenerations of one story run one at a time. */
    public static Optional<Story> lockedById(UUID id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }
}
