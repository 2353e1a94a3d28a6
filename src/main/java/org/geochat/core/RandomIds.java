package org.geochat.core;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random names in hex, for what must not repeat across restarts or be guessed: tokens, node names, epochs. */
public final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {}

    /** {@code bytes} random bytes, as twice as many lower-case hex digits. */
    public static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
