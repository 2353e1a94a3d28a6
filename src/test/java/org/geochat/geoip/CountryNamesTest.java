package org.geochat.geoip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CountryNamesTest {

    @Test
    void namesCountriesFromTheirCodes() {
        assertEquals("Germany", CountryNames.of("DE"));
        assertEquals("Japan", CountryNames.of("JP"));
        assertEquals("QQ", CountryNames.of("QQ"));
    }
}
