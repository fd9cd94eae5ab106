package io.taleforge.film.provider.kling;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;

import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.commons.provider.ProviderException;
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
 * Kling image-to-video ({@code provider.name=kling}): {@code POST /v1/videos/image2video} with the
 * picture (a public URL, else raw base64), then {@code GET …/{task_id}} until {@code succeed} or
 * {@code failed} (a failure is HTTP 200 with the reason in {@code task_status_msg}), then the video
 * at {@code task_result.videos[0].url}, downloaded at once. The bearer is a JWT from the access and
 * secret keys ({@link KlingTokens}); a 401 "expired" (1004) renews it and tries once more. Errors
 * are mapped by {@link KlingErrors}; both keys are registered with the {@link Redactor}.
 */
@ApplicationScoped
public class KlingClipProvider implements ClipProvider {

    public static final String NAME = "kling";

    /** The answer standing for "no task with that external id". */
    private static final KlingApi.Envelope NONE = new KlingApi.Envelope(0, "none", null, null);

    private final KlingClient client;
    private final FilmConfig.Kling config;
    private final Redactor redactor;
    private final VideoFetcher fetcher;
    private final KlingTokens tokens;

    public KlingClipProvider(@RestClient KlingClient client, FilmConfig config, Redactor redactor,
            VideoDownloads downloads) {
        this.client = client;
        this.config = config.kling();
        this.redactor = redactor;
        this.fetcher = downloads.fetcher();
        this.config.accessKey().ifPresent(redactor::register);
        this.config.secretKey().ifPresent(redactor::register);
        this.tokens = this.config.accessKey().isPresent() && this.config.secretKey().isPresent()
                ? new KlingTokens(this.config.accessKey().get(), this.config.secretKey().get(),
                        this.config.tokenTtl(), Clock.systemUTC())
                : null;
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
        KlingApi.CreateRequest body = new KlingApi.CreateRequest(config.model(),
                request.picture().urlOr(request.picture().base64()), request.prompt(), config.mode(),
                Integer.toString(config.durationSeconds()), request.externalId());
        KlingApi.Envelope answer = call(() -> client.create(bearer(), body));
        if (answer.data() == null || answer.data().taskId() == null) {
            throw new TransientProviderException("kling answered the create without a task_id");
        }
        return answer.data().taskId();
    }

    /**
     * Asks for the task of our {@code external_task_id}: Kling keeps it unique per account, so a
     * repeated create would be refused, and a lost create answer is found again here. A 404 (or
     * 1202/1203, no such resource) or an answer without a task id means there is none.
     */
    @Override
    public Optional<String> existing(ClipRequest request) {
        KlingApi.Envelope answer = call(() -> {
            try {
                KlingApi.Envelope found = client.byExternalId(bearer(), request.externalId());
                return found != null && KlingErrors.isNoSuchResource(found.code()) ? NONE : found;
            } catch (RuntimeException e) {
                ProviderHttpException http = ProviderHttpException.find(e);
                if (http != null && (http.status() == 404 || KlingErrors.isNoSuchResource(KlingErrors.code(http.body())))) {
                    return NONE;
                }
                throw e;
            }
        });
        return Optional.ofNullable(answer.data()).map(KlingApi.Task::taskId);
    }

    @Override
    public ClipTask poll(String taskId) {
        KlingApi.Task task = query(taskId);
        String status = task.taskStatus() == null ? "" : task.taskStatus();
        return switch (status) {
            case "succeed" -> ClipTask.succeeded(taskId, status, videoUrl(task), units(task));
            case "failed" -> ClipTask.failed(taskId, status, task.taskStatusMsg() == null
                    ? "kling reported the task failed without a reason" : task.taskStatusMsg());
            default -> ClipTask.running(taskId, status);
        };
    }

    /** The units Kling billed ({@code final_unit_deduction}), null when it does not say or says something else. */
    private static BigDecimal units(KlingApi.Task task) {
        String units = task.finalUnitDeduction();
        if (units == null || units.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(units.strip());
        } catch (NumberFormatException e) {
            Log.warnf("kling final_unit_deduction unreadable task=%s value=%s", task.taskId(), units);
            return null;
        }
    }

    @Override
    public ClipVideo fetch(ClipTask done) throws InterruptedException {
        return fetcher.fetch(done.videoRef(), () -> videoUrl(query(done.taskId())));
    }

    @PreDestroy
    void close() {
        fetcher.close();
    }

    private KlingApi.Task query(String taskId) {
        KlingApi.Envelope answer = call(() -> client.query(bearer(), taskId));
        if (answer.data() == null) {
            throw new TransientProviderException("kling answered the query of " + taskId + " without data");
        }
        return answer.data();
    }

    private static String videoUrl(KlingApi.Task task) {
        if (task.taskResult() == null || task.taskResult().videos() == null || task.taskResult().videos().isEmpty()) {
            return null;
        }
        return task.taskResult().videos().get(0).url();
    }

    /** One call; a 401 "token expired" renews the token and tries once more; errors mapped at the edge. */
    private KlingApi.Envelope call(Supplier<KlingApi.Envelope> call) {
        try {
            return checked(call.get());
        } catch (RuntimeException e) {
            ProviderHttpException http = ProviderHttpException.find(e);
            if (http != null && http.status() == 401 && KlingErrors.code(http.body()) == KlingErrors.TOKEN_EXPIRED) {
                tokens.renew();
                try {
                    return checked(call.get());
                } catch (RuntimeException again) {
                    throw mapped(again);
                }
            }
            throw mapped(e);
        }
    }

    private KlingApi.Envelope checked(KlingApi.Envelope answer) {
        if (answer == null) {
            throw new TransientProviderException("kling answered with an empty body");
        }
        if (answer.code() != null && answer.code() != 0) {
            throw KlingErrors.map(answer, redactor::redact);
        }
        return answer;
    }

    private ProviderException mapped(RuntimeException e) {
        return ProviderHttpException.mapped(e, NAME, http -> KlingErrors.map(http, redactor::redact), redactor::redact);
    }

    private String bearer() {
        if (tokens == null) {
            throw new KeyRejectedException("no KLING_ACCESS_KEY and KLING_SECRET_KEY configured");
        }
        return tokens.bearer();
    }
}
