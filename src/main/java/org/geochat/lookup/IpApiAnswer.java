package org.geochat.lookup;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.geochat.geoip.Attribution;

/**
 * One answer in ip-api.com's JSON shape: {@code status} is {@code success} or {@code fail}, a failure carries
 * {@code message} ({@code invalid query}, {@code private range}, {@code reserved range}). The embedded origin
 * writes it and the gateway reads it from any ip-api-compatible upstream. {@code source} and
 * {@code attribution} are geochat's additions, which ip-api clients ignore.
 */
@JsonbPropertyOrder({
    "status",
    "message",
    "country",
    "countryCode",
    "region",
    "regionName",
    "city",
    "zip",
    "lat",
    "lon",
    "timezone",
    "query",
    "source",
    "attribution"
})
public record IpApiAnswer(
        String status,
        String message,
        String country,
        String countryCode,
        String region,
        String regionName,
        String city,
        String zip,
        Double lat,
        Double lon,
        String timezone,
        String query,
        String source,
        Attribution attribution) {

    public static final String SUCCESS = "success";
    public static final String FAIL = "fail";

    public static IpApiAnswer failure(String message, String query) {
        return new IpApiAnswer(FAIL, message, null, null, null, null, null, null, null, null, null, query, null, null);
    }

    public boolean succeeded() {
        return SUCCESS.equals(status);
    }
}
