package org.geochat.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A strictly parsed IPv4 or IPv6 address, never resolved through DNS. IPv4-mapped IPv6 addresses
 * ({@code ::ffff:8.8.8.8}) become the IPv4 address they carry, so both spellings are one address.
 * {@link #toString()} is the canonical text: dotted quad, or RFC 5952 for IPv6.
 *
 * <p>Longer than most classes here: a strict parser and printer of both families, each rule of the RFCs in one
 * place (checked against Guava's by {@code IpAddressPropertyTest}).
 */
public final class IpAddress {

    /** Longer input is rejected before any parsing; the longest address with a zone id is well under this. */
    private static final int MAX_INPUT = 100;

    private final byte[] octets;
    private final String text;

    private IpAddress(byte[] octets) {
        this.octets = octets;
        this.text = octets.length == 4 ? formatV4(octets, 0) : formatV6(octets);
    }

    /**
     * Parses an address. Rejected: any whitespace, surrounding or not (an address that comes with some was not
     * written for a machine, and what else came with it is unknown), IPv4 octets with leading zeros (other
     * software reads {@code 010} as octal), shortened or numeric IPv4 forms, brackets, and zone ids
     * ({@code %eth0}) on anything but link-local or multicast IPv6 addresses, the only ones a zone belongs to.
     */
    public static IpAddress parse(String input) {
        if (input == null || input.isEmpty()) {
            throw new InvalidIpException(input, "an IP address is required");
        }
        String s = input;
        if (isSpace(s.charAt(0)) || isSpace(s.charAt(s.length() - 1))) {
            throw new InvalidIpException(input, "whitespace around an IP address is not part of it");
        }
        if (s.length() > MAX_INPUT) {
            throw new InvalidIpException(input, "too long to be an IP address");
        }
        int percent = s.indexOf('%');
        String address = percent < 0 ? s : s.substring(0, percent);
        IpAddress ip;
        if (address.indexOf(':') >= 0) {
            ip = new IpAddress(unmap(parseV6(input, address)));
        } else {
            byte[] v4 = new byte[4];
            if (!parseV4(address, v4, 0)) {
                throw new InvalidIpException(input, "not a valid IPv4 or IPv6 address");
            }
            ip = new IpAddress(v4);
        }
        if (percent >= 0) {
            checkZone(input, s.substring(percent + 1), ip);
        }
        return ip;
    }

    public boolean isV4() {
        return octets.length == 4;
    }

    /** Whether the first {@code bits} bits of both addresses are equal; addresses of different families never are. */
    boolean sharesPrefix(IpAddress other, int bits) {
        if (other.octets.length != octets.length) {
            return false;
        }
        int whole = bits >>> 3;
        for (int i = 0; i < whole; i++) {
            if (octets[i] != other.octets[i]) {
                return false;
            }
        }
        int rest = bits & 7;
        int mask = (0xff << (8 - rest)) & 0xff;
        return rest == 0 || (octets[whole] & mask) == (other.octets[whole] & mask);
    }

    int bitLength() {
        return octets.length * 8;
    }

    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpAddress ip && Arrays.equals(octets, ip.octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }

    @Override
    public String toString() {
        return text;
    }

    private static boolean parseV4(String s, byte[] into, int offset) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                if (c < '0' || c > '9') {
                    return false;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return false;
            }
            into[offset + i] = (byte) value;
        }
        return true;
    }

    private static byte[] parseV6(String input, String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            throw new InvalidIpException(input, "'::' may appear only once in an IPv6 address");
        }
        byte[] head = new byte[16];
        int headLength = writeGroups(input, groups(gap < 0 ? s : s.substring(0, gap)), head, gap < 0);
        if (gap < 0) {
            if (headLength != 16) {
                throw new InvalidIpException(input, "an IPv6 address has eight groups of up to four hex digits");
            }
            return head;
        }
        byte[] tail = new byte[16];
        int tailLength = writeGroups(input, groups(s.substring(gap + 2)), tail, true);
        if (headLength + tailLength > 14) {
            throw new InvalidIpException(input, "an IPv6 address has eight groups of up to four hex digits");
        }
        System.arraycopy(tail, 0, head, 16 - tailLength, tailLength);
        return head;
    }

    private static String[] groups(String part) {
        return part.isEmpty() ? new String[0] : part.split(":", -1);
    }

    /** Writes hex groups (and a final dotted IPv4 group when they end the address) into out; returns bytes written. */
    private static int writeGroups(String input, String[] groups, byte[] out, boolean endsAddress) {
        int at = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (endsAddress && i == groups.length - 1 && g.indexOf('.') >= 0) {
                if (at + 4 > 16 || !parseV4(g, out, at)) {
                    throw new InvalidIpException(input, "the embedded IPv4 part is not a valid dotted quad");
                }
                return at + 4;
            }
            if (g.isEmpty() || g.length() > 4 || at + 2 > 16) {
                throw new InvalidIpException(input, "an IPv6 address has eight groups of up to four hex digits");
            }
            int value = 0;
            for (int j = 0; j < g.length(); j++) {
                int digit = hexDigit(g.charAt(j));
                if (digit < 0) {
                    throw new InvalidIpException(input, "'" + g + "' is not a group of hex digits");
                }
                value = value * 16 + digit;
            }
            out[at++] = (byte) (value >>> 8);
            out[at++] = (byte) value;
        }
        return at;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    private static byte[] unmap(byte[] octets) {
        if (octets.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (octets[i] != 0) {
                    return octets;
                }
            }
            if (octets[10] == (byte) 0xff && octets[11] == (byte) 0xff) {
                return Arrays.copyOfRange(octets, 12, 16);
            }
        }
        return octets;
    }

    private static void checkZone(String input, String zone, IpAddress ip) {
        if (zone.isEmpty() || !zone.matches("[A-Za-z0-9._~-]+")) {
            throw new InvalidIpException(input, "the zone id after '%' is malformed");
        }
        boolean scoped = !ip.isV4()
                && (ip.octets[0] == (byte) 0xff || (ip.octets[0] == (byte) 0xfe && (ip.octets[1] & 0xc0) == 0x80));
        if (!scoped) {
            throw new InvalidIpException(
                    input, "a zone id (%" + zone + ") belongs only on link-local or multicast IPv6 addresses");
        }
    }

    private static String formatV4(byte[] b, int offset) {
        return (b[offset] & 0xff) + "." + (b[offset + 1] & 0xff) + "." + (b[offset + 2] & 0xff) + "."
                + (b[offset + 3] & 0xff);
    }

    /** RFC 5952: lower-case hex, no leading zeros, the first longest run of two or more zero groups as "::". */
    private static String formatV6(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
