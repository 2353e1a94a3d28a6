package org.geochat.geoip;

import jakarta.json.stream.JsonGenerator;
import org.geochat.core.JsonRecord;

/** Credit owed to the source of the data in an answer; DB-IP's licence (CC BY 4.0) requires it with a link. */
public record Attribution(String text, String url) implements JsonRecord {

    public static final Attribution DB_IP = new Attribution("IP Geolocation by DB-IP", "https://db-ip.com");

    @Override
    public void writeTo(JsonGenerator json) {
        json.writeStartObject();
        JsonRecord.field(json, "text", text);
        JsonRecord.field(json, "url", url);
        json.writeEnd();
    }
}
