package io.taleforge.film.store;

import java.io.IOException;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.taleforge.film.config.FilmConfig;
import io.taleforge.media.store.MediaStore;

/**
 * The selected media store ({@code taleforge.film.store.name}: {@code local} disk served at
 * {@code /media/**}, or {@code cloudinary} as a video), where every clip is copied the moment it
 * succeeds, and where narrations, the film and its subtitles are kept; also what tells a provider whether our pictures are public.
 */
@ApplicationScoped
public class ClipStore {

    private final MediaStore selected;

    public ClipStore(@Any Instance<MediaStore> stores, FilmConfig config) {
        String wanted = config.store().name();
        this.selected = stores.stream().filter(s -> s.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no media store named '" + wanted + "'; known: "
                        + stores.stream().map(MediaStore::name).collect(Collectors.joining(", "))));
    }

    public MediaStore selected() {
        return selected;
    }

    /** Whether pictures are public URLs a provider can fetch (Cloudinary), rather than ours alone. */
    public boolean picturesArePublic() {
        return "cloudinary".equals(selected.name());
    }

    /** Stores one clip of {@code storyId}'s scene, attempt {@code attempt}. */
    public MediaStore.StoredMedia put(UUID storyId, int sceneNumber, int attempt, byte[] video) throws IOException {
        return put(storyId, sceneNumber, attempt, video, "video/mp4");
    }

    /** Stores a scene's narration ({@code audio/*}), or the film (scene 0) and its subtitles. */
    public MediaStore.StoredMedia put(UUID storyId, int sceneNumber, int attempt, byte[] bytes, String contentType)
            throws IOException {
        return selected.put(new MediaStore.Target(storyId, sceneNumber, attempt), bytes, contentType);
    }
}
