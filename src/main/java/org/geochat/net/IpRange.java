package org.geochat.net;

import java.util.List;

/**
 * A CIDR block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a block of one.
 * Host bits below the prefix are ignored, so {@code 10.1.2.3/8} is {@code 10.0.0.0/8}.
 */
public record IpRange(IpAddress network, int prefix) {

    public IpRange {
        if (prefix < 0 || prefix > network.bitLength()) {
            throw new IllegalArgumentException("prefix /" + prefix + " does not fit " + network);
        }
    }

    public static IpRange parse(String cidr) {
        int slash = cidr.indexOf('/');
        IpAddress network = IpAddress.parse(slash < 0 ? cidr : cidr.substring(0, slash));
        if (slash < 0) {
            return new IpRange(network, network.bitLength());
        }
        String bits = cidr.substring(slash + 1);
        if (!bits.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length after '/'");
        }
        int prefix = Integer.parseInt(bits);
        // An IPv4 block written in mapped form (::ffff:10.0.0.0/104) counts its prefix over 128 bits.
        if (network.isV4() && cidr.indexOf(':') >= 0) {
            prefix -= 96;
        }
        return new IpRange(network, prefix);
    }

    /** Whether {@code ip} is in any of {@code ranges}; false for null (an address that did not parse). */
    public static boolean anyContains(List<IpRange> ranges, IpAddress ip) {
        return ip != null && ranges.stream().anyMatch(range -> range.contains(ip));
    }

    public boolean contains(IpAddress ip) {
        return ip.sharesPrefix(network, prefix);
    }

    @Override
    public String toString() {
        return network + "/" + prefix;
    }
}
