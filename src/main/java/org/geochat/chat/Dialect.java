package org.geochat.chat;

import java.util.List;

/**
 * How one connection's client speaks: the tutorial's plain-text lines ({@link PlainText}) or geochat.v1 JSON
 * ({@link GeochatV1}), chosen by the negotiated subprotocol. Every frame a room or a connection sends goes
 * through its member's dialect, so nothing else branches on the protocol. A null frame means the dialect has
 * nothing to say there. README.md documents both protocols.
 */
sealed interface Dialect permits PlainText, GeochatV1 {

    /** A live event; {@code shownBefore} when this node already showed the member its unnumbered copy. */
    Outbox.Frame event(ChatEvent event, boolean shownBefore);

    /** {@code missed} ids between what the member saw and the event that comes next; null when none. */
    Outbox.Frame gap(long missed);

    /** What a joiner gets before the live events: the kept history, after its resume position if it gave one. */
    List<Outbox.Frame> history(History.Replay replay);

    Outbox.Frame presence(Presence presence);

    /** A message the server refused, and why; the connection stays open. */
    Outbox.Frame error(String code, String message);

    /** Sent after the join and with every ping. */
    Outbox.Frame keepalive();

    /** The text a client frame says, or null when the frame is not a message (the client is then sent an error). */
    String said(String frame);
}
