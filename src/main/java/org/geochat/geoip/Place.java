package org.geochat.geoip;

/** What the DB-IP databases know about an address; fields a database does not have are null. */
public record Place(
        String countryCode,
        String country,
        String region,
        String city,
        String zip,
        Double latitude,
        Double longitude,
        String timezone,
        String source) {

    static Place ofCountry(String countryCode, String source) {
        return new Place(countryCode, CountryNames.of(countryCode), null, null, null, null, null, null, source);
    }
}
