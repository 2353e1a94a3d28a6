package org.geochat.lookup;

import java.util.List;
import java.util.Optional;
import org.geochat.net.IpAddress;
import org.geochat.net.IpRange;

/**
 * An address block with no geographic location (IANA's special-purpose registries): private, loopback,
 * link-local, multicast, documentation and reserved space. Such addresses are answered locally and never
 * sent upstream.
 */
record SpecialRange(IpRange range, String name, boolean isPrivate) {

    /** First match wins, so narrower blocks come before the blocks that contain them. */
    private static final List<SpecialRange> ALL = List.of(
            reserved("0.0.0.0/8", "'this network' (RFC 791)"),
            privateUse("10.0.0.0/8", "private network (RFC 1918)"),
            reserved("100.64.0.0/10", "shared carrier-grade NAT space (RFC 6598)"),
            reserved("127.0.0.0/8", "loopback (RFC 1122)"),
            reserved("169.254.0.0/16", "link-local (RFC 3927)"),
            privateUse("172.16.0.0/12", "private network (RFC 1918)"),
            reserved("192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
            reserved("192.0.2.0/24", "documentation, TEST-NET-1 (RFC 5737)"),
            reserved("192.88.99.0/24", "6to4 relay anycast (RFC 7526)"),
            privateUse("192.168.0.0/16", "private network (RFC 1918)"),
            reserved("198.18.0.0/15", "benchmarking (RFC 2544)"),
            reserved("198.51.100.0/24", "documentation, TEST-NET-2 (RFC 5737)"),
            reserved("203.0.113.0/24", "documentation, TEST-NET-3 (RFC 5737)"),
            reserved("224.0.0.0/4", "multicast (RFC 5771)"),
            reserved("240.0.0.0/4", "reserved for future use, and broadcast (RFC 1112, RFC 919)"),
            reserved("::/128", "unspecified address (RFC 4291)"),
            reserved("::1/128", "loopback (RFC 4291)"),
            reserved("64:ff9b::/96", "IPv4/IPv6 translation (RFC 6052)"),
            reserved("100::/64", "discard-only (RFC 6666)"),
            reserved("2001:db8::/32", "documentation (RFC 3849)"),
            reserved("2001::/23", "IETF protocol assignments (RFC 2928)"),
            reserved("3fff::/20", "documentation (RFC 9637)"),
            privateUse("fc00::/7", "unique local address (RFC 4193)"),
            reserved("fe80::/10", "link-local (RFC 4291)"),
            reserved("fec0::/10", "deprecated site-local (RFC 3879)"),
            reserved("ff00::/8", "multicast (RFC 4291)"),
            // Only 2000::/3 is allocated for global unicast; the rest of IPv6 is reserved by the IETF.
            reserved("::/3", "reserved by the IETF, outside global unicast 2000::/3 (RFC 4291)"),
            reserved("4000::/2", "reserved by the IETF, outside global unicast 2000::/3 (RFC 4291)"),
            reserved("8000::/1", "reserved by the IETF, outside global unicast 2000::/3 (RFC 4291)"));

    public static Optional<SpecialRange> of(IpAddress ip) {
        for (SpecialRange special : ALL) {
            if (special.range.contains(ip)) {
                return Optional.of(special);
            }
        }
        return Optional.empty();
    }

    /** ip-api's wording for a failed lookup of this range. */
    public String ipApiMessage() {
        return isPrivate ? "private range" : "reserved range";
    }

    private static SpecialRange reserved(String cidr, String name) {
        return new SpecialRange(IpRange.parse(cidr), name, false);
    }

    private static SpecialRange privateUse(String cidr, String name) {
        return new SpecialRange(IpRange.parse(cidr), name, true);
    }
}
