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

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.taleforge.contracts.StoryStatus;

/** A story: its owner, the answers it came from, its hero, and its 20 scenes. */
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

    @Column(name = "writer_provider", nullable = false, length = 64)
    public String writerProvider;

    @Column(name = "writer_model", nullable = false, length = 100)
    public String writerModel;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @OneToMany(mappedBy = "story", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("number")
    public List<Scene> scenes = new ArrayList<>();

    /** A new story in {@code DRAFTED}, with its owner, its answers (JSON) and its hero; no scenes yet. */
    public static Story draft(UUID id, String owner, String answers, String heroSpecies, String heroName,
            String heroTrait, Instant now) {
        Story story = new Story();
        story.id = id;
        story.owner = owner;
        story.answers = answers;
        story.heroSpecies = heroSpecies;
        story.heroName = heroName;
        story.heroTrait = heroTrait;
        story.status = StoryStatus.Status.DRAFTED;
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

    public Optional<Scene> scene(int number) {
        return scenes.stream().filter(s -> s.number == number).findFirst();
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
