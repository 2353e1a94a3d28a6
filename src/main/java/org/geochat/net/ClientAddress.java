package org.geochat.net;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Works out the caller's address. It is the socket peer, unless the peer is a trusted proxy: then it is the
 * right-most hop of the proxy header that is not itself a trusted proxy. Only one header is read, the one the
 * proxies are known to write ({@code X-Forwarded-For} by default, or {@code Forwarded}): a proxy passes the
 * other header through untouched, so reading it would let any client choose its own address.
 */
public final class ClientAddress {

    public static final String X_FORWARDED_FOR = "X-Forwarded-For";
    public static final String FORWARDED = "Forwarded";

    /** Stands for a hop that cannot be parsed or names nobody; never an address, so a lookup rejects it. */
    static final String MALFORMED = "(malformed Forwarded header)";

    private final List<IpRange> trustedProxies;
    private final String header;

    public ClientAddress(List<IpRange> trustedProxies, String header) {
        if (!header.equalsIgnoreCase(X_FORWARDED_FOR) && !header.equalsIgnoreCase(FORWARDED)) {
            throw new IllegalArgumentException(
                    "the proxy header is " + X_FORWARDED_FOR + " or " + FORWARDED + ", not " + header);
        }
        this.trustedProxies = List.copyOf(trustedProxies);
        this.header = header.equalsIgnoreCase(FORWARDED) ? FORWARDED : X_FORWARDED_FOR;
    }

    /** The header this instance reads when the peer is trusted. */
    public String header() {
        return header;
    }

    /** The caller of {@code request}; see {@link #resolve(String, List)}. */
    public String of(HttpServletRequest request) {
        return resolve(request.getRemoteAddr(), Collections.list(request.getHeaders(header)));
    }

    /**
     * The caller's address: an IP in canonical form, or, when the nearest untrusted hop is not an IP
     * ({@code unknown}, an obfuscated identifier), that hop as written, which a lookup will reject.
     *
     * @param peer the socket's remote address
     * @param headerValues every value of {@link #header()} in the request, in order
     */
    public String resolve(String peer, List<String> headerValues) {
        if (trustedProxies.isEmpty() || !isTrusted(parseOrNull(peer))) {
            return peer;
        }
        List<String> hops = FORWARDED.equals(header) ? forwardedHops(headerValues) : listHops(headerValues);
        for (int i = hops.size() - 1; i >= 0; i--) {
            IpAddress hop = parseOrNull(hops.get(i));
            if (hop == null) {
                return hops.get(i).isEmpty() ? MALFORMED : hops.get(i); // "for=", "[]": never the empty caller
            }
            if (!isTrusted(hop)) {
                return hop.toString();
            }
        }
        // Every hop is a trusted proxy: the left-most one is the closest we can get to the caller.
        return hops.isEmpty() ? peer : IpAddress.parse(hops.get(0)).toString();
    }

    private boolean isTrusted(IpAddress ip) {
        return IpRange.anyContains(trustedProxies, ip);
    }

    private static IpAddress parseOrNull(String address) {
        try {
            return IpAddress.parse(address);
        } catch (InvalidIpException e) {
            return null;
        }
    }

    private static List<String> listHops(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(withoutPort(hop.strip()));
                }
            }
        }
        return hops;
    }

    /**
     * The {@code for=} value of each element of RFC 7239 {@code Forwarded} headers. A header line with an
     * unclosed quote cannot be split safely (a proxy may have appended the real peer inside the client's open
     * quote), so the whole line counts as one hop that is not an address.
     */
    private static List<String> forwardedHops(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            List<String> elements = splitOutsideQuotes(value, ',');
            if (elements == null) {
                hops.add(MALFORMED);
                continue;
            }
            for (String element : elements) {
                for (String pair : splitOutsideQuotes(element, ';')) {
                    int eq = pair.indexOf('=');
                    if (eq > 0
                            && pair.substring(0, eq)
                                    .strip()
                                    .toLowerCase(Locale.ROOT)
                                    .equals("for")) {
                        hops.add(withoutPort(unquote(pair.substring(eq + 1).strip())));
                    }
                }
            }
        }
        return hops;
    }

    /** Splits at separators outside quoted strings; null if a quoted string is never closed. */
    private static List<String> splitOutsideQuotes(String s, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return quoted ? null : parts;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** {@code [2001:db8::1]:4711} → {@code 2001:db8::1}; {@code 192.0.2.1:4711} → {@code 192.0.2.1}. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close > 0 ? hop.substring(1, close) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') && hop.indexOf('.') > 0 ? hop.substring(0, colon) : hop;
    }
}
