package org.geochat.lookup;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.geochat.core.Settings;

/** The lookup API's settings (README.md, "Configuration"). */
public record LookupConfig(
        Optional<URI> upstreamUrl, Duration upstreamTimeout, int batchMax, int cacheSize, Duration cacheTtl) {

    public static LookupConfig from(Settings settings) {
        return new LookupConfig(
                settings.uri("GEOCHAT_UPSTREAM_URL"),
                settings.duration("GEOCHAT_UPSTREAM_TIMEOUT", Duration.ofSeconds(2), Duration.ofMinutes(5)),
                settings.integer("GEOCHAT_BATCH_MAX", 100, 1, 1000),
                settings.integer("GEOCHAT_CACHE_SIZE", 10_000, 0, 10_000_000),
                settings.duration("GEOCHAT_CACHE_TTL", Duration.ofHours(1), Duration.ofDays(30)));
    }
}
