package org.geochat.lookup;

import static org.geochat.testing.JsonBytes.jsonB;
import static org.geochat.testing.JsonBytes.written;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.geochat.core.JsonInput;
import org.geochat.geoip.Attribution;
import org.geochat.testing.NearMisses;

/**
 * The lookup answers written by {@link org.geochat.core.JsonRecordWriter} are byte for byte what JSON-B writes for the same records
 * (batches still go through JSON-B, so the two must never drift), and an upstream's answer reads back as written.
 */
class LookupJsonTest {

    @Property
    void aLocationIsWrittenAsJsonBWritesIt(@ForAll("locations") Location location) {
        assertEquals(jsonB(location), written(location));
    }

    @Property
    void anIpApiAnswerIsWrittenAsJsonBWritesIt(@ForAll("answers") IpApiAnswer answer) {
        assertEquals(jsonB(answer), written(answer));
    }

    /**
     * Text without lone surrogates, which UTF-8 cannot carry (both writers send {@code ?} for them), and no
     * {@code -0.0}, which JSON-P reads back as {@code 0.0}.
     */
    @Property
    void anIpApiAnswerReadsBackAsWritten(@ForAll("answers") IpApiAnswer answer) {
        Assume.that(StandardCharsets.UTF_8.newEncoder().canEncode(answer.toString()));
        Assume.that(!Double.valueOf(-0.0).equals(answer.lat())
                && !Double.valueOf(-0.0).equals(answer.lon()));
        Optional<IpApiAnswer> read = IpApiAnswer.from(JsonInput.read(written(answer)));
        assertEquals(answer.status() == null ? Optional.empty() : Optional.of(answer), read);
    }

    /** Whatever an upstream sends is an answer or none: never an exception. */
    @Property
    void anyJsonReadsAsAnAnswerOrNone(@ForAll("json") String text) {
        try {
            IpApiAnswer.from(JsonInput.read(text));
        } catch (JsonInput.Malformed notJson) {
            // refused before the answer is looked at: a 502 in Upstream
        }
    }

    @Provide
    Arbitrary<String> json() {
        return NearMisses.json(200, 12, "\"status\"", "\"lat\"", "\"attribution\"", "{\"status\":\"success\",");
    }

    @Provide
    Arbitrary<Location> locations() {
        return Combinators.combine(
                        Combinators.combine(text(), text(), text(), text(), text())
                                .as((ip, code, country, region, city) ->
                                        new String[] {ip, code, country, region, city}),
                        number(),
                        number(),
                        text(),
                        attribution())
                .as((s, latitude, longitude, source, attribution) ->
                        new Location(s[0], s[1], s[2], s[3], s[4], latitude, longitude, source, attribution));
    }

    @Provide
    Arbitrary<IpApiAnswer> answers() {
        return Combinators.combine(
                        Combinators.combine(text(), text(), text(), text(), text(), text(), text(), text())
                                .as((a, b, c, d, e, f, g, h) -> new String[] {a, b, c, d, e, f, g, h}),
                        number(),
                        number(),
                        text(),
                        text(),
                        text(),
                        attribution())
                .as((s, lat, lon, timezone, query, source, attribution) -> new IpApiAnswer(
                        s[0],
                        s[1],
                        s[2],
                        s[3],
                        s[4],
                        s[5],
                        s[6],
                        s[7],
                        lat,
                        lon,
                        timezone,
                        query,
                        source,
                        attribution));
    }

    /** Any text, with the characters JSON must escape, or null. */
    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().ofMaxLength(20),
                        Arbitraries.strings()
                                .withChars("\"\\/\u0000\u001f\u2028\ud83d\ude00é")
                                .ofMaxLength(6))
                .injectNull(0.2);
    }

    private static Arbitrary<Double> number() {
        return Arbitraries.oneOf(
                        Arbitraries.doubles().between(-180, 180),
                        Arbitraries.of(0.0, -0.0, 1e-7, 12345678.9, 1.0E21, Double.MIN_VALUE, Double.MAX_VALUE))
                .injectNull(0.2);
    }

    private static Arbitrary<Attribution> attribution() {
        return Combinators.combine(text(), text()).as(Attribution::new).injectNull(0.3);
    }
}
