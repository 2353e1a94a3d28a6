package org.geochat.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.geochat.core.ProblemException;
import org.geochat.geoip.Attribution;
import org.geochat.net.IpAddress;
import org.junit.jupiter.api.Test;

/** Mapping ip-api answers to the gateway's locations and errors. */
class UpstreamTest {

    private static final URI IP_API = URI.create("http://ip-api.com");
    private static final IpAddress GOOGLE = IpAddress.parse("8.8.8.8");

    private static IpApiAnswer success(String source, Attribution attribution) {
        return new IpApiAnswer(
                "success",
                null,
                "United States",
                "US",
                "CA",
                "California",
                "Mountain View",
                "94043",
                37.4056,
                -122.0775,
                "America/Los_Angeles",
                "8.8.8.8",
                source,
                attribution);
    }

    @Test
    void mapsAnIpApiComAnswerAndNamesItsSource() {
        Location location = Upstream.toLocation(success(null, null), IP_API, GOOGLE);
        assertEquals(
                new Location(
                        "8.8.8.8",
                        "US",
                        "United States",
                        "California",
                        "Mountain View",
                        37.4056,
                        -122.0775,
                        "ip-api.com",
                        null),
                location);
    }

    @Test
    void keepsTheSourceAndAttributionOfAGeochatOrigin() {
        Location location = Upstream.toLocation(success("dbip-city-lite", Attribution.DB_IP), IP_API, GOOGLE);
        assertEquals("dbip-city-lite", location.source());
        assertEquals(Attribution.DB_IP, location.attribution());
    }

    @Test
    void emptyFieldsAreLeftOut() {
        IpApiAnswer countryOnly = new IpApiAnswer(
                "success",
                null,
                "United States",
                "US",
                "",
                "",
                "",
                "",
                null,
                null,
                "",
                "8.8.8.8",
                "dbip-country-lite",
                Attribution.DB_IP);
        Location location = Upstream.toLocation(countryOnly, IP_API, GOOGLE);
        assertNull(location.region());
        assertNull(location.city());
        assertNull(location.latitude());
    }

    @Test
    void mapsFailures() {
        assertEquals("reserved-range", failure("private range"));
        assertEquals("reserved-range", failure("reserved range"));
        assertEquals("invalid-ip", failure("invalid query"));
        assertEquals("location-unknown", failure("no data"));
        assertEquals("location-unknown", failure(null));
    }

    private static String failure(String message) {
        return assertThrows(
                        ProblemException.class,
                        () -> Upstream.toLocation(IpApiAnswer.failure(message, "8.8.8.8"), IP_API, GOOGLE))
                .problem()
                .code();
    }
}
