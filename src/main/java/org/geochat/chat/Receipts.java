package org.geochat.chat;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a client has confirmed reading, learnt from its pongs. A send that completes says only that the container
 * took the frame: Tyrus (Payara) takes every frame into its connection's own queue while the client reads nothing,
 * megabytes of them, so only the client can say what it has read. Every {@code window} bytes, and with every
 * heartbeat, the outbox sends a ping carrying a mark; the pong that echoes it confirms every byte sent before it
 * (RFC 6455 §5.5.3: a pong carries its ping's payload). Marks are random, so a client that reads nothing cannot
 * confirm anything; it would need to read the ping to learn the mark, and everything before it to reach the ping.
 */
final class Receipts {

    /** A ping's payload: the mark, 8 bytes. */
    static final int MARK_BYTES = Long.BYTES;

    private record Mark(long nonce, long handed, long sentAt) {}

    private final long window;
    /** Marks not yet confirmed, oldest first; at most one per {@code window} bytes beyond the confirmed ones. */
    private final ArrayDeque<Mark> outstanding = new ArrayDeque<>();
    /** Bytes of text handed to the transport, in all. */
    private long handed;
    /** Bytes of text the client confirmed reading, in all. */
    private long confirmed;

    private long markedUpTo;
    /** {@link System#nanoTime} when the first byte handed since the last mark was handed. */
    private long firstUnmarkedAt;
    /** {@link System#nanoTime} of the last pong that confirmed something (or of the start). */
    private long lastConfirmedAt = System.nanoTime();

    /** @param window bytes handed between two marks, at most */
    Receipts(long window) {
        this.window = window;
    }

    /** Counts {@code bytes} handed to the transport at {@code now}; true when a mark is due (a window is full). */
    synchronized boolean handed(int bytes, long now) {
        if (handed == markedUpTo) {
            firstUnmarkedAt = now;
        }
        handed += bytes;
        return handed - markedUpTo >= window;
    }

    /** Bytes were handed before {@code since} that no mark covers yet. */
    synchronized boolean unmarkedSince(long since) {
        return handed != markedUpTo && firstUnmarkedAt - since < 0;
    }

    /**
     * The mark of a ping sent now ({@link System#nanoTime} {@code now}): a new one when something was handed
     * since the last, else the last one again (a heartbeat asks again rather than adding marks without end), or
     * 0 when everything handed is confirmed.
     */
    synchronized long mark(long now) {
        if (handed == markedUpTo) {
            return outstanding.isEmpty() ? 0 : outstanding.peekLast().nonce();
        }
        long nonce;
        do {
            nonce = ThreadLocalRandom.current().nextLong(); // guessable only by reading the pings before it
        } while (nonce == 0);
        outstanding.add(new Mark(nonce, handed, now));
        markedUpTo = handed;
        return nonce;
    }

    /**
     * A pong's payload: when it echoes an outstanding mark, every byte handed before that mark is confirmed.
     *
     * @return the bytes this pong confirms; 0 for a pong that echoes no outstanding mark
     */
    synchronized long confirm(ByteBuffer pong) {
        if (pong.remaining() != MARK_BYTES) {
            return 0;
        }
        long nonce = pong.getLong(pong.position());
        if (nonce == 0 || outstanding.stream().noneMatch(mark -> mark.nonce() == nonce)) {
            return 0;
        }
        Mark mark;
        do {
            mark = outstanding.poll();
        } while (mark.nonce() != nonce);
        long released = mark.handed() - confirmed;
        confirmed = mark.handed();
        lastConfirmedAt = System.nanoTime();
        return released;
    }

    /**
     * The client has confirmed nothing since {@code deadline}, though a mark sent before then awaits it: it stopped
     * reading. A client that reads, however far behind, keeps confirming older marks.
     */
    synchronized boolean unconfirmedSince(long deadline) {
        Mark oldest = outstanding.peek();
        return oldest != null && oldest.sentAt() - deadline < 0 && lastConfirmedAt - deadline < 0;
    }
}
