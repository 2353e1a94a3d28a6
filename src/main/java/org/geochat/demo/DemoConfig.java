package org.geochat.demo;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.geochat.core.Settings;

/** The lessons' settings (README.md, "Configuration"). */
public record DemoConfig(
        boolean enabled,
        Optional<URI> upstreamUrl,
        Duration grace,
        int executorThreads,
        int executorQueue,
        int maxCalls) {

    public static DemoConfig from(Settings settings) {
        return new DemoConfig(
                "on".equals(settings.oneOf("GEOCHAT_DEMO", "on", "on", "off")),
                settings.uri("GEOCHAT_DEMO_UPSTREAM_URL"),
                settings.duration("GEOCHAT_DEMO_GRACE", Duration.ofSeconds(2), Duration.ofMinutes(1)),
                settings.integer("GEOCHAT_DEMO_EXECUTOR_THREADS", 16, 1, 1000),
                settings.integer("GEOCHAT_DEMO_EXECUTOR_QUEUE", 1000, 0, 100_000),
                settings.integer("GEOCHAT_DEMO_MAX_CALLS", 4000, 1, 1_000_000));
    }
}
