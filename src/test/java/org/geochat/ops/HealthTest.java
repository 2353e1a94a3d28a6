package org.geochat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.geochat.geoip.Attribution;
import org.geochat.geoip.GeoDatabase;
import org.geochat.lookup.Reachability;
import org.junit.jupiter.api.Test;

/** What /api/health says from what it found: never UP while the chat cannot be joined or a configured file is left out. */
class HealthTest {

    private static final Reachability FINE = new Reachability(Instant.EPOCH, null, null);
    private static final Health.GeoIp ALL_FILES =
            new Health.GeoIp("dbip-country-lite", Instant.EPOCH, false, null, Attribution.DB_IP);
    private static final Health.ChatState READY = new Health.ChatState(true, 0, 0, null);

    @Test
    void upOnlyWhenEverythingAnswers() {
        assertEquals(Health.Status.UP, Health.status(false, READY, ALL_FILES, FINE, Optional.empty()));
    }

    @Test
    void downWhileTheChatCannotBeJoinedOrTheDeploymentStops() {
        Health.ChatState notReady =
                new Health.ChatState(false, 0, 0, "the chat refuses connections for now (HTTP 404)");
        assertEquals(Health.Status.DOWN, Health.status(false, notReady, ALL_FILES, FINE, Optional.empty()));
        assertEquals(Health.Status.DOWN, Health.status(true, READY, ALL_FILES, FINE, Optional.empty()));
    }

    @Test
    void degradedWhileAConfiguredFileIsLeftOut() {
        Health.GeoIp missing = new Health.GeoIp(
                "dbip-country-lite",
                Instant.EPOCH,
                false,
                List.of(new GeoDatabase.Unusable("GEOCHAT_CITY_DB_V4", "/x/city.mmdb", "no such file")),
                Attribution.DB_IP);
        assertEquals(Health.Status.DEGRADED, Health.status(false, READY, missing, FINE, Optional.empty()));
    }
}
