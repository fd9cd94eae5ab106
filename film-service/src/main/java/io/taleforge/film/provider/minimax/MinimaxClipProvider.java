package io.taleforge.film.provider.minimax;

import java.math.BigDecimal;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.commons.provider.ProviderHttpException;
import io.taleforge.commons.provider.TransientProviderException;
import io.taleforge.commons.redaction.Redactor;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.provider.ClipProvider;
import io.taleforge.film.provider.ClipRequest;
import io.taleforge.film.provider.ClipTask;
import io.taleforge.film.provider.ClipVideo;
import io.taleforge.film.provider.VideoDownloads;
import io.taleforge.film.provider.VideoFetcher;

/**
 * MiniMax Hailuo video ({@code provider.name=minimax}): {@code POST /v1/video_generation} with the
 * picture as {@code first_frame_image} (a public URL, else a data URL), then
 * {@code GET /v1/query/video_generation} until {@code Success} (with a {@code file_id}) or
 * {@code Fail}, then {@code GET /v1/files/retrieve} for the download link (valid 9 hours), downloaded
 * at once; an expired link is retrieved afresh once. The key is a bearer, registered with the
 * {@link Redactor}. Errors, often HTTP 200 with a non-zero {@code base_resp.status_code}, are mapped
 * by {@link MinimaxErrors}.
 */
@ApplicationScoped
public class MinimaxClipProvider implements ClipProvider {

    public static final String NAME = "minimax";

    private final MinimaxClient client;
    private final FilmConfig.Minimax config;
    private final Redactor redactor;
    private final VideoFetcher fetcher;

    public MinimaxClipProvider(@RestClient MinimaxClient client, FilmConfig config, Redactor redactor,
            VideoDownloads downloads) {
        this.client = client;
        this.config = config.minimax();
        this.redactor = redactor;
        this.fetcher = downloads.fetcher();
        this.config.apiKey().ifPresent(redactor::register);
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
    public BigDecimal seconds() {
        return BigDecimal.valueOf(config.durationSeconds());
    }

    @Override
    public String create(ClipRequest request) {
        MinimaxApi.CreateRequest body = new MinimaxApi.CreateRequest(config.model(),
                request.picture().urlOr(request.picture().dataUrl()), request.prompt(), config.durationSeconds(),
                config.resolution(), true);
        MinimaxApi.CreateResponse answer = call(() -> client.create(bearer(), body));
        check(answer == null ? null : answer.baseResp());
        if (answer.taskId() == null || answer.taskId().isBlank()) {
            throw new TransientProviderException("minimax answered the create without a task_id");
        }
        return answer.taskId();
    }

    @Override
    public ClipTask poll(String taskId) {
        MinimaxApi.QueryResponse answer = call(() -> client.query(bearer(), taskId));
        String status = answer == null || answer.status() == null ? "" : answer.status();
        if ("Fail".equals(status)) {
            MinimaxApi.BaseResp resp = answer.baseResp();
            return ClipTask.failed(taskId, status, resp != null && resp.failed()
                    ? "minimax " + resp.statusCode() + ": " + resp.statusMsg()
                    : "minimax reported the task failed without a reason");
        }
        check(answer == null ? null : answer.baseResp());
        if ("Success".equals(status)) {
            if (answer.fileId() == null) {
                throw new TransientProviderException("minimax answered Success without a file_id");
            }
            return ClipTask.succeeded(taskId, status, answer.fileId());
        }
        return ClipTask.running(taskId, status);
    }

    @Override
    public ClipVideo fetch(ClipTask done) throws InterruptedException {
        return fetcher.fetch(downloadUrl(done.videoRef()), () -> downloadUrl(done.videoRef()));
    }

    @PreDestroy
    void close() {
        fetcher.close();
    }

    private String downloadUrl(String fileId) {
        MinimaxApi.FileResponse answer = call(() -> client.retrieve(bearer(), fileId));
        check(answer == null ? null : answer.baseResp());
        if (answer.file() == null || answer.file().downloadUrl() == null) {
            throw new TransientProviderException("minimax answered the file " + fileId + " without a download_url");
        }
        return answer.file().downloadUrl();
    }

    private void check(MinimaxApi.BaseResp resp) {
        if (resp == null) {
            throw new TransientProviderException("minimax answered without base_resp");
        }
        if (resp.failed()) {
            throw MinimaxErrors.map(resp, redactor::redact);
        }
    }

    private <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw ProviderHttpException.mapped(e, NAME, http -> MinimaxErrors.map(http, redactor::redact),
                    redactor::redact);
        }
    }

    private String bearer() {
        return "Bearer " + config.apiKey().filter(k -> !k.isBlank())
                .orElseThrow(() -> new KeyRejectedException("no MINIMAX_API_KEY configured"));
    }
}
