package org.geochat.chat;

import java.time.Duration;
import java.util.List;
import org.geochat.core.Settings;

/**
 * The chat's settings ({@code GEOCHAT_CHAT_*}; README.md's configuration table has each one). {@code rate} is
 * null when off; {@code origins} empty means same origin only; {@code maxConnectionsPerIp} 0 means unlimited.
 */
public record ChatConfig(
        String showIp,
        int history,
        int outboxFrames,
        int outboxBytes,
        int maxMessage,
        RateLimit.Rule rate,
        int maxConnectionsPerIp,
        List<String> origins,
        Duration ping,
        Duration idle,
        Duration sendTimeout,
        int maxRooms) {

    static final String MASKED = "masked";
    static final String FULL = "full";
    static final String NONE = "none";

    public static ChatConfig from(Settings settings) {
        String rate = settings.text("GEOCHAT_CHAT_RATE").orElse("20/10s");
        RateLimit.Rule rule;
        try {
            rule = RateLimit.parse(rate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GEOCHAT_CHAT_RATE: " + e.getMessage(), e);
        }
        ChatConfig config = new ChatConfig(
                settings.oneOf("GEOCHAT_CHAT_SHOW_IP", MASKED, MASKED, FULL, NONE),
                settings.integer("GEOCHAT_CHAT_HISTORY", 100, 0, 10_000),
                settings.integer("GEOCHAT_CHAT_OUTBOX", 1024, 1, 100_000),
                settings.integer("GEOCHAT_CHAT_OUTBOX_BYTES", 1 << 20, 1024, 1 << 30),
                settings.integer("GEOCHAT_CHAT_MAX_MESSAGE", 8 * 1024, 16, 1 << 20),
                rule,
                settings.integer("GEOCHAT_CHAT_MAX_CONN_PER_IP", 20, 0, 1_000_000),
                settings.list("GEOCHAT_CHAT_ORIGINS"),
                settings.duration("GEOCHAT_CHAT_PING", Duration.ofSeconds(25), Duration.ofHours(1)),
                settings.duration("GEOCHAT_CHAT_IDLE", Duration.ofSeconds(60), Duration.ofHours(24)),
                settings.duration("GEOCHAT_CHAT_SEND_TIMEOUT", Duration.ofSeconds(10), Duration.ofHours(1)),
                settings.integer("GEOCHAT_CHAT_MAX_ROOMS", 1000, 1, 1_000_000));
        if (config.idle().compareTo(config.ping()) <= 0) {
            throw new IllegalArgumentException(
                    "GEOCHAT_CHAT_IDLE must be longer than GEOCHAT_CHAT_PING, or every quiet client is closed");
        }
        if (config.outboxBytes() < 4L * config.maxMessage()) {
            throw new IllegalArgumentException(
                    "GEOCHAT_CHAT_OUTBOX_BYTES must hold at least 4 messages of GEOCHAT_CHAT_MAX_MESSAGE");
        }
        return config;
    }
}
