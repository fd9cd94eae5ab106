package io.taleforge.image.provider;

import io.taleforge.commons.cost.RateTable;
import io.taleforge.commons.provider.TransientProviderException;
import io.taleforge.commons.provider.RateLimitedException;
import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.commons.provider.ContentPolicyException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Test-only provider (selected by {@code %test.taleforge.image.provider.name=scripted}): draws with
 * the local renderer, records every call, and fails in scripted ways per story: a test lists the
 * outcomes of that story's next calls, in order; once the script is used up, calls succeed.
 */
@ApplicationScoped
public class ScriptedImageProvider implements ImageProvider {

    public enum Step {
        TRANSIENT, CONTENT_POLICY, RATE_LIMITED, KEY_REJECTED
    }

    public record Call(String storyId, int sceneNumber, int attempt, String prompt, Instant at) {
    }

    private final LocalImageRenderer renderer;
    private final Map<String, Deque<Step>> scripts = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Duration retryAfter = Duration.ofMillis(500);

    public ScriptedImageProvider(LocalImageRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public String name() {
        return "scripted";
    }

    /** A test fake costs nothing (and is in no rate table). */
    @Override
    public BigDecimal estimate(RateTable rates, ImageRequest request) {
        return BigDecimal.ZERO;
    }

    @Override
    public String model() {
        return LocalImageRenderer.MODEL;
    }

    public void script(String storyId, Step... steps) {
        scripts.put(storyId, new ArrayDeque<>(List.of(steps)));
    }

    public void retryAfter(Duration value) {
        this.retryAfter = value;
    }

    public List<Call> calls(String storyId) {
        return calls.stream().filter(c -> c.storyId().equals(storyId)).toList();
    }

    @Override
    public GeneratedImage generate(ImageRequest request) throws InterruptedException {
        calls.add(new Call(request.storyId(), request.sceneNumber(), request.attempt(), request.prompt(),
                Instant.now()));
        Deque<Step> script = scripts.get(request.storyId());
        Step step = script == null ? null : script.pollFirst();
        if (step != null) {
            switch (step) {
                case TRANSIENT -> throw new TransientProviderException("503 Service Unavailable (scripted)");
                case CONTENT_POLICY -> throw new ContentPolicyException(
                        "Your request was rejected as a result of our safety system (scripted)");
                case RATE_LIMITED -> throw new RateLimitedException("429 Too Many Requests (scripted)", retryAfter);
                case KEY_REJECTED -> throw new KeyRejectedException("401 Incorrect API key provided (scripted)");
                default -> throw new IllegalStateException(step.name());
            }
        }
        return renderer.generate(request);
    }
}
