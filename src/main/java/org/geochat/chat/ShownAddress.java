package org.geochat.chat;

import org.geochat.net.IpAddress;

/** A client address as the room shows it: {@code masked} (203.0.113.x, 2001:db8:85a3:x), {@code full}, or not at all. */
final class ShownAddress {

    private ShownAddress() {}

    static String of(String address, String mode) {
        if (ChatConfig.NONE.equals(mode) || address == null) {
            return null;
        }
        if (ChatConfig.FULL.equals(mode)) {
            return address;
        }
        IpAddress ip;
        try {
            ip = IpAddress.parse(address);
        } catch (RuntimeException e) { // a proxy's "unknown" or obfuscated identifier: nothing to show
            return null;
        }
        String canonical = ip.toString();
        if (ip.isV4()) {
            return canonical.substring(0, canonical.lastIndexOf('.') + 1) + "x";
        }
        byte[] bytes = ip.toInetAddress().getAddress();
        return String.format(
                "%x:%x:%x:x",
                (bytes[0] & 0xff) << 8 | bytes[1] & 0xff,
                (bytes[2] & 0xff) << 8 | bytes[3] & 0xff,
                (bytes[4] & 0xff) << 8 | bytes[5] & 0xff);
    }
}
