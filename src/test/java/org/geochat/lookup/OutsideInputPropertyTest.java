package org.geochat.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.geochat.core.ProblemException;
import org.geochat.net.ClientAddress;
import org.geochat.net.InvalidIpException;
import org.geochat.net.IpAddress;
import org.geochat.net.IpRange;

/** The lookup API's other outside input: batch bodies and proxy headers, whatever they hold. */
class OutsideInputPropertyTest {

    @Provide
    static Arbitrary<String> jsonish() {
        Arbitrary<String> tokens = Arbitraries.of(
                "[",
                "]",
                "{",
                "}",
                "\"",
                ",",
                ":",
                "\"8.8.8.8\"",
                "\"a\"",
                "1",
                "null",
                "true",
                "\\u0000",
                "\\ud800",
                " ",
                "1e999999",
                "-",
                "\u0000",
                "😀",
                "]]]]",
                "[[[[");
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60),
                tokens.list().ofMaxSize(50).map(t -> String.join("", t)));
    }

    /** A batch body is a batch of at most the limit, or a 400 or 413 problem; nothing else comes out. */
    @Property(tries = 3000)
    void anyBodyIsABatchOrA400Or413(@ForAll("jsonish") String body) {
        try {
            Batch batch = Batch.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 5);
            assertTrue(batch.entries().size() <= 5);
            assertTrue(batch.names() == null
                    || batch.names().size() == batch.entries().size());
            for (JsonValue entry : batch.entries()) {
                assertTrue(entry != null);
            }
        } catch (ProblemException refused) {
            assertTrue(
                    Set.of("invalid-batch", "batch-too-large")
                            .contains(refused.problem().code()),
                    refused.problem().toString());
        }
    }

    @Provide
    static Arbitrary<String> headerValues() {
        Arbitrary<String> pieces = Arbitraries.of(
                "for=",
                "\"",
                "[",
                "]",
                ":",
                ";",
                ",",
                " ",
                "1.2.3.4",
                "::1",
                "10.0.0.1",
                "unknown",
                "_hidden",
                "2001:db8::1",
                "by=",
                "proto=https",
                "\\",
                "%",
                "\u0000");
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                pieces.list().ofMaxSize(20).map(p -> String.join("", p)));
    }

    /**
     * Behind a trusted proxy the caller comes from a header the client can write: whatever it says, the result is the
     * peer, an address in canonical form, or a hop as written (which a lookup refuses); never an exception.
     */
    @Property(tries = 3000)
    void anyProxyHeaderGivesACallerAndNeverAnException(
            @ForAll("headerValues") String first, @ForAll("headerValues") String second, @ForAll boolean forwarded) {
        ClientAddress clients = new ClientAddress(
                List.of(IpRange.parse("10.0.0.0/8")),
                forwarded ? ClientAddress.FORWARDED : ClientAddress.X_FORWARDED_FOR);
        String caller = clients.resolve("10.0.0.9", List.of(first, second));
        assertTrue(caller != null && !caller.isEmpty() || first.isBlank() && second.isBlank(), first + " | " + second);
        try {
            assertEquals(IpAddress.parse(caller).toString(), caller, "an address is given in canonical form");
        } catch (InvalidIpException notAnAddress) {
            // a hop as written, such as "unknown"; the lookup refuses it with 400
        }
    }
}
