import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.geochat.geoip.GeoDatabase;
import org.geochat.lookup.IpApiAnswer;
import org.geochat.lookup.Origin;

/**
 * In-process lookups per second on one thread, through the origin's whole path (parse, range check,
 * database, ip-api answer), on distinct public IPv4 addresses.
 *
 * <pre>java -cp target/classes:DEPENDENCIES bench/OriginLookups.java COUNTRY_DB [CITY_V4 CITY_V6]</pre>
 */
public class OriginLookups {

    public static void main(String[] args) throws Exception {
        Path country = Path.of(args[0]);
        Optional<Path> cityV4 = args.length > 2 ? Optional.of(Path.of(args[1])) : Optional.empty();
        Optional<Path> cityV6 = args.length > 2 ? Optional.of(Path.of(args[2])) : Optional.empty();
        try (GeoDatabase database =
                GeoDatabase.open(Optional.of(country), () -> Files.newInputStream(country), cityV4, cityV6)) {
            Origin origin = new Origin(database);
            measure(origin, 3);
            double perSecond = measure(origin, 10);
            System.out.printf(
                    "%s lookups/s on one thread (%s)%n",
                    Math.round(perSecond), database.hasCityData() ? "city databases" : "country database");
        }
    }

    private static double measure(Origin origin, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        long found = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++, n++) {
                long ip = 11L * (1 << 24) + (n * 2_654_435_761L) % (89L * (1 << 24));
                IpApiAnswer answer = origin.answer(
                        (ip >>> 24) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255));
                found += answer.succeeded() ? 1 : 0;
            }
        }
        if (found == 0) {
            throw new IllegalStateException("no lookup succeeded");
        }
        return n / (double) seconds;
    }
}
