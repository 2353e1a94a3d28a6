package org.geochat.net;

/** Text that is not an IP address; the message says why, quoting at most the first 64 characters of the input. */
public final class InvalidIpException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidIpException(String input, String reason) {
        super(quote(input) + ": " + reason);
    }

    private static String quote(String input) {
        if (input == null) {
            return "(none)";
        }
        return "'" + (input.length() > 64 ? input.substring(0, 64) + "…" : input) + "'";
    }
}
