package org.geochat.lookup;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.geochat.geoip.Attribution;
import org.geochat.geoip.GeoDatabase;
import org.geochat.geoip.Place;
import org.geochat.net.InvalidIpException;
import org.geochat.net.IpAddress;

/** Answers lookups in ip-api.com's shape from the DB-IP databases. In-process and non-blocking. */
final class Origin {

    /** The batch limit of ip-api.com, whose clients this origin serves. */
    public static final int BATCH_MAX = 100;

    private final GeoDatabase database;

    public Origin(GeoDatabase database) {
        this.database = database;
    }

    /** The answer for {@code query}, echoed as given, as ip-api does; failures are answers too. */
    public IpApiAnswer answer(String query) {
        IpAddress ip;
        try {
            ip = IpAddress.parse(query);
        } catch (InvalidIpException e) {
            return IpApiAnswer.failure("invalid query", query);
        }
        Optional<SpecialRange> special = SpecialRange.of(ip);
        if (special.isPresent()) {
            return IpApiAnswer.failure(special.get().ipApiMessage(), query);
        }
        return database.find(ip)
                .map(place -> success(place, query))
                .orElseGet(() -> IpApiAnswer.failure("no data", query));
    }

    /**
     * The gateway's answer for an address {@link Geolocator} checked, straight from the databases: no HTTP hop, no
     * thread hand-off; a 404 problem when they know nothing of it.
     */
    CompletableFuture<Location> locate(IpAddress ip) {
        Optional<Place> found = database.find(ip);
        if (found.isEmpty()) {
            return CompletableFuture.failedFuture(
                    LookupProblems.unknownLocation(ip.toString(), "the local databases have no location for it.")
                            .toException());
        }
        Place place = found.get();
        return CompletableFuture.completedFuture(new Location(
                ip.toString(),
                place.countryCode(),
                place.country(),
                place.region(),
                place.city(),
                place.latitude(),
                place.longitude(),
                place.source(),
                Attribution.DB_IP));
    }

    /** A batch entry is an IP string or, as ip-api also accepts, an object {@code {"query": ip}}. */
    public IpApiAnswer answer(JsonValue entry) {
        String query = Batch.text(entry);
        if (query == null && entry instanceof JsonObject object) {
            query = Batch.text(object.getOrDefault("query", JsonValue.NULL));
        }
        return query != null ? answer(query) : IpApiAnswer.failure("invalid query", entry.toString());
    }

    /** ip-api sends every field on success, empty when unknown; only the coordinates are left out here when unknown. */
    private static IpApiAnswer success(Place place, String query) {
        return new IpApiAnswer(
                IpApiAnswer.SUCCESS,
                null,
                place.country(),
                place.countryCode(),
                "",
                orEmpty(place.region()),
                orEmpty(place.city()),
                orEmpty(place.zip()),
                place.latitude(),
                place.longitude(),
                orEmpty(place.timezone()),
                query,
                place.source(),
                Attribution.DB_IP);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
