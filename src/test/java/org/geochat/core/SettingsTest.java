package org.geochat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geochat.Config;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> context = new HashMap<>();
    private final Settings settings = new Settings(properties::get, environment::get, context::get);

    @Test
    void systemPropertyBeatsEnvironmentBeatsContextParameterBeatsDefault() {
        assertEquals(7, settings.integer("GEOCHAT_BATCH_MAX", 7, 1, 1000));
        context.put("geochat.batch.max", "30");
        assertEquals(30, settings.integer("GEOCHAT_BATCH_MAX", 7, 1, 1000));
        environment.put("GEOCHAT_BATCH_MAX", "20");
        assertEquals(20, settings.integer("GEOCHAT_BATCH_MAX", 7, 1, 1000));
        properties.put("geochat.batch.max", "10");
        assertEquals(10, settings.integer("GEOCHAT_BATCH_MAX", 7, 1, 1000));
    }

    @Test
    void namesMapFromEnvironmentToPropertyForm() {
        assertEquals("geochat.city.db.v4", Settings.propertyName("GEOCHAT_CITY_DB_V4"));
        environment.put("geochat.upstream.url", "http://wrong.example");
        properties.put("GEOCHAT_UPSTREAM_URL", "http://wrong.example");
        assertEquals(Optional.empty(), settings.text("GEOCHAT_UPSTREAM_URL"));
    }

    @Test
    void blankCountsAsUnset() {
        properties.put("geochat.upstream.url", "  ");
        environment.put("GEOCHAT_UPSTREAM_URL", "http://ip-api.com/");
        assertEquals(Optional.of(URI.create("http://ip-api.com")), settings.uri("GEOCHAT_UPSTREAM_URL"));
    }

    @Test
    void parsesDurations() {
        assertEquals(
                Duration.ofSeconds(2),
                settings.duration("GEOCHAT_UPSTREAM_TIMEOUT", Duration.ofSeconds(2), Duration.ofHours(2)));
        for (var sample : Map.of(
                        "500ms",
                        Duration.ofMillis(500),
                        "3s",
                        Duration.ofSeconds(3),
                        "10m",
                        Duration.ofMinutes(10),
                        "1h",
                        Duration.ofHours(1),
                        "PT1.5S",
                        Duration.ofMillis(1500),
                        " 2 S ",
                        Duration.ofSeconds(2))
                .entrySet()) {
            environment.put("GEOCHAT_UPSTREAM_TIMEOUT", sample.getKey());
            assertEquals(
                    sample.getValue(),
                    settings.duration("GEOCHAT_UPSTREAM_TIMEOUT", Duration.ZERO, Duration.ofHours(2)),
                    sample.getKey());
        }
    }

    @Test
    void badValuesNameTheSetting() {
        Map<String, String> bad = Map.of(
                "GEOCHAT_UPSTREAM_TIMEOUT", "600h",
                "GEOCHAT_BATCH_MAX", "lots",
                "GEOCHAT_CACHE_SIZE", "-1",
                "GEOCHAT_UPSTREAM_URL", "ftp://example.com",
                "GEOCHAT_CACHE_TTL", "0s",
                "GEOCHAT_FORWARDED_HEADER", "X-Real-IP",
                "GEOCHAT_TRUSTED_PROXIES", "10.0.0.0/8, nonsense");
        bad.forEach((setting, value) -> {
            environment.put(setting, value);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Config.from(settings), setting);
            assertTrue(e.getMessage().startsWith(setting), e.getMessage());
            environment.remove(setting);
        });
    }

    @Test
    void choicesMatchCaseInsensitively() {
        environment.put("GEOCHAT_FORWARDED_HEADER", "forwarded");
        assertEquals("Forwarded", Config.from(settings).forwardedHeader());
    }

    @Test
    void aDurationNeedsAUnit() {
        environment.put("GEOCHAT_UPSTREAM_TIMEOUT", "2");
        assertThrows(IllegalArgumentException.class, () -> Config.from(settings));
    }

    @Test
    void configDefaults() {
        Config config = Config.from(settings);
        assertEquals(Optional.empty(), config.lookup().upstreamUrl());
        assertEquals(Duration.ofSeconds(2), config.lookup().upstreamTimeout());
        assertEquals(100, config.lookup().batchMax());
        assertEquals(List.of(), config.trustedProxies());
        assertEquals("X-Forwarded-For", config.forwardedHeader());
    }

    @Test
    void listsSplitOnCommasAndSpaces() {
        environment.put("GEOCHAT_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.0.0/16 ::1");
        assertEquals(3, Config.from(settings).trustedProxies().size());
    }
}
