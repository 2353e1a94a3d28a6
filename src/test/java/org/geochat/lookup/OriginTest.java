package org.geochat.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.geochat.geoip.Attribution;
import org.geochat.geoip.GeoDatabase;
import org.geochat.net.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The origin's ip-api answers, from the bundled country database and the city fixtures. */
class OriginTest {

    static final Path COUNTRY = Path.of("webapp/WEB-INF/geoip/dbip-country.mmdb");
    static final Path CITY_V4 = Path.of("src/test/resources/geoip/city-ipv4.mmdb");
    static final Path CITY_V6 = Path.of("src/test/resources/geoip/city-ipv6.mmdb");

    private GeoDatabase database;

    private Origin origin(Optional<Path> cityV4, Optional<Path> cityV6) throws IOException {
        database = GeoDatabase.open(
                Optional.empty(),
                Optional.empty(),
                () -> Files.newInputStream(COUNTRY),
                cityV4.map(path -> new GeoDatabase.Source("GEOCHAT_CITY_DB_V4", path)),
                cityV6.map(path -> new GeoDatabase.Source("GEOCHAT_CITY_DB_V6", path)));
        return new Origin(database);
    }

    @AfterEach
    void close() throws IOException {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void answersCountryOnlyFromTheBundledDatabase() throws IOException {
        IpApiAnswer answer = origin(Optional.empty(), Optional.empty()).answer("8.8.8.8");
        assertEquals("success", answer.status());
        assertEquals("US", answer.countryCode());
        assertEquals("United States", answer.country());
        assertEquals("", answer.city());
        assertEquals("", answer.regionName());
        assertNull(answer.lat());
        assertEquals("8.8.8.8", answer.query());
        assertEquals("dbip-country-lite", answer.source());
        assertEquals(Attribution.DB_IP, answer.attribution());
    }

    @Test
    void answersCityFromTheFileOfTheAddressFamily() throws IOException {
        Origin origin = origin(Optional.of(CITY_V4), Optional.of(CITY_V6));
        IpApiAnswer google = origin.answer("8.8.8.8");
        assertEquals("Mountain View", google.city());
        assertEquals("California", google.regionName());
        assertEquals("94043", google.zip());
        assertEquals("America/Los_Angeles", google.timezone());
        assertEquals(37.4056, google.lat(), 1e-4);
        assertEquals("dbip-city-lite", google.source());
        IpApiAnswer montreal = origin.answer("2001:4860:4860::8888");
        assertEquals("CA", montreal.countryCode());
        assertEquals("Canada", montreal.country());
        assertEquals("Montreal", montreal.city());
        assertEquals("Sydney", origin.answer("::ffff:1.1.1.1").city());
    }

    @Test
    void locatesForTheGatewayInProcessWithUnknownFieldsLeftOut() throws IOException {
        Location city = origin(Optional.of(CITY_V4), Optional.empty())
                .locate(IpAddress.parse("8.8.8.8"))
                .getNow(null);
        assertEquals("8.8.8.8", city.ip());
        assertEquals("Mountain View", city.city());
        assertEquals("California", city.region());
        assertEquals("dbip-city-lite", city.source());
        assertEquals(Attribution.DB_IP, city.attribution());
        Location country = new Origin(database)
                .locate(IpAddress.parse("2001:4860:4860::8888"))
                .getNow(null);
        assertNotNull(country.countryCode());
        assertNull(country.city(), "not an empty string: left out of the JSON");
        assertNull(country.region());
        assertEquals("dbip-country-lite", country.source());
    }

    @Test
    void neverAsksTheIpv4FileAboutAnIpv6Address() throws IOException {
        // The IPv4 file read with an IPv6 address answers "Ashburn" (its 32.0.0.0/8 record): the trap.
        IpApiAnswer answer = origin(Optional.of(CITY_V4), Optional.empty()).answer("2001:4860:4860::8888");
        assertEquals("success", answer.status());
        assertEquals("", answer.city());
        assertEquals("dbip-country-lite", answer.source());
    }

    @Test
    void fallsBackToCountryWhereTheCityFileHasNoRecord() throws IOException {
        IpApiAnswer answer = origin(Optional.of(CITY_V4), Optional.of(CITY_V6)).answer("9.9.9.9");
        assertEquals("dbip-country-lite", answer.source());
        assertEquals(2, answer.countryCode().length());
    }

    @Test
    void failsLikeIpApi() throws IOException {
        Origin origin = origin(Optional.empty(), Optional.empty());
        assertEquals("invalid query", origin.answer("999.0.0.1").message());
        assertEquals("999.0.0.1", origin.answer("999.0.0.1").query());
        assertEquals("private range", origin.answer("192.168.1.1").message());
        assertEquals("reserved range", origin.answer("127.0.0.1").message());
        assertEquals("reserved range", origin.answer("2001:db8::1").message());
        assertEquals("fail", origin.answer("10.0.0.1").status());
    }

    @Test
    void readsBatchEntriesAsStringsOrQueryObjects() throws IOException {
        Origin origin = origin(Optional.empty(), Optional.empty());
        assertEquals("US", origin.answer(Json.createValue("8.8.8.8")).countryCode());
        assertEquals(
                "AU",
                origin.answer(Json.createObjectBuilder().add("query", "1.1.1.1").build())
                        .countryCode());
        assertEquals("invalid query", origin.answer(Json.createValue(42)).message());
        assertEquals(
                "invalid query",
                origin.answer(Json.createObjectBuilder().build()).message());
    }

    @Test
    void leavesOutACityFileConfiguredForTheWrongFamilyAndSaysWhy() throws IOException {
        Origin origin = origin(Optional.of(CITY_V6), Optional.empty());
        assertFalse(database.hasCityData());
        assertEquals("dbip-country-lite", origin.answer("8.8.8.8").source(), "the country data answers");
        GeoDatabase.Unusable unusable = database.unusable().get(0);
        assertEquals("GEOCHAT_CITY_DB_V4", unusable.setting());
        assertEquals(CITY_V6.toString(), unusable.path());
        assertTrue(unusable.error().contains("IPv4"), unusable.error());
        database.close();
        origin(Optional.empty(), Optional.of(CITY_V4));
        assertTrue(
                database.unusable().get(0).error().contains("IPv6"),
                database.unusable().toString());
    }

    @Test
    void aConfiguredFileThatCannotBeReadIsLeftOutAndTheRestServes() throws IOException {
        Path missing = Path.of("no/such/dbip-city-ipv4.mmdb").toAbsolutePath();
        Path notMmdb = Path.of("pom.xml").toAbsolutePath();
        database = GeoDatabase.open(
                Optional.of(new GeoDatabase.Source("GEOCHAT_COUNTRY_DB", notMmdb)),
                Optional.empty(),
                () -> Files.newInputStream(COUNTRY),
                Optional.of(new GeoDatabase.Source("GEOCHAT_CITY_DB_V4", missing)),
                Optional.of(new GeoDatabase.Source("GEOCHAT_CITY_DB_V6", CITY_V6)));
        assertEquals(
                List.of(
                        new GeoDatabase.Unusable(
                                "GEOCHAT_COUNTRY_DB", notMmdb.toString(), "not a MaxMind DB (.mmdb) file"),
                        new GeoDatabase.Unusable("GEOCHAT_CITY_DB_V4", missing.toString(), "no such file")),
                database.unusable());
        Origin origin = new Origin(database);
        assertEquals("US", origin.answer("8.8.8.8").countryCode(), "the bundled country database stands in");
        assertEquals(
                "dbip-city-lite", origin.answer("2001:4860:4860::8888").source(), "the usable IPv6 city file serves");
    }
}
