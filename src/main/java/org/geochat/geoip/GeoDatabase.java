package org.geochat.geoip;

import com.maxmind.db.CHMCache;
import com.maxmind.db.InvalidDatabaseException;
import com.maxmind.db.MaxMindDbParameter;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.geochat.net.IpAddress;

/**
 * The DB-IP Lite databases: the country database for every address, and optionally the city databases,
 * one per address family. DB-IP ships city data split by family, and an IPv4-only tree asked about an IPv6
 * address silently answers some unrelated IPv4 record, so the file is always chosen by the address family.
 * Files are memory-mapped; decoded records are cached, so a lookup does no I/O once its pages are resident.
 */
public final class GeoDatabase implements Closeable {

    public static final String COUNTRY_SOURCE = "dbip-country-lite";
    static final String CITY_SOURCE = "dbip-city-lite";

    private static final Logger LOG = Logger.getLogger(GeoDatabase.class.getName());

    private final Reader country;
    private final Reader cityV4;
    private final Reader cityV6;
    private final List<Unusable> unusable;

    private GeoDatabase(Reader country, Reader cityV4, Reader cityV6, List<Unusable> unusable) {
        this.country = country;
        this.cityV4 = cityV4;
        this.cityV6 = cityV6;
        this.unusable = List.copyOf(unusable);
    }

    /** A database file a setting names. */
    public record Source(String setting, Path path) {}

    /** A configured file that could not be used, and why; the deployment runs without it. */
    @JsonbPropertyOrder({"setting", "path", "error"})
    public record Unusable(String setting, String path, String error) {}

    /**
     * Opens the databases. The country database comes from {@code countryFile} when it is given and can be used,
     * else from the bundled one: mapped from {@code bundledFile} when the WAR is unpacked, else read into memory
     * from {@code bundledCountry}. City files are checked against the family they are configured for. A configured
     * file that cannot be used (missing, unreadable, not an MMDB file, of the wrong family) is left out, logged
     * once and listed in {@link #unusable()}: geochat runs on what it has. Only a broken WAR fails here.
     */
    public static GeoDatabase open(
            Optional<Source> countryFile,
            Optional<Path> bundledFile,
            InputStreamSource bundledCountry,
            Optional<Source> cityV4File,
            Optional<Source> cityV6File)
            throws IOException {
        List<Unusable> unusable = new ArrayList<>();
        Reader country = countryFile.map(file -> usable(file, 0, unusable)).orElse(null);
        if (country == null) {
            country = bundledFile.isPresent() ? mapped(bundledFile.get()) : inMemory(bundledCountry);
        }
        Reader cityV4 = cityV4File.map(file -> usable(file, 4, unusable)).orElse(null);
        Reader cityV6 = cityV6File.map(file -> usable(file, 6, unusable)).orElse(null);
        return new GeoDatabase(country, cityV4, cityV6, unusable);
    }

    /** Opens the databases {@code config} names, besides the bundled country file; see the other {@code open}. */
    public static GeoDatabase open(GeoIpConfig config, Optional<Path> bundledFile, InputStreamSource bundledCountry)
            throws IOException {
        return open(
                config.countryDb().map(path -> new Source("GEOCHAT_COUNTRY_DB", path)),
                bundledFile,
                bundledCountry,
                config.cityDbV4().map(path -> new Source("GEOCHAT_CITY_DB_V4", path)),
                config.cityDbV6().map(path -> new Source("GEOCHAT_CITY_DB_V6", path)));
    }

    /** The file's reader, checked for {@code family} (0: any); null, and a reason in {@code unusable}, if it cannot be used. */
    private static Reader usable(Source file, int family, List<Unusable> unusable) {
        try {
            Reader reader = mapped(file.path());
            return family == 0 ? reader : checked(reader, family);
        } catch (IOException | RuntimeException e) {
            Unusable reason = new Unusable(file.setting(), file.path().toString(), reasonFor(e));
            LOG.warning(reason.setting() + "=" + reason.path() + " cannot be used (" + reason.error()
                    + "); geochat runs without it, and /api/health says DEGRADED");
            unusable.add(reason);
            return null;
        }
    }

