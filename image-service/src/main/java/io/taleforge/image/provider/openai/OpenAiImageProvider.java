package io.taleforge.image.provider.openai;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.logging.Log;
import io.taleforge.commons.cost.RateTable;
import io.taleforge.commons.download.DownloadRefusedException;
import io.taleforge.commons.download.GuardedDownloader;
import io.taleforge.commons.http.HttpFailures;
import io.taleforge.commons.http.RateLimitHeaders;
import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.commons.provider.ProviderHttpException;
import io.taleforge.commons.provider.RequestRejectedException;
import io.taleforge.commons.provider.TransientProviderException;
import io.taleforge.commons.redaction.Redactor;
import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.limiter.RedisRateLimiter;
import io.taleforge.image.provider.GeneratedImage;
import io.taleforge.image.provider.ImageDownloads;
import io.taleforge.image.provider.ImageProvider;
import io.taleforge.image.provider.ImageRequest;

/**
 * OpenAI images ({@code provider.name=openai}): one {@code POST /images/generations} per call with
 * the bearer key, its body following the model's row of the {@link ImageModels} table; a scene
 * with a reference (its hero's approved portrait) for a model whose row takes reference images
 * goes to {@code POST /images/edits} instead, multipart, the portrait as the {@code image[]} part
 * with the same fields, and answers the same way. The GPT
 * image models answer base64 ({@code data[0].b64_json}); dall-e-2 answers a URL ({@code data[0].url})
 * unless asked for base64, downloaded through the {@link GuardedDownloader} guard.
 * Errors are mapped by {@link OpenAiErrors}. The key is registered with the {@link Redactor}. The
 * {@code x-ratelimit-*} budgets of every successful answer go to the shared {@link RedisRateLimiter#learn}.
 */
@ApplicationScoped
public class OpenAiImageProvider implements ImageProvider {

    public static final String NAME = "openai";

    private final OpenAiImagesClient client;
    private final Redactor redactor;
    private final ImageConfig.OpenAi config;
    private final ImageDownloads downloader;
    private final RedisRateLimiter limiter;
    private final String account;
    private volatile ImageModel row;

    public OpenAiImageProvider(@RestClient OpenAiImagesClient client, ImageConfig config, Redactor redactor,
            ImageDownloads downloader, RedisRateLimiter limiter) {
        this.client = client;
        this.limiter = limiter;
        this.account = RedisRateLimiter.account(NAME, config.limiter().account());
        this.redactor = redactor;
        this.config = config.openai();
        this.config.apiKey().ifPresent(redactor::register);
        this.downloader = downloader;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return config.model();
    }

    /** The row's price of one image at the size and quality {@link #body} will send. */
    @Override
    public BigDecimal estimate(RateTable rates, ImageRequest request) {
        ImageModel model = row();
        return rates.image(NAME, model.name(), config.quality().orElse(model.defaultQuality()),
                model.size(config.size().orElse(null), request.size()));
    }

    @Override
    public GeneratedImage generate(ImageRequest request) throws InterruptedException {
        String key = config.apiKey().orElseThrow(() -> new KeyRejectedException("no OPENAI_API_KEY configured"));
        ImageModel model = row();
        OpenAiApi.ImagesRequest body = body(model, request);
        ImageRequest.Reference reference = model.referenceImages() ? request.reference() : null;
        OpenAiApi.ImagesResponse answer = call(key, body, reference);
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
            return new GeneratedImage(bytes, contentType(bytes, null), model(),
                    answer.usage() == null ? null : answer.usage().byKind());
        }
        if (image.url() != null && !image.url().isBlank()) {
            return download(image.url());
        }
        throw new TransientProviderException("OpenAI answered neither b64_json nor url");
    }

    /** One call, {@code /images/edits} when there is a reference, with errors mapped to the port's exceptions. */
    private OpenAiApi.ImagesResponse call(String key, OpenAiApi.ImagesRequest body, ImageRequest.Reference reference)
            throws InterruptedException {
        try {
            RestResponse<OpenAiApi.ImagesResponse> response = reference == null ? client.generate("Bearer " + key, body)
                    : client.edit("Bearer " + key, OpenAiApi.editForm(body, reference.bytes(),
                            contentType(reference.bytes(), reference.contentType())));
            learn(response::getHeaderString);
            return response.getEntity();
        } catch (RuntimeException e) {
            ProviderHttpException http = ProviderHttpException.find(e);
            if (http != null) {
                throw OpenAiErrors.map(http, redactor::redact);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted during the OpenAI call");
            }
            throw new TransientProviderException(redactor.redact("OpenAI call failed: " + HttpFailures.rootDescription(e)));
        }
    }

    /**
     * Hands the budgets a successful answer reported ({@code x-ratelimit-*}) to the shared rate
     * limiter; a 429's headers pause the account instead ({@code RateLimitWaits}).
     */
    private void learn(UnaryOperator<String> header) {
        RateLimitHeaders.Allowance allowance = RateLimitHeaders.allowance(header);
        if (!allowance.reported()) {
            return;
        }
        try {
            limiter.learn(account, allowance);
        } catch (RuntimeException e) {
            Log.warnf("rate limiter: the reported budget of account=%s not adopted: %s", account, e.getMessage());
        }
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

    /**
     * The request as the model's row says: its size and quality (or the configured ones), a
     * {@code response_format} only where the row takes one, the prompt cut to the row's limit.
     */
    OpenAiApi.ImagesRequest body(ImageModel model, ImageRequest request) {
        String prompt = model.fitPrompt(request.prompt());
        if (prompt.length() < request.prompt().length()) {
            Log.infof("prompt shortened story=%s scene=%d attempt=%d model=%s from=%d to=%d chars", request.storyId(),
                    request.sceneNumber(), request.attempt(), model.name(), request.prompt().length(), prompt.length());
        }
        return new OpenAiApi.ImagesRequest(model.name(), prompt, 1, model.size(config.size().orElse(null),
                request.size()), config.quality().orElse(model.defaultQuality()),
                model.responseFormat() ? config.responseFormat().orElse(null) : null);
    }

    /** The configured model's row, read once (the start-up check has refused a model the table lacks). */
    ImageModel row() {
        ImageModel known = row;
        if (known == null) {
            ImageModels table = ImageModels.load(config.modelsFile());
            known = table.find(model()).orElseThrow(() -> new RequestRejectedException("image model '" + model()
                    + "' is not in the model table (" + table.source() + ")"));
            row = known;
        }
        return known;
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

}
