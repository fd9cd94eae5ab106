package io.taleforge.image.provider.openai;

import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.taleforge.commons.http.HttpFailures;
import io.taleforge.commons.journal.Redactor;
import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.provider.GeneratedImage;
import io.taleforge.image.provider.ImageProvider;
import io.taleforge.image.provider.ImageRequest;
import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.commons.provider.RequestRejectedException;
import io.taleforge.commons.provider.TransientProviderException;
import io.taleforge.media.download.DownloadRefusedException;
import io.taleforge.media.download.GuardedDownloader;
import io.vertx.core.Vertx;

/**
 * OpenAI images ({@code provider.name=openai}): one {@code POST /images/generations} per call with
 * the bearer key. {@code gpt-image-1} answers base64 ({@code data[0].b64_json}); the dall-e models
 * answer a URL ({@code data[0].url}) that is downloaded through the {@link GuardedDownloader} guard.
 * Errors are mapped by {@link OpenAiErrors}. The key is registered with the {@link Redactor}.
 */
@ApplicationScoped
public class OpenAiImageProvider implements ImageProvider {

    public static final String NAME = "openai";

    private static final Map<String, Set<String>> SIZES = Map.of(
            "gpt-image-1", Set.of("1024x1024", "1536x1024", "1024x1536", "auto"),
            "dall-e-3", Set.of("1024x1024", "1792x1024", "1024x1792"),
            "dall-e-2", Set.of("256x256", "512x512", "1024x1024"));
    private static final Map<String, String> QUALITIES = Map.of("gpt-image-1", "medium", "dall-e-3", "standard");

    private final OpenAiImagesClient client;
    private final Redactor redactor;
    private final ImageConfig.OpenAi config;
    private final GuardedDownloader downloader;

    public OpenAiImageProvider(@RestClient OpenAiImagesClient client, ImageConfig config, Redactor redactor,
            Vertx vertx) {
        this.client = client;
        this.redactor = redactor;
        this.config = config.openai();
        this.config.apiKey().ifPresent(redactor::register);
        ImageConfig.Download d = config.download();
        this.downloader = new GuardedDownloader(vertx, new GuardedDownloader.Settings(d.hosts(), d.maxBytes(),
                d.timeout(), d.testOnlyAllowLoopback(), d.testOnlyTrustAllCertificates()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return config.model();
    }

    @Override
    public GeneratedImage generate(ImageRequest request) throws InterruptedException {
        String key = config.apiKey().orElseThrow(() -> new KeyRejectedException("no OPENAI_API_KEY configured"));
        OpenAiApi.ImagesRequest body = new OpenAiApi.ImagesRequest(model(), request.prompt(), 1,
                size(model(), config.size().orElse(null), request.size()), config.quality()
                        .orElse(QUALITIES.get(model())),
                model().startsWith("dall-e") ? config.responseFormat().orElse(null) : null);
        OpenAiApi.ImagesResponse answer;
        try {
            answer = client.generate("Bearer " + key, body);
        } catch (RuntimeException e) {
            OpenAiHttpException http = find(e);
            if (http != null) {
                throw OpenAiErrors.map(http, redactor::redact);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted during the OpenAI call");
            }
            throw new TransientProviderException(redactor.redact("OpenAI call failed: " + HttpFailures.rootDescription(e)));
        }
        if (answer == null || answer.data() == null || answer.data().isEmpty()) {
            throw new TransientProviderException("OpenAI answered without an image");
        }
        OpenAiApi.Image image = answer.data().get(0);
        if (image.b64Json() != null && !image.b64Json().isBlank()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(image.b64Json().strip());
            } catch (IllegalArgumentException e) {
                throw new TransientProviderException("OpenAI answered an image that is not base64");
            }
            return new GeneratedImage(bytes, contentType(bytes, null), model());
        }
        if (image.url() != null && !image.url().isBlank()) {
            return download(image.url());
        }
        throw new TransientProviderException("OpenAI answered neither b64_json nor url");
    }

    private GeneratedImage download(String url) throws InterruptedException {
        try {
            GuardedDownloader.Downloaded d = downloader.download(url);
            return new GeneratedImage(d.bytes(), contentType(d.bytes(), d.contentType()), model());
        } catch (DownloadRefusedException e) {
            throw new RequestRejectedException("download_refused", e.getMessage());
        } catch (IOException e) {
            // a slow or broken download: the next call draws a new image with a new URL
            throw new TransientProviderException(redactor.redact(e.getMessage()), e);
        }
    }

    @PreDestroy
    void close() {
        downloader.close();
    }

    /** The configured size, else the scene's size when the model supports it, else 1024x1024. */
    static String size(String model, String configured, String requested) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Set<String> supported = SIZES.get(model);
        if (requested != null && (supported == null || supported.contains(requested))) {
            return requested;
        }
        return "1024x1024";
    }

    /** PNG, JPEG or WebP by their magic bytes, else the declared type, else image/png. */
    static String contentType(byte[] b, String declared) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W'
                && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        if (declared != null && declared.startsWith("image/")) {
            int semicolon = declared.indexOf(';');
            return (semicolon < 0 ? declared : declared.substring(0, semicolon)).trim();
        }
        return "image/png";
    }

    private static OpenAiHttpException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OpenAiHttpException http) {
                return http;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

}
