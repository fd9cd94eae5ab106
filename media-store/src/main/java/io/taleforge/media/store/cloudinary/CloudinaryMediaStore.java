package io.taleforge.media.store.cloudinary;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.taleforge.commons.http.HttpFailures;
import io.taleforge.commons.redaction.Redactor;
import io.taleforge.media.store.MediaStore;
import io.taleforge.media.store.MediaStoreConfig;
import io.taleforge.media.store.StoreRateLimitedException;
import io.taleforge.media.store.StoreRejectedException;
import io.vertx.core.buffer.Buffer;

/**
 * Cloudinary ({@code store.name=cloudinary}): one multipart upload per {@link #put}, with the
 * bytes as the {@code file} part, to {@code /image/upload} for a picture and {@code /video/upload}
 * (resource type video) for a clip, and the public id {@code <folder>/<storyId>/scene-<nn>-a<attempt>}
 * (a clip: {@code clip-<nn>-a<attempt>}),
 * so a retried upload of one attempt overwrites its image instead of adding a second one.
 * Signed ({@code api_key}, {@code timestamp}, {@code overwrite=true}, {@code signature}; the secret
 * itself is never sent) when key and secret are configured, else unsigned with the upload preset.
 * The answer's {@code secure_url} is the image URL of READY. Errors: 400, 401, 403, 404 →
 * {@link StoreRejectedException} (not retried); 420, 429 → {@link StoreRateLimitedException} with
 * the answer's {@code Retry-After} (retried by the caller's guard, not before that wait); 5xx and
 * connection failures → {@link IOException} (retried).
 */
@ApplicationScoped
public class CloudinaryMediaStore implements MediaStore {

    public static final String NAME = "cloudinary";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudinaryUploadClient client;
    private final CloudinarySettings settings;
    private final Redactor redactor;
    private final Clock clock;

    @Inject
    public CloudinaryMediaStore(@RestClient CloudinaryUploadClient client, MediaStoreConfig config, Redactor redactor) {
        this(client, CloudinarySettings.from(config.cloudinary()), redactor, Clock.systemUTC());
    }

    CloudinaryMediaStore(CloudinaryUploadClient client, CloudinarySettings settings, Redactor redactor, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.redactor = redactor;
        this.clock = clock;
        if (settings.apiSecret() != null) {
            redactor.register(settings.apiSecret());
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code <folder>/<storyId>/scene-<nn>-a<attempt>}: one image per attempt, whatever the retries. */
    public static String publicId(String folder, Target target) {
        return publicId(folder, target, "scene");
    }

    /**
     * {@code <folder>/<storyId>/<kind>-<nn>-a<attempt>}: {@code scene} for a picture, {@code clip} for a video,
     * {@code narration} for audio, {@code subtitles} for a text track.
     */
    public static String publicId(String folder, Target target, String kind) {
        String prefix = folder == null || folder.isBlank() ? "" : folder.replaceAll("/+$", "") + "/";
        return "%s%s/%s-%02d-a%d".formatted(prefix, target.storyId(), kind, target.sceneNumber(), target.attempt());
    }

    /** Cloudinary's resource type of an upload: {@code video} for video/* and audio/*, {@code raw} for text, else {@code image}. */
    static String resourceType(String contentType) {
        String type = contentType == null ? "" : contentType;
        if (type.startsWith("video/") || type.startsWith("audio/")) {
            return "video";
        }
        return type.startsWith("text/") || type.equals("application/x-subrip") ? "raw" : "image";
    }

    /** The kind part of the public id: what the upload is. */
    static String kind(String contentType) {
        String type = contentType == null ? "" : contentType;
        if (type.startsWith("video/")) {
            return "clip";
        }
        if (type.startsWith("audio/")) {
            return "narration";
        }
        return "raw".equals(resourceType(type)) ? "subtitles-" + extension(type).substring(1) : "scene";
    }

    /** The form fields of an upload, signature included; the file is added by the caller. */
    Map<String, String> fields(String publicId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("public_id", publicId);
        if (settings.uploadPreset() != null) {
            fields.put("upload_preset", settings.uploadPreset());
        }
        if (settings.signed()) {
            fields.put("overwrite", "true");
            fields.put("timestamp", Long.toString(clock.instant().getEpochSecond()));
            String signature = CloudinarySettings.signature(fields, settings.apiSecret());
            fields.put("api_key", settings.apiKey());
            fields.put("signature", signature);
        }
        return fields;
    }

    @Override
    public StoredMedia put(Target target, byte[] bytes, String contentType) throws IOException {
        if (settings.cloudName() == null) {
            throw new StoreRejectedException("cloudinary: no cloud name configured (CLOUDINARY_URL)");
        }
        String resourceType = resourceType(contentType);
        String publicId = publicId(settings.folder(), target, kind(contentType));
        ClientMultipartForm form = ClientMultipartForm.create();
        fields(publicId).forEach((name, value) -> form.attribute(name, value, null));
        form.binaryFileUpload("file", "scene-" + target.sceneNumber() + extension(contentType), Buffer.buffer(bytes),
                contentType);
        CloudinaryApi.UploadResponse answer;
        try {
            answer = client.upload(settings.cloudName(), resourceType, form);
        } catch (RuntimeException e) {
            CloudinaryHttpException http = find(e);
            if (http != null) {
                throw map(http);
            }
            throw new IOException(redactor.redact("cloudinary upload failed: " + HttpFailures.rootDescription(e)), e);
        }
        if (answer == null || answer.secureUrl() == null) {
            throw new IOException("cloudinary answered without a secure_url");
        }
        long size = answer.bytes() == null ? bytes.length : answer.bytes();
        return new StoredMedia(answer.publicId() == null ? publicId : answer.publicId(), answer.secureUrl(), size);
    }

    /** Cloudinary serves its images itself (secure_url): nothing is served from here. */
    @Override
    public Optional<Media> get(String key) {
        return Optional.empty();
    }

    IOException map(CloudinaryHttpException e) {
        String message = redactor.redact("cloudinary " + e.status + ": " + errorMessage(e.body));
        return switch (e.status) {
            case 400 -> new StoreRejectedException(message + " (upload refused)");
            case 401, 403 -> new StoreRejectedException(message + " (credentials or signature rejected)");
            case 404 -> new StoreRejectedException(message + " (unknown cloud " + settings.cloudName() + ")");
            case 420, 429 -> new StoreRateLimitedException(message + " (rate limited)", e.retryAfter);
            default -> new IOException(message);
        };
    }

    private static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            CloudinaryApi.ErrorBody parsed = JSON.readValue(body, CloudinaryApi.ErrorBody.class);
            if (parsed != null && parsed.error() != null && parsed.error().message() != null) {
                return parsed.error().message();
            }
        } catch (Exception e) {
            // not Cloudinary's JSON: the start of the body tells more than nothing
        }
        String b = body.strip();
        return b.length() > 300 ? b.substring(0, 300) + "…" : b;
    }

    private static String extension(String contentType) {
        return switch (contentType == null ? "" : contentType) {
            case "image/jpeg" -> ".jpg";
            case "image/webp" -> ".webp";
            case "video/mp4" -> ".mp4";
            case "audio/wav" -> ".wav";
            case "audio/mpeg" -> ".mp3";
            case "text/vtt" -> ".vtt";
            case "application/x-subrip" -> ".srt";
            default -> ".png";
        };
    }

    private static CloudinaryHttpException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CloudinaryHttpException http) {
                return http;
            }
        }
        return null;
    }

}
