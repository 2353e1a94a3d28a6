package org.geochat.chat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A handshake's Origin and Host, whatever they say: allowed or not, never an exception, never a foreign host let in. */
class OriginPropertyTest {

    @Provide
    static Arbitrary<String> origins() {
        Arbitrary<String> pieces = Arbitraries.of(
                "http://",
                "https://",
                "ws://",
                "chat.example",
                "evil.example",
                ":",
                "8080",
                "80",
                "443",
                "/",
                "@",
                "[::1]",
                "%",
                " ",
                "\u0000",
                "null",
                "chat.example.evil.example",
                "#",
                "?");
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                pieces.list().ofMaxSize(8).map(p -> String.join("", p)));
    }

    @Property(tries = 3000)
    void onlyTheSameHostAndPortOrAConfiguredOriginIsAllowed(
            @ForAll("origins") String origin, @ForAll("origins") String host) {
        boolean sameOrigin = ChatHandshakeFilter.allowed(origin, host, List.of());
        if (sameOrigin) {
            assertTrue(
                    host.strip()
                            .toLowerCase(Locale.ROOT)
                            .startsWith(URI.create(origin.strip()).getHost().toLowerCase(Locale.ROOT)),
                    origin + " for " + host);
        }
        boolean configured = ChatHandshakeFilter.allowed(origin, host, List.of("https://chat.example"));
        if (configured) {
            assertTrue(ChatHandshakeFilter.normalized(origin).equals("https://chat.example:443"), origin);
        }
        assertFalse(
                ChatHandshakeFilter.allowed(origin, "chat.example:8080", List.of())
                        && origin.contains("evil.example")
                        && !origin.contains("chat.example"),
                origin);
    }
}
