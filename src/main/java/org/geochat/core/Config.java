package org.geochat.core;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.geochat.chat.ChatConfig;
import org.geochat.chat.cluster.ClusterConfig;
import org.geochat.lookup.ClientAddress;
import org.geochat.lookup.IpRange;

/**
 * Every geochat setting, typed, with its default. Names are the environment-variable form; see
 * {@link Settings} for the system-property and context-parameter forms and the order they are read in.
 * README.md's configuration table lists the same settings.
 */
public record Config(
        Optional<URI> upstreamUrl,
        Duration upstreamTimeout,
        int batchMax,
        int cacheSize,
        Duration cacheTtl,
        List<IpRange> trustedProxies,
        String forwardedHeader,
        Optional<Path> countryDb,
        Optional<Path> cityDbV4,
        Optional<Path> cityDbV6,
        Optional<URI> demoUpstreamUrl,
        Duration demoGrace,
        int demoExecutorThreads,
        int demoExecutorQueue,
        int demoMaxCalls,
        boolean demoEnabled,
        List<IpRange> metricsAllow,
        ChatConfig chat,
        Optional<ClusterConfig> cluster) {

    public static Config from(Settings settings) {
        ChatConfig chat = ChatConfig.from(settings);
        return new Config(
                settings.uri("GEOCHAT_UPSTREAM_URL"),
                settings.duration("GEOCHAT_UPSTREAM_TIMEOUT", Duration.ofSeconds(2), Duration.ofMinutes(5)),
                settings.integer("GEOCHAT_BATCH_MAX", 100, 1, 1000),
                settings.integer("GEOCHAT_CACHE_SIZE", 10_000, 0, 10_000_000),
                settings.duration("GEOCHAT_CACHE_TTL", Duration.ofHours(1), Duration.ofDays(30)),
                trustedProxies(settings),
                settings.oneOf("GEOCHAT_FORWARDED_HEADER", ClientAddress.X_FORWARDED_FOR,
                        ClientAddress.X_FORWARDED_FOR, ClientAddress.FORWARDED),
                settings.path("GEOCHAT_COUNTRY_DB"),
                settings.path("GEOCHAT_CITY_DB_V4"),
                settings.path("GEOCHAT_CITY_DB_V6"),
                settings.uri("GEOCHAT_DEMO_UPSTREAM_URL"),
                settings.duration("GEOCHAT_DEMO_GRACE", Duration.ofSeconds(2), Duration.ofMinutes(1)),
                settings.integer("GEOCHAT_DEMO_EXECUTOR_THREADS", 16, 1, 1000),
                settings.integer("GEOCHAT_DEMO_EXECUTOR_QUEUE", 1000, 0, 100_000),
                settings.integer("GEOCHAT_DEMO_MAX_CALLS", 4000, 1, 1_000_000),
                "on".equals(settings.oneOf("GEOCHAT_DEMO", "on", "on", "off")),
                ranges(settings, "GEOCHAT_METRICS_ALLOW", "127.0.0.0/8,::1/128"),
                chat,
                ClusterConfig.from(settings, chat.history()));
    }

    private static List<IpRange> trustedProxies(Settings settings) {
        return ranges(settings, "GEOCHAT_TRUSTED_PROXIES", "");
    }

    /** Comma- or space-separated CIDRs; {@code none} for none. */
    private static List<IpRange> ranges(Settings settings, String envName, String defaultValue) {
        List<String> cidrs = settings.text(envName).isPresent() ? settings.list(envName) : List.of(defaultValue.split(","));
        return cidrs.stream().filter(cidr -> !cidr.isBlank() && !"none".equals(cidr)).map(cidr -> {
            try {
                return IpRange.parse(cidr.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(envName + ": " + e.getMessage(), e);
            }
        }).toList();
    }
}
