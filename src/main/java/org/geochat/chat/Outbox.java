package org.geochat.chat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One session's writer: frames offered from any thread are queued and sent one at a time, the next one when
 * the previous send completes, so a session never sees two sends at once (Tomcat throws
 * {@code TEXT_FULL_WRITING} on that). It is bounded in frames queued, and in bytes the client has not confirmed
 * reading (see {@link Receipts}), queued or sent (and then in the container's buffers, or the network's): twice
 * {@code maxBytes}, since a client that reads but lags has as much again on its way. An offer beyond a bound is
 * refused, and the caller closes the session as a slow consumer. No thread ever waits on a send.
 */
final class Outbox {

    /**
     * Sends one frame and calls {@code done} (with the failure, or null) when the container has taken it: a
     * text frame, or a ping carrying {@link Frame#mark()} in its {@link Receipts#MARK_BYTES} bytes.
     */
    interface Transport {
        void send(Frame frame, Consumer<Throwable> done);
    }

    /**
     * A text frame and its size in UTF-8 bytes, made once and offered to every member; or a ping (text null) and
     * the mark it carries.
     */
    record Frame(String text, int bytes, long mark) {
        /** A heartbeat's ping: it carries a mark given when it is sent. */
        static final Frame PING = new Frame(null, 0, 0);

        static Frame text(String text) {
            return new Frame(text, text.getBytes(StandardCharsets.UTF_8).length, 0);
        }

        boolean isPing() {
            return text == null;
        }
    }

    private final Transport transport;
    private final int maxFrames;
    private final long maxBytes;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final Receipts receipts;
    /** Frames queued or being sent. */
    private final AtomicInteger frames = new AtomicInteger();
    /** Bytes of text queued, or sent and not yet confirmed by the client; at most twice {@code maxBytes}. */
    private final AtomicLong bytes = new AtomicLong();
    /** True while one send is in flight; only the thread that set it may send. */
    private final AtomicBoolean sending = new AtomicBoolean();

    private volatile boolean failed;
    /** A window's worth was sent since the last mark: its ping goes next. Only the thread sending touches it. */
    private volatile boolean markDue;
    /** The thread inside {@code transport.send}, if any: a completion it reports inline must not recurse. */
    private volatile Thread sendingThread;
    /** {@link System#nanoTime} when the send in flight started; 0 when none is. */
    private volatile long sendStarted;

    Outbox(Transport transport, int maxFrames, long maxBytes) {
        this.transport = transport;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.receipts = new Receipts(Math.max(1, maxBytes / 4));
    }

    /** Queues a frame; false when the outbox is full (or the session failed), and then nothing is queued. */
    boolean offer(Frame frame) {
        if (failed) {
            return false;
        }
        int queued = frames.incrementAndGet();
        long size = bytes.addAndGet(frame.bytes());
        if (queued > maxFrames || size - maxBytes > maxBytes) { // size > 2 * maxBytes, which may overflow
            frames.decrementAndGet();
            bytes.addAndGet(-frame.bytes());
            return false;
        }
        queue.add(frame);
        pump();
        return true;
    }

    int depth() {
        return frames.get();
    }

    /** A pong from the client: what it confirms reading no longer counts against the bound in bytes. */
    void confirmed(ByteBuffer pong) {
        long released = receipts.confirm(pong);
        if (released > 0) {
            bytes.addAndGet(-released);
        }
    }

    /**
     * Text was sent before {@code since} (a {@link System#nanoTime} value) that no ping has asked the client to
     * confirm yet: the heartbeat then sends one, so a client that stops reading is found out within the send
     * timeout even when its outbox never fills.
     */
    boolean unmarkedSince(long since) {
        return receipts.unmarkedSince(since);
    }

    /**
     * A send started before {@code deadline} (a {@link System#nanoTime} value) has still not completed, or a mark
     * sent before then awaits the client, which has confirmed nothing since.
     */
    boolean stuckSince(long deadline) {
        long started = sendStarted;
        return started != 0 && started - deadline < 0 || receipts.unconfirmedSince(deadline);
    }

    /** Refuses everything from now on and drops what is queued (the session is being closed). */
    void fail() {
        failed = true;
        queue.clear();
    }

    /**
     * Starts the next send unless one is in flight. The loop covers the race where a frame is queued just
     * after this thread found the queue empty but before it released {@code sending}: whoever queued it saw
     * {@code sending} still set and left it to us. It also takes over when a send completes inline, on this
     * thread, as Tyrus does: recursing from the completion instead would go one level deeper per queued frame.
     */
    private void pump() {
        while (!failed && sending.compareAndSet(false, true)) {
            boolean queued = !markDue;
            Frame next = queued ? queue.poll() : Frame.PING;
            if (next == null) {
                sending.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            long now = System.nanoTime();
            Frame frame = next;
            if (frame.isPing()) {
                frame = new Frame(null, 0, receipts.mark(now));
                markDue = false;
            } else {
                markDue = receipts.handed(frame.bytes(), now);
            }
            sendingThread = Thread.currentThread();
            sendStarted = now | 1; // never 0
            try {
                transport.send(frame, failure -> sent(queued, failure));
            } finally {
                sendingThread = null;
            }
        }
    }

    /** @param queued whether the frame came from the queue (a mark's ping did not) */
    private void sent(boolean queued, Throwable failure) {
        sendStarted = 0;
        if (queued) {
            frames.decrementAndGet();
        }
        if (failure != null) {
            failed = true; // the session is gone or broken; its close handler cleans up
            queue.clear();
        }
        boolean inline = sendingThread == Thread.currentThread();
        sending.set(false);
        if (!inline) {
            pump(); // else the loop in pump() that is sending on this thread takes the next frame
        }
    }
}
