package org.geochat.demo;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.client.Client;
import java.util.List;
import org.geochat.core.AsyncRuntime;

/** The async lessons of one deployment ({@code /api/demo}, {@code /api/hello}); none when switched off. */
public final class Demo {

    /** The paths the lessons serve, left out of the OpenAPI document when they are off. */
    public static final List<String> PATHS = List.of("/api/demo", "/api/hello");

    private final List<Object> resources;

    private Demo(List<Object> resources) {
        this.resources = resources;
    }

    /** @param client the deployment's async JAX-RS client, which the caller closes */
    public static Demo start(DemoConfig config, Client client, AsyncRuntime runtime, MeterRegistry registry) {
        if (!config.enabled()) {
            return new Demo(List.of());
        }
        Lessons lessons = new Lessons(
                client,
                config.upstreamUrl(),
                config.grace(),
                runtime,
                runtime.blockingPool("geochat-blocking-", config.executorThreads(), config.executorQueue()),
                config.maxCalls());
        lessons.monitor(registry);
        return new Demo(List.of(new DemoResource(lessons, new Burst(client, lessons)), new HelloResource(lessons)));
    }

    /** Instances of the JAX-RS resources, ready to register; none when the lessons are off. */
    public List<Object> resources() {
        return resources;
    }
}
