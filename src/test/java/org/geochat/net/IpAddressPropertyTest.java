package org.geochat.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.net.InetAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * geochat's address parser against Guava's {@code InetAddresses}, an independent one, on generated text: wherever
 * both accept an input they must mean the same address. Each refuses some text the other accepts (geochat by design:
 * no whitespace, no leading zeros, zones only where they belong; Guava a zone after an embedded IPv4 part).
 */
class IpAddressPropertyTest {

    /** Text that looks like addresses: groups, dots, colons, zones, stray spaces and other near misses. */
    @Provide
    static Arbitrary<String> addressLike() {
        Arbitrary<String> v4Part = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 300).map(String::valueOf),
                Arbitraries.of("0", "00", "010", "255", "256", "", "x", "1e1", "٣"));
        Arbitrary<String> v4 = v4Part.list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join(".", parts));
        Arbitrary<String> group = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0xffff).map(Integer::toHexString),
                Arbitraries.of("", "0", "0000", "FFFF", "ffff", "12345", "g", "1.2.3.4", "::"));
        Arbitrary<String> v6 = group.list().ofMinSize(1).ofMaxSize(10).map(parts -> String.join(":", parts));
        Arbitrary<String> zone = Arbitraries.of("", "%eth0", "%1", "%", "%a b", "%25");
        Arbitrary<String> space = Arbitraries.of("", "", "", " ", "\t", "\r\n", "\u3000", "\u00A0");
        Arbitrary<String> body = Arbitraries.oneOf(
                v4,
                v6,
                Combinators.combine(v6, zone).as(String::concat),
                Arbitraries.of("::ffff:", "64:ff9b::", "fe80::", "ff02::").flatMap(prefix -> v4.map(prefix::concat)));
        return Combinators.combine(space, body, space).as((before, address, after) -> before + address + after);
    }

    @Property(tries = 20_000)
    void whereBothParsersAcceptTheyMeanTheSameAddress(@ForAll("addressLike") String text) {
        IpAddress ours;
        try {
            ours = IpAddress.parse(text);
        } catch (InvalidIpException refused) {
            return;
        }
        InetAddress theirs;
        try {
            theirs = InetAddresses.forString(text);
        } catch (
                IllegalArgumentException refused) { // such as a zone after an embedded IPv4 part, which RFC 4007 allows
            return;
        }
        assertArrayEquals(unmapped(theirs), ours.toInetAddress().getAddress(), text);
        assertEquals(ours, IpAddress.parse(ours.toString()), "the canonical text reads back as the same address");
    }

    /** Any 4 or 16 bytes: the canonical text reads back as the same address, and is Guava's text of it. */
    @Property(tries = 5000)
    void everyAddressRoundTripsThroughItsCanonicalText(
            @ForAll @Size(min = 16, max = 16) List<Byte> bytes, @ForAll boolean v4) throws Exception {
        byte[] raw = new byte[v4 ? 4 : 16];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = bytes.get(i);
        }
        InetAddress address = InetAddress.getByAddress(raw);
        IpAddress ip = IpAddress.parse(InetAddresses.toAddrString(address));
        assertArrayEquals(unmapped(address), ip.toInetAddress().getAddress());
        if (!(address instanceof Inet6Address) || ip.isV4() == v4) {
            assertEquals(InetAddresses.toAddrString(address), ip.toString());
        }
    }

    @Property(tries = 2000)
    void whitespaceAroundAnAddressIsRefused(@ForAll("addressLike") String text) {
        String padded = " " + text.strip();
        assertThrows(InvalidIpException.class, () -> IpAddress.parse(padded));
    }

    /** geochat reads {@code ::ffff:a.b.c.d} as the IPv4 address it carries (as the JDK does with its bytes). */
    private static byte[] unmapped(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean mapped = bytes.length == 16 && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        for (int i = 0; mapped && i < 10; i++) {
            mapped = bytes[i] == 0;
        }
        return mapped ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
    }
}
