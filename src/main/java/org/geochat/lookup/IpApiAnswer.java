package org.geochat.lookup;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.stream.JsonGenerator;
import java.util.Optional;
import org.geochat.core.JsonRecord;
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
        Attribution attribution)
        implements JsonRecord {

    public static final String SUCCESS = "success";
    public static final String FAIL = "fail";

    public static IpApiAnswer failure(String message, String query) {
        return new IpApiAnswer(FAIL, message, null, null, null, null, null, null, null, null, null, query, null, null);
    }

    public boolean succeeded() {
        return SUCCESS.equals(status);
    }

    /**
     * The answer an upstream sent, if {@code json} is an object with a string {@code status}. Fields of another
     * type than ip-api's are taken as absent; fields ip-api does not have are ignored.
     */
    static Optional<IpApiAnswer> from(JsonValue json) {
        if (!(json instanceof JsonObject o) || !(o.get("status") instanceof JsonString)) {
            return Optional.empty();
        }
        return Optional.of(new IpApiAnswer(
                text(o, "status"),
                text(o, "message"),
                text(o, "country"),
                text(o, "countryCode"),
                text(o, "region"),
                text(o, "regionName"),
                text(o, "city"),
                text(o, "zip"),
                number(o, "lat"),
                number(o, "lon"),
                text(o, "timezone"),
                text(o, "query"),
                text(o, "source"),
                o.get("attribution") instanceof JsonObject a
                        ? new Attribution(text(a, "text"), text(a, "url"))
                        : null));
    }

    private static String text(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static Double number(JsonObject o, String name) {
        return o.get(name) instanceof JsonNumber n ? n.doubleValue() : null;
    }

    @Override
    public void writeTo(JsonGenerator json) {
        json.writeStartObject();
        JsonRecord.field(json, "status", status);
        JsonRecord.field(json, "message", message);
        JsonRecord.field(json, "country", country);
        JsonRecord.field(json, "countryCode", countryCode);
        JsonRecord.field(json, "region", region);
        JsonRecord.field(json, "regionName", regionName);
        JsonRecord.field(json, "city", city);
        JsonRecord.field(json, "zip", zip);
        JsonRecord.field(json, "lat", lat);
        JsonRecord.field(json, "lon", lon);
        JsonRecord.field(json, "timezone", timezone);
        JsonRecord.field(json, "query", query);
        JsonRecord.field(json, "source", source);
        JsonRecord.field(json, "attribution", attribution);
        json.writeEnd();
    }
}
