package io.taleforge.story.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.provider.StoryWriter;

/**
 * Picks the story writer named by {@code taleforge.story.writer.provider} among the
 * {@code @Identifier}-qualified {@link StoryWriter} beans; an unknown name stops the start, and so
 * does a writer whose configuration cannot work (it is created here, so it checks it now, e.g. the
 * {@code openai} writer without a key for a non-local base URL). It starts before the other
 * start-up observers (Kafka channels, the relay), so a bad configuration stops the start at once.
 */
@ApplicationScoped
@Startup(Interceptor.Priority.PLATFORM_BEFORE)
public class StoryWriters {

    private final StoryWriter current;

    public StoryWriters(@Any Instance<StoryWriter> writers, StoryConfig config) {
        String name = config.writer().provider();
        Instance<StoryWriter> selected = writers.select(Identifier.Literal.of(name));
        if (!selected.isResolvable()) {
            throw new IllegalStateException("unknown story writer '" + name + "' (taleforge.story.writer.provider)");
        }
        this.current = selected.get();
        Log.infof("story writer selected provider=%s model=%s", current.provider(), current.model());
    }

    public StoryWriter current() {
        return current;
    }
}
