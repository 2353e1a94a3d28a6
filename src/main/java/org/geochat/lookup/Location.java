package org.geochat.lookup;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
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
        Attribution attribution) {}
