package org.geochat.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final List<IpRange> PROXIES = List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("::1"));

    private final ClientAddress xff = new ClientAddress(PROXIES, "X-Forwarded-For");
    private final ClientAddress forwarded = new ClientAddress(PROXIES, "forwarded");

    @Test
    void anUntrustedPeerIsTheCallerWhateverItsHeadersSay() {
        assertEquals("203.0.113.7", xff.resolve("203.0.113.7", List.of("8.8.8.8")));
        assertEquals("203.0.113.7", forwarded.resolve("203.0.113.7", List.of("for=8.8.8.8")));
    }

    @Test
    void withNoTrustedProxiesHeadersAreIgnored() {
        ClientAddress none = new ClientAddress(List.of(), "X-Forwarded-For");
        assertEquals("10.0.0.1", none.resolve("10.0.0.1", List.of("8.8.8.8")));
    }

    @Test
    void aTrustedPeerYieldsTheRightMostUntrustedHop() {
        // The client put 1.1.1.1 in the header itself; the proxy appended the address it really saw.
        assertEquals("8.8.8.8", xff.resolve("10.0.0.1", List.of("1.1.1.1, 8.8.8.8")));
        assertEquals("8.8.8.8", xff.resolve("10.0.0.1", List.of("1.1.1.1, 8.8.8.8, 10.0.0.2")));
        assertEquals("8.8.8.8", xff.resolve("10.0.0.1", List.of("1.1.1.1", "8.8.8.8, 10.0.0.2")));
        assertEquals("2001:db8::1", xff.resolve("0:0:0:0:0:0:0:1", List.of("2001:DB8:0::1")));
    }

    @Test
    void portsAndMappedFormsAreNormalised() {
        assertEquals("8.8.8.8", xff.resolve("10.0.0.1", List.of("8.8.8.8:4711")));
        assertEquals("8.8.8.8", xff.resolve("::ffff:10.0.0.1", List.of("::ffff:8.8.8.8")));
        assertEquals("2001:db8::1", xff.resolve("10.0.0.1", List.of("[2001:db8::1]:4711")));
    }

    @Test
    void readsRfc7239Forwarded() {
        assertEquals(
                "192.0.2.60",
                forwarded.resolve(
                        "10.0.0.1", List.of("for=198.51.100.17;proto=https, For=\"192.0.2.60:47011\";by=10.0.0.1")));
        assertEquals(
                "2001:db8:cafe::17",
                forwarded.resolve("10.0.0.1", List.of("for=\"[2001:db8:cafe::17]:4711\", for=10.0.0.9")));
    }

    @Test
    void readsOnlyTheConfiguredHeader() {
        assertEquals("Forwarded", forwarded.header());
        assertEquals("X-Forwarded-For", xff.header());
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress(PROXIES, "X-Real-IP"));
    }

    @Test
    void aNonAddressHopIsReturnedAsWrittenForTheLookupToReject() {
        assertEquals("unknown", forwarded.resolve("10.0.0.1", List.of("for=unknown")));
        assertEquals("_hidden", forwarded.resolve("10.0.0.1", List.of("for=_hidden, for=10.0.0.2")));
    }

    @Test
    void anUnclosedQuoteCannotSwallowTheHopAProxyAppended() {
        // The client opens a quote; the proxy appends ", for=5.5.5.5" to the same line.
        assertEquals(ClientAddress.MALFORMED, forwarded.resolve("10.0.0.1", List.of("for=8.8.8.8;x=\", for=5.5.5.5")));
        // A proxy that adds its own header line is still read.
        assertEquals("5.5.5.5", forwarded.resolve("10.0.0.1", List.of("for=8.8.8.8;x=\"", "for=5.5.5.5")));
        assertEquals("192.0.2.60", forwarded.resolve("10.0.0.1", List.of("for=\"192.0.2.60\";x=\"a\\\"b,c\"")));
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheCaller() {
        assertEquals("10.1.1.1", xff.resolve("10.0.0.1", List.of("10.1.1.1, 10.2.2.2")));
        assertEquals("10.0.0.1", xff.resolve("10.0.0.1", List.of()));
    }
}
