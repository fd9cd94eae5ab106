package io.taleforge.media.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * Local disk store (images, MP4 clips and films, narration audio, subtitles): {@code <dir>/<sha256>.<ext>}, written to a temporary file and moved into
 * place, so a reader never sees half a file and two instances storing the same image agree.
 * Served by {@code GET /media/{key}}; the URL is {@code <public-base-url>/media/<key>}. A failed
 * write says what failed without the store's path on the machine.
 */
@ApplicationScoped
public class LocalDiskMediaStore implements MediaStore {

    public static final String NAME = "local";
    public static final Pattern KEY = Pattern.compile("[a-f0-9]{64}\\.(png|jpg|webp|mp4|wav|mp3|vtt|srt)");

    private static final Map<String, String> EXTENSIONS = Map.of("image/png", "png", "image/jpeg", "jpg",
            "image/webp", "webp", "video/mp4", "mp4", "audio/wav", "wav", "audio/mpeg", "mp3", "text/vtt", "vtt",
            "application/x-subrip", "srt");
    private static final Map<String, String> TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "webp", "image/webp", "mp4", "video/mp4", "wav", "audio/wav", "mp3", "audio/mpeg", "vtt", "text/vtt",
            "srt", "application/x-subrip");

    private final Path dir;
    private final String baseUrl;

    public LocalDiskMediaStore(MediaStoreConfig config) {
        this.dir = Path.of(config.store().dir()).toAbsolutePath().normalize();
        String base = config.store().publicBaseUrl().orElse("");
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StoredMedia put(Target image, byte[] bytes, String contentType) throws IOException {
        String ext = EXTENSIONS.get(contentType);
        if (ext == null) {
            throw new StoreRejectedException("unsupported content type " + contentType);
        }
        String key = sha256(bytes) + "." + ext;
        Path target = dir.resolve(key);
        if (!Files.exists(target)) {
            try {
                write(target, bytes);
            } catch (IOException e) {
                Log.warnf("local media store failed key=%s dir=%s: %s", key, dir, e.toString());
                throw new IOException("local media store could not write " + key + ": " + reason(e));
            }
        }
        return new StoredMedia(key, baseUrl + "/media/" + key, bytes.length);
    }

    private void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(".tmp-" + UUID.randomUUID());
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * What went wrong, without the machine's paths (the reason reaches the journal, the events
     * and the reader's page; the full exception is in this service's log).
     */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String message = e.getMessage();
        return message == null || message.contains("/") || message.contains("\\")
                ? e.getClass().getSimpleName() : message;
    }

    @Override
    public Optional<Media> get(String key) throws IOException {
        if (!KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        Path file = dir.resolve(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String ext = key.substring(key.lastIndexOf('.') + 1);
        return Optional.of(new Media(key, TYPES.get(ext), Files.readAllBytes(file)));
    }

    public Path dir() {
        return dir;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
