package io.taleforge.approval.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A story approval-service has heard of; its row is the lock that serializes the story's changes. */
@Entity
@Table(name = "approval_story")
public class StoryApproval {

    @Id
    @Column(name = "story_id")
    public UUID storyId;

    /** When "all approved" was announced; set once, never cleared. */
    @Column(name = "all_approved_at")
    public Instant allApprovedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
