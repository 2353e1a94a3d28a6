package org.geochat.chat.cluster;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Optional;
import org.geochat.core.Settings;

/**
 * The cluster's settings ({@code GEOCHAT_REDIS_*}; README.md's configuration table has each one). Absent
 * without {@code GEOCHAT_REDIS_URL}: the chat then runs on this node alone.
 *
 * @param buffer events kept while Redis is unreachable; beyond it messages are refused (the sender is told)
 * @param presenceTtl how long a member stays in a room's presence once its node stops refreshing it
 * @param streamLength entries each room's stream keeps (approximately): the history, and never fewer than
 *                     {@link #MIN_STREAM_LENGTH}, so a node that fell behind for a moment still finds what it missed
 */
public record ClusterConfig(RedisURI redis, int buffer, Duration presenceTtl, int streamLength) {

    static final int MIN_STREAM_LENGTH = 1000;

    public static Optional<ClusterConfig> from(Settings settings, int history) {
        return settings.text("GEOCHAT_REDIS_URL").map(raw -> {
            RedisURI uri;
            try {
                uri = RedisURI.create(raw);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("GEOCHAT_REDIS_URL: " + e.getMessage(), e);
            }
            if (!raw.startsWith("redis://") && !raw.startsWith("rediss://")) {
                throw new IllegalArgumentException("GEOCHAT_REDIS_URL must be a redis:// or rediss:// URL, not " + raw);
            }
            return new ClusterConfig(
                    uri,
                    settings.integer("GEOCHAT_REDIS_BUFFER", 10_000, 1, 10_000_000),
                    settings.duration("GEOCHAT_REDIS_PRESENCE_TTL", Duration.ofSeconds(30), Duration.ofHours(1)),
                    Math.max(history, MIN_STREAM_LENGTH));
        });
    }

    /** {@link #presenceTtl} as cluster.lua takes it: milliseconds. */
    String ttlArgument() {
        return Long.toString(presenceTtl.toMillis());
    }

    /** {@link #streamLength} as cluster.lua takes it. */
    String streamLengthArgument() {
        return Integer.toString(streamLength);
    }

    /** The Redis address without credentials, for logs and {@code /api/health}. */
    public String shownUrl() {
        return (redis.isSsl() ? "rediss://" : "redis://") + redis.getHost() + ":" + redis.getPort() + "/"
                + redis.getDatabase();
    }
}
