package org.geochat.geoip;

import java.nio.file.Path;
import java.util.Optional;
import org.geochat.core.Settings;

/** Which database files to read instead of, or besides, the bundled country file (README.md, "Configuration"). */
public record GeoIpConfig(Optional<Path> countryDb, Optional<Path> cityDbV4, Optional<Path> cityDbV6) {

    public static GeoIpConfig from(Settings settings) {
        return new GeoIpConfig(
                settings.path("GEOCHAT_COUNTRY_DB"),
                settings.path("GEOCHAT_CITY_DB_V4"),
                settings.path("GEOCHAT_CITY_DB_V6"));
    }
}
