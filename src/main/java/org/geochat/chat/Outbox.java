package org.geochat.chat;

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
 * {@code TEXT_FULL_WRITING} on that). The queue is bounded in frames and in bytes; an offer beyond either
 * bound is refused, and the caller closes the session as a slow consumer. No thread ever waits on a send.
 */
final class Outbox {

    /** Sends one frame and calls {@code done} (with the failure, or null) when it has been written. */
    interface Transport {
        void send(Frame frame, Consumer<Throwable> done);
    }

    /** A text frame and its size in UTF-8 bytes, or a ping (text null). Made once, offered to every member. */
    record Frame(String text, int bytes) {
        static final Frame PING = new Frame(null, 0);

        static Frame text(String text) {
            return new Frame(text, text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    private final Transport transport;
    private final int maxFrames;
    private final long maxBytes;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger frames = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    /** True while one send is in flight; only the thread that set it may send. */
    private final AtomicBoolean sending = new AtomicBoolean();

    private volatile boolean failed;
    /** The thread inside {@code transport.send}, if any: a completion it reports inline must not recurse. */
    private volatile Thread sendingThread;
    /** {@link System#nanoTime} when the send in flight started; 0 when none is. */
    private volatile long sendStarted;

    Outbox(Transport transport, int maxFrames, long maxBytes) {
        this.transport = transport;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    /** Queues a frame; false when the outbox is full (or the session failed), and then nothing is queued. */
    boolean offer(Frame frame) {
        if (failed) {
            return false;
        }
        int queued = frames.incrementAndGet();
        long size = bytes.addAndGet(frame.bytes());
        if (queued > maxFrames || size > maxBytes) {
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

    /** A send started before {@code deadline} (a {@link System#nanoTime} value) has still not completed. */
    boolean stuckSince(long deadline) {
        long started = sendStarted;
        return started != 0 && started - deadline < 0;
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
            Frame next = queue.poll();
            if (next == null) {
                sending.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            sendingThread = Thread.currentThread();
            sendStarted = System.nanoTime() | 1; // never 0
            try {
                transport.send(next, failure -> sent(next, failure));
            } finally {
                sendingThread = null;
            }
        }
    }

    private void sent(Frame frame, Throwable failure) {
        sendStarted = 0;
        frames.decrementAndGet();
        bytes.addAndGet(-frame.bytes());
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
