package io.taleforge.approval.repository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.taleforge.approval.model.StoryApproval;

@ApplicationScoped
public class StoryApprovalRepository implements PanacheRepositoryBase<StoryApproval, UUID> {

    /** The story, locked for the rest of the transaction (serializes all changes to one story). */
    public Optional<StoryApproval> lock(UUID storyId) {
        return findByIdOptional(storyId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The story, locked; created on first sight. */
    public StoryApproval lockOrCreate(UUID storyId, Instant now) {
        return lock(storyId).orElseGet(() -> {
            StoryApproval story = new StoryApproval();
            story.storyId = storyId;
            story.createdAt = now;
            story.updatedAt = now;
            persistAndFlush(story);
            return story;
        });
    }
}
