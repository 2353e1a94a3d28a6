package org.geochat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.geochat.core.Settings;
import org.junit.jupiter.api.Test;

/**
 * Whatever a setting says, geochat's configuration is built, or refused with a message that names the setting:
 * never another exception, never a deployment that fails somewhere else later.
 */
class ConfigPropertyTest {

    private static final String[] SETTINGS = {
        "GEOCHAT_BATCH_MAX",
        "GEOCHAT_CACHE_SIZE",
        "GEOCHAT_CACHE_TTL",
        "GEOCHAT_CHAT_HISTORY",
        "GEOCHAT_CHAT_IDLE",
        "GEOCHAT_CHAT_MAX_CONN_PER_IP",
        "GEOCHAT_CHAT_MAX_MESSAGE",
        "GEOCHAT_CHAT_MAX_ROOMS",
        "GEOCHAT_CHAT_ORIGINS",
        "GEOCHAT_CHAT_OUTBOX",
        "GEOCHAT_CHAT_OUTBOX_BYTES",
        "GEOCHAT_CHAT_PING",
        "GEOCHAT_CHAT_RATE",
        "GEOCHAT_CHAT_SEND_TIMEOUT",
        "GEOCHAT_CHAT_SHOW_IP",
        "GEOCHAT_CITY_DB_V4",
        "GEOCHAT_CITY_DB_V6",
        "GEOCHAT_COUNTRY_DB",
        "GEOCHAT_DEMO",
        "GEOCHAT_DEMO_EXECUTOR_QUEUE",
        "GEOCHAT_DEMO_EXECUTOR_THREADS",
        "GEOCHAT_DEMO_GRACE",
        "GEOCHAT_DEMO_MAX_CALLS",
        "GEOCHAT_DEMO_UPSTREAM_URL",
        "GEOCHAT_FORWARDED_HEADER",
        "GEOCHAT_METRICS_ALLOW",
        "GEOCHAT_REDIS_BUFFER",
        "GEOCHAT_REDIS_PRESENCE_TTL",
        "GEOCHAT_REDIS_URL",
        "GEOCHAT_TRUSTED_PROXIES",
        "GEOCHAT_UPSTREAM_TIMEOUT",
        "GEOCHAT_UPSTREAM_URL"
    };

    @Provide
    static Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().numeric().ofMaxLength(12),
                Arbitraries.of(
                        "0",
                        "-1",
                        "2147483648",
                        "1e3",
                        "10s",
                        "0s",
                        "PT-1S",
                        "P1000000D",
                        "20/10s",
                        "0/1s",
                        "off",
                        "on",
                        "masked",
                        "redis://",
                        "redis://:@:0",
                        "rediss://h:99999",
                        "http://",
                        "ftp://x",
                        "http://[::1",
                        "10.0.0.0/33",
                        "::/0",
                        "none",
                        ",,,",
                        " ",
                        "\u0000",
                        "a\u0000b",
                        "../x",
                        "X-Forwarded-For",
                        "forwarded"),
                Arbitraries.strings().withChars("0123456789smhPT/.,: -").ofMaxLength(12));
    }

    @Property(tries = 3000)
    void anyValueOfAnySettingIsTakenOrRefusedByName(
            @ForAll("values") String value, @ForAll("settingNames") String name) {
        Settings settings = new Settings(Map.of(Settings.propertyName(name), value)::get, env -> null, context -> null);
        try {
            Config.from(settings);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().contains(name), name + "=" + value + ": " + refused.getMessage());
        }
    }

    @Provide
    static Arbitrary<String> settingNames() {
        return Arbitraries.of(SETTINGS);
    }

    @Test
    void aRelativeFileIsTakenAgainstTheWorkingDirectoryAndShownAbsolute() {
        Settings settings =
                new Settings(Map.of("geochat.city.db.v4", "../shared/geoip/x.mmdb")::get, env -> null, context -> null);
        Path resolved = settings.path("GEOCHAT_CITY_DB_V4").orElseThrow();
        assertTrue(resolved.isAbsolute(), resolved.toString());
        assertEquals(Path.of("").toAbsolutePath().getParent().resolve("shared/geoip/x.mmdb"), resolved);
        Settings nul = new Settings(Map.of("geochat.city.db.v4", "a\u0000b")::get, env -> null, context -> null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> nul.path("GEOCHAT_CITY_DB_V4"))
                .getMessage()
                .startsWith("GEOCHAT_CITY_DB_V4="));
    }
}
