package org.geochat.lookup;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.stream.JsonGenerator;
import org.geochat.core.JsonRecord;
import org.geochat.geoip.Attribution;

/** Where an IP address is, as the gateway answers it. Unknown fields are null and left out of the JSON. */
@JsonbPropertyOrder({"ip", "countryCode", "country", "region", "city", "latitude", "longitude", "source", "attribution"
})
public record Location(
        String ip,
        String countryCode,
        String country,
        String region,
        String city,
        Double latitude,
        Double longitude,
        String source,
        Attribution attribution)
        implements JsonRecord {

    @Override
    public void writeTo(JsonGenerator json) {
        json.writeStartObject();
        JsonRecord.field(json, "ip", ip);
        JsonRecord.field(json, "countryCode", countryCode);
        JsonRecord.field(json, "country", country);
        JsonRecord.field(json, "region", region);
        JsonRecord.field(json, "city", city);
        JsonRecord.field(json, "latitude", latitude);
        JsonRecord.field(json, "longitude", longitude);
        JsonRecord.field(json, "source", source);
        JsonRecord.field(json, "attribution", attribution);
        json.writeEnd();
    }
}
