package io.taleforge.film.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.taleforge.film.client.ApprovalClient;
import io.taleforge.film.client.ApprovalDocument;
import io.taleforge.film.client.StoryClient;
import io.taleforge.film.client.StoryDocument;

/**
 * What the film's title card shows: the story's title (story-service) and the hero's portrait,
 * picture 0 of the story, when approval-service says it is approved (else the title alone). A
 * service that cannot answer throws, so the assembly waits; a portrait that cannot be read only
 * leaves the card without it.
 */
@ApplicationScoped
public class FilmCover {

    /** The hero's portrait is picture number 0 of a story; scenes are 1..20. */
    static final int PORTRAIT = 0;

    /** The title card: the title and the portrait's bytes (null without one). */
    public record Cover(String title, byte[] portrait) {
    }

    private final StoryClient stories;
    private final ApprovalClient approvals;
    private final PictureReader pictures;

    public FilmCover(StoryClient stories, ApprovalClient approvals, PictureReader pictures) {
        this.stories = stories;
        this.approvals = approvals;
        this.pictures = pictures;
    }

    public Cover of(UUID storyId) {
        String title = stories.story(storyId).map(StoryDocument::title).filter(t -> !t.isBlank()).orElse("Taleforge");
        String portraitUrl = approvals.approvals(storyId).map(ApprovalDocument::scenes).orElseGet(java.util.List::of)
                .stream().filter(s -> s.sceneNumber() == PORTRAIT && "APPROVED".equals(s.state()) && s.imageUrl() != null)
                .map(ApprovalDocument.Scene::imageUrl).findFirst().orElse(null);
        return new Cover(title, portraitUrl == null ? null : portrait(storyId, portraitUrl));
    }

    private byte[] portrait(UUID storyId, String url) {
        try {
            byte[] bytes = pictures.read(url).bytes();
            return bytes.length == 0 ? null : bytes;
        } catch (RuntimeException e) {
            Log.warnf("the hero's portrait cannot be read, title card without it storyId=%s: %s", storyId, e.toString());
            return null;
        }
    }
}
