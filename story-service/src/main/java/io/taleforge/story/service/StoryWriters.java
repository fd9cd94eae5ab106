package io.taleforge.story.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.provider.StoryWriter;

/**
 * Picks the story writer named by {@code taleforge.story.writer.provider} among the
 * {@code @Identifier}-qualified {@link StoryWriter} beans; an unknown name stops the start.
 */
@ApplicationScoped
@Startup
public class StoryWriters {

    private final StoryWriter current;

    public StoryWriters(@Any Instance<StoryWriter> writers, StoryConfig config) {
        String name = config.writer().provider();
        Instance<StoryWriter> selected = writers.select(Identifier.Literal.of(name));
        if (!selected.isResolvable()) {
            throw new IllegalStateException("unknown story writer '" + name + "' (taleforge.story.writer.provider)");
        }
        this.current = selected.get();
    }

    public StoryWriter current() {
        return current;
    }
}
