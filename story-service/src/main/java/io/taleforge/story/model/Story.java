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

    public Optional<Scene> scene(int number) {
        return scenes.stream().filter(s -> s.number == number).findFirst();
    }

    /** The story locked for update: approvals, edits and regenerations of one story run one at a time. */
    public static Optional<Story> lockedById(UUID id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }
}
