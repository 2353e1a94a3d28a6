package org.geochat.chat;

/**
 * Text that can be sent: a Java string may hold a surrogate without its pair (a client's JSON can spell one,
 * {@code "\ud800"}), which has no UTF-8 form, so every container fails to send a frame holding it. Such text
 * never reaches a room: a message is refused ({@link #isWellFormed}), and an event made from anything else (a
 * cluster's stream entry) has the stray surrogate replaced ({@link #repaired}), so no frame can fail for all.
 */
final class UnicodeText {

    static final char REPLACEMENT = '\uFFFD';

    private UnicodeText() {}

    /** True when every surrogate in {@code text} is half of a pair, in order: it has a UTF-8 form. */
    static boolean isWellFormed(CharSequence text) {
        return strayAt(text, 0) < 0;
    }

    /** {@code text} with each surrogate that is not half of a pair replaced by U+FFFD; the same string when none is. */
    static String repaired(String text) {
        int stray = text == null ? -1 : strayAt(text, 0);
        if (stray < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        for (; stray >= 0; stray = strayAt(text, stray + 1)) {
            out.setCharAt(stray, REPLACEMENT);
        }
        return out.toString();
    }

    /** The index of the first stray surrogate at or after {@code from}, or -1. */
    private static int strayAt(CharSequence text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