    private static String reasonFor(Exception e) {
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "not readable";
        }
        if (e instanceof InvalidDatabaseException) {
            return "not a MaxMind DB (.mmdb) file";
        }
        if (e instanceof WrongFamily) {
            return e.getMessage();
        }
        return "cannot be read";
    }

    /** The configured files left out; empty when every configured file is in use. */
    public List<Unusable> unusable() {
        return unusable;
    }

    /** Opens an input stream; lets the caller defer opening a bundled resource until it is needed. */
    @FunctionalInterface
    public interface InputStreamSource {
        InputStream open() throws IOException;
    }

    /** The place an address is in, from the city database of its family if it has one, else the country database. */
    public Optional<Place> find(IpAddress ip) {
        InetAddress address = ip.toInetAddress();
        try {
            Reader city = ip.isV4() ? cityV4 : cityV6;
            if (city != null) {
                CityRecord record = city.get(address, CityRecord.class);
                if (record != null && !blank(record.countryCode())) {
                    return Optional.of(record.toPlace());
                }
            }
            CountryRecord record = country.get(address, CountryRecord.class);
            return record == null || blank(record.countryCode())
                    ? Optional.empty()
                    : Optional.of(Place.ofCountry(record.countryCode(), COUNTRY_SOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("GeoIP database unreadable at " + ip, e);
        }
    }

    /** When the bundled or configured country database was built. */
    public Instant countryBuilt() {
        return country.getMetadata().buildTime();
    }

    public boolean hasCityData() {
        return cityV4 != null || cityV6 != null;
    }

    @Override
    public void close() throws IOException {
        closeAll(country, cityV4, cityV6);
    }

    /** Closes every non-null reader, even if one fails; the first failure is thrown. */
    private static void closeAll(Reader... readers) throws IOException {
        IOException failure = null;
        for (Reader reader : readers) {
            try {
                if (reader != null) {
                    reader.close();
                }
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Reader inMemory(InputStreamSource source) throws IOException {
        try (InputStream in = source.open()) {
            if (in == null) {
                throw new IOException("the bundled country database is missing from the WAR");
            }
            return new Reader(in, new CHMCache());
        }
    }

    private static Reader mapped(Path file) throws IOException {
        return new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache());
    }

    private static Reader checked(Reader reader, int family) throws IOException {
        Metadata metadata = reader.getMetadata();
        String type = metadata.databaseType().toLowerCase(Locale.ROOT);
        String otherFamily = family == 4 ? "ipv6" : "ipv4";
        if (type.contains(otherFamily) || (family == 6 && metadata.ipVersion() != 6)) {
            reader.close();
            throw new WrongFamily("a '" + metadata.databaseType() + "' database (IP version " + metadata.ipVersion()
                    + ") cannot answer IPv" + family + " addresses");
        }
        return reader;
    }

    /** A city file configured for the other address family: it would answer wrongly, not "not found". */
    private static final class WrongFamily extends IOException {
        private static final long serialVersionUID = 1L;

        WrongFamily(String message) {
            super(message);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    /** A DB-IP country record: {@code {country_code}}. */
    public record CountryRecord(
            @MaxMindDbParameter(name = "country_code") String countryCode) {}

    /** A DB-IP city record; {@code state2} is not used. Coordinates are stored as 32-bit floats. */
    public record CityRecord(
            @MaxMindDbParameter(name = "country_code") String countryCode,
            @MaxMindDbParameter(name = "state1") String state1,
            @MaxMindDbParameter(name = "city") String city,
            @MaxMindDbParameter(name = "postcode") String postcode,
            @MaxMindDbParameter(name = "latitude") Float latitude,
            @MaxMindDbParameter(name = "longitude") Float longitude,
            @MaxMindDbParameter(name = "timezone") String timezone) {

        Place toPlace() {
            return new Place(
                    countryCode,
                    CountryNames.of(countryCode),
                    known(state1),
                    known(city),
                    known(postcode),
                    decimal(latitude),
                    decimal(longitude),
                    known(timezone),
                    CITY_SOURCE);
        }

        /** DB-IP writes an empty string for what it does not know; a {@link Place} says null. */
        private static String known(String s) {
            return blank(s) ? null : s;
        }

        /** The float as the decimal it was written as (37.4056, not 37.405601501464844). */
        private static Double decimal(Float f) {
            return f == null ? null : Double.valueOf(f.toString());
        }
    }
}
