package io.taleforge.gateway.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.taleforge.gateway.service.EventFeed;

/** {@code taleforge_sse_clients}: the browsers following a story's event stream on this instance. */
@ApplicationScoped
public class SseClientsGauge {

    private final MeterRegistry registry;
    private final EventFeed feed;

    public SseClientsGauge(MeterRegistry registry, EventFeed feed) {
        this.registry = registry;
        this.feed = feed;
    }

    void register(@Observes StartupEvent start) {
        Gauge.builder("taleforge.sse.clients", feed, EventFeed::followers)
                .description("Browsers following a story's event stream on this instance").register(registry);
    }
}
