package org.geochat.chat;

/**
 * Gathers a text message that arrives in parts, up to the longest message allowed. The container then needs a
 * small buffer for every connection, instead of one as large as the longest message (Tomcat allocates it per
 * connection when the connection opens, and keeps it). Past the limit the message is given on at once, too long
 * (its sender is then closed with 1009), and the rest of it is dropped.
 */
final class MessageParts {

    private final int maxChars;
    private StringBuilder gathered;
    private boolean dropping;

    MessageParts(int maxChars) {
        this.maxChars = maxChars;
    }

    /** The whole message once {@code part} ends it, or once it is too long; else null. */
    String add(String part, boolean last) {
        if (dropping) {
            dropping = !last;
            return null;
        }
        if (gathered == null) {
            if (last) {
                return part; // in one part: no copy
            }
            gathered = new StringBuilder(part);
        } else {
            gathered.append(part);
        }
        if (!last && gathered.length() <= maxChars) {
            return null;
        }
        String whole = gathered.toString();
        gathered = null;
        dropping = !last;
        return whole;
    }
}
