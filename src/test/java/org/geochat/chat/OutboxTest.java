package org.geochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutboxTest {

    /** A transport that records frames and completes each send only when the test says so. */
    private static final class ManualTransport implements Outbox.Transport {
        final List<String> sent = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        int inFlight;
        int maxInFlight;

        @Override
        public synchronized void send(Outbox.Frame frame, Consumer<Throwable> done) {
            sent.add(frame.text());
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            pending.add(failure -> {
                synchronized (this) {
                    inFlight--;
                }
                done.accept(failure);
            });
        }

        void completeNext(Throwable failure) {
            Consumer<Throwable> next;
            synchronized (this) {
                next = pending.remove(0);
            }
            next.accept(failure);
        }
    }

    @Test
    void oneSendAtATimeInOrder() {
        ManualTransport transport = new ManualTransport();
        Outbox outbox = new Outbox(transport, 10, 1 << 20);
        for (int i = 0; i < 3; i++) {
            assertTrue(outbox.offer(Outbox.Frame.text("m" + i)));
        }
        assertEquals(List.of("m0"), transport.sent);
        transport.completeNext(null);
        assertEquals(List.of("m0", "m1"), transport.sent);
        transport.completeNext(null);
        transport.completeNext(null);
        assertEquals(List.of("m0", "m1", "m2"), transport.sent);
        assertEquals(1, transport.maxInFlight);
        assertEquals(0, outbox.depth());
    }

    @Test
    void fullInFramesOrBytesRefusesWithoutQueueing() {
        ManualTransport transport = new ManualTransport();
        Outbox byFrames = new Outbox(transport, 2, 1 << 20);
        assertTrue(byFrames.offer(Outbox.Frame.text("a")));
        assertTrue(byFrames.offer(Outbox.Frame.text("b")));
        assertFalse(byFrames.offer(Outbox.Frame.text("c")));
        assertEquals(2, byFrames.depth());

        Outbox byBytes = new Outbox(new ManualTransport(), 100, 5); // twice 5 bytes in all
        assertTrue(byBytes.offer(Outbox.Frame.text("12345")));
        assertFalse(byBytes.offer(Outbox.Frame.text("123456")), "5 + 6 bytes > 10");
        assertFalse(byBytes.offer(Outbox.Frame.text("ü1234")), "ü is two UTF-8 bytes: 5 + 6 > 10");
        assertTrue(byBytes.offer(Outbox.Frame.text("ü123")), "5 + 5 bytes fit");
    }

    @Test
    void aFailedSendStopsTheOutbox() {
        ManualTransport transport = new ManualTransport();
        Outbox outbox = new Outbox(transport, 10, 1 << 20);
        outbox.offer(Outbox.Frame.text("a"));
        outbox.offer(Outbox.Frame.text("b"));
        transport.completeNext(new java.io.IOException("gone"));
        assertEquals(List.of("a"), transport.sent);
        assertFalse(outbox.offer(Outbox.Frame.text("c")));
    }

    /** Tyrus completes a send inline, on the sending thread: a backlog of 100,000 frames must not recurse. */
    @Test
    void sendsThatCompleteInlineDoNotRecurse() {
        List<String> sent = new ArrayList<>();
        boolean[] holding = {true};
        List<Consumer<Throwable>> held = new ArrayList<>();
        Outbox outbox = new Outbox(
                (frame, done) -> {
                    sent.add(frame.text());
                    if (holding[0]) {
                        held.add(done); // the first send stays open while the backlog builds
                    } else {
                        done.accept(null);
                    }
                },
                200_000,
                Long.MAX_VALUE);
        for (int i = 0; i < 100_000; i++) {
            outbox.offer(Outbox.Frame.text("m" + i));
        }
        holding[0] = false;
        held.get(0).accept(null); // from here on every send completes inline
        assertEquals(100_000, sent.size());
        assertEquals("m99999", sent.get(99_999));
        assertEquals(0, outbox.depth());
    }

    /** Many threads offering while sends complete on other threads: every frame sent once, never two at a time. */
    @Test
    void concurrentOffersAreAllSentOneAtATime() throws InterruptedException {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch allSent = new CountDownLatch(8000);
        ConcurrentLinkedQueue<String> sent = new ConcurrentLinkedQueue<>();
        ExecutorService completer = Executors.newFixedThreadPool(2);
        Outbox outbox = new Outbox(
                (frame, done) -> {
                    if (inFlight.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    sent.add(frame.text());
                    completer.execute(() -> {
                        inFlight.decrementAndGet();
                        allSent.countDown();
                        done.accept(null);
                    });
                },
                1_000_000,
                Long.MAX_VALUE);
        ExecutorService senders = Executors.newFixedThreadPool(8);
        CountDownLatch ready = new CountDownLatch(1);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            senders.execute(() -> {
                try {
                    ready.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 1000; i++) {
                    outbox.offer(Outbox.Frame.text(thread + ":" + i));
                }
            });
        }
        ready.countDown();
        senders.shutdown();
        assertTrue(senders.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(allSent.await(30, TimeUnit.SECONDS), allSent.getCount() + " frames never sent");
        completer.shutdown();
        assertTrue(completer.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(0, overlaps.get());
        assertEquals(8000, sent.size());
        assertEquals(0, outbox.depth());
    }

    @Test
    void aSendInFlightSinceBeforeTheDeadlineIsStuckUntilItCompletes() {
        ManualTransport transport = new ManualTransport();
        Outbox outbox = new Outbox(transport, 10, 1 << 20);
        assertFalse(outbox.stuckSince(System.nanoTime()), "nothing in flight");
        outbox.offer(Outbox.Frame.text("a"));
        long afterStart = System.nanoTime() + 1;
        assertTrue(outbox.stuckSince(afterStart));
        assertFalse(outbox.stuckSince(afterStart - 60_000_000_000L), "started after that deadline");
        transport.completeNext(null);
        assertFalse(outbox.stuckSince(afterStart), "completed");
    }

    /** Completes every send at once, as Tyrus does while it queues what the client does not read. */
    private static final class TakingTransport implements Outbox.Transport {
        final List<Outbox.Frame> sent = new ArrayList<>();

        @Override
        public void send(Outbox.Frame frame, Consumer<Throwable> done) {
            sent.add(frame);
            done.accept(null);
        }

        List<Long> marks() {
            return sent.stream()
                    .filter(Outbox.Frame::isPing)
                    .map(Outbox.Frame::mark)
                    .toList();
        }
    }

    private static ByteBuffer pong(long mark) {
        return ByteBuffer.allocate(Receipts.MARK_BYTES).putLong(0, mark);
    }

    /** Sends the container completed are still the client's until its pong confirms them. */
    @Test
    void bytesCountUntilTheClientConfirmsThemNotUntilTheContainerTakesThem() {
        TakingTransport transport = new TakingTransport();
        Outbox outbox = new Outbox(transport, 100, 50); // twice 50 bytes in all; a mark every 12
        for (int i = 0; i < 10; i++) {
            assertTrue(outbox.offer(Outbox.Frame.text("0123456789")));
        }
        assertFalse(outbox.offer(Outbox.Frame.text("0123456789")), "100 bytes sent, none confirmed");
        assertEquals(0, outbox.depth(), "all taken by the container");
        List<Long> marks = transport.marks();
        assertEquals(5, marks.size(), "after 20, 40, 60, 80 and 100 bytes");

        outbox.confirmed(pong(marks.get(2))); // read up to the third mark: 60 bytes
        for (int i = 0; i < 6; i++) {
            assertTrue(outbox.offer(Outbox.Frame.text("0123456789")), "frame " + i);
        }
        assertFalse(outbox.offer(Outbox.Frame.text("0123456789")));
        outbox.confirmed(pong(marks.get(0))); // an older mark again confirms nothing more
        assertFalse(outbox.offer(Outbox.Frame.text("0123456789")));
    }

    /** A client that reads nothing cannot guess a mark, and a pong of the wrong size is no receipt. */
    @Test
    void onlyAPongThatEchoesAnOutstandingMarkConfirms() {
        TakingTransport transport = new TakingTransport();
        Outbox outbox = new Outbox(transport, 100, 20); // 40 bytes in all
        for (int i = 0; i < 4; i++) {
            assertTrue(outbox.offer(Outbox.Frame.text("0123456789")));
        }
        long mark = transport.marks().get(transport.marks().size() - 1);
        for (ByteBuffer forged : List.of(
                pong(mark + 1),
                pong(0),
                ByteBuffer.allocate(0),
                ByteBuffer.allocate(9).putLong(0, mark),
                ByteBuffer.wrap(new byte[] {1, 2, 3}))) {
            outbox.confirmed(forged);
            assertFalse(outbox.offer(Outbox.Frame.text("0123456789")));
        }
        outbox.confirmed(pong(mark));
        assertTrue(outbox.offer(Outbox.Frame.text("0123456789")));
    }

    /** A heartbeat marks what was sent since the last mark; with nothing new it asks again for the last one. */
    @Test
    void heartbeatPingsMarkWhatIsUnconfirmedAndNothingElse() {
        TakingTransport transport = new TakingTransport();
        Outbox outbox = new Outbox(transport, 100, 1 << 20);
        outbox.offer(Outbox.Frame.PING);
        assertEquals(List.of(0L), transport.marks(), "nothing sent: nothing to confirm");
        assertFalse(outbox.stuckSince(System.nanoTime() + 1));

        outbox.offer(Outbox.Frame.text("hello"));
        outbox.offer(Outbox.Frame.PING);
        long mark = transport.marks().get(1);
        assertTrue(mark != 0);
        long afterPing = System.nanoTime() + 1;
        assertTrue(outbox.stuckSince(afterPing), "sent before a ping that was not answered");
        assertFalse(outbox.stuckSince(afterPing - 60_000_000_000L), "pinged after that deadline");

        outbox.offer(Outbox.Frame.PING);
        assertEquals(mark, transport.marks().get(2), "nothing new: the same mark again");
        outbox.confirmed(pong(mark));
        assertFalse(outbox.stuckSince(afterPing), "confirmed");
        outbox.offer(Outbox.Frame.PING);
        assertEquals(0L, transport.marks().get(3));
    }

    /** A client that reads, however far behind, keeps confirming older marks: it has not stopped reading. */
    @Test
    void aClientThatConfirmsOlderMarksIsNotStuck() {
        TakingTransport transport = new TakingTransport();
        Outbox outbox = new Outbox(transport, 100, 1 << 20);
        outbox.offer(Outbox.Frame.text("one"));
        outbox.offer(Outbox.Frame.PING);
        outbox.offer(Outbox.Frame.text("two"));
        outbox.offer(Outbox.Frame.PING);
        long afterPings = System.nanoTime() + 1;
        assertTrue(outbox.stuckSince(afterPings));
        outbox.confirmed(pong(transport.marks().get(0)));
        assertFalse(outbox.stuckSince(afterPings), "the second mark is still out, but the client is reading");
    }
}
