package io.taleforge.contracts;

import java.util.Map;

/**
 * CloudEvents 1.0 {@code type} and {@code source} values. Every message is a CloudEvent in Kafka
 * binary mode ({@code ce_*} headers, JSON data), keyed by story id.
 */
public final class EventTypes {

    public static final String SCENE_APPROVED = "io.taleforge.scene.approved.v1";
    public static final String IMAGE_STATUS = "io.taleforge.image.status.v1";
    public static final String IMAGE_REJECTED = "io.taleforge.image.rejected.v1";
    public static final String APPROVAL_STATUS = "io.taleforge.approval.status.v1";
    public static final String STORY_STATUS = "io.taleforge.story.status.v1";
    public static final String CLIP_REQUESTED = "io.taleforge.clip.requested.v1";
    public static final String FILM_STATUS = "io.taleforge.film.status.v1";
    public static final String SCENE_WRITTEN = "io.taleforge.scene.written.v1";

    public static final String SOURCE_STORY_SERVICE = "/taleforge/story-service";
    public static final String SOURCE_IMAGE_SERVICE = "/taleforge/image-service";
    public static final String SOURCE_APPROVAL_SERVICE = "/taleforge/approval-service";
    public static final String SOURCE_FILM_SERVICE = "/taleforge/film-service";

    public static final String CONTENT_TYPE = "application/json";

    /** The CloudEvent type carried on each topic. */
    public static final Map<String, String> BY_TOPIC = Map.of(
            Topics.SCENE_APPROVED, SCENE_APPROVED,
            Topics.IMAGE_STATUS, IMAGE_STATUS,
            Topics.IMAGE_REJECTED, IMAGE_REJECTED,
            Topics.APPROVAL_STATUS, APPROVAL_STATUS,
            Topics.STORY_STATUS, STORY_STATUS,
            Topics.CLIP_REQUESTED, CLIP_REQUESTED,
            Topics.FILM_STATUS, FILM_STATUS,
            Topics.SCENE_WRITTEN, SCENE_WRITTEN);

    private EventTypes() {
    }
}
