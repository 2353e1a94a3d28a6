package org.geochat.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WebSocket client on a plain socket, for what no well-behaved client library sends: text that is not UTF-8,
 * unmasked frames, reserved opcodes, oversized control frames, fragments, floods. It reads the server's frames on
 * a thread of its own into a queue the test polls with a deadline.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9;

    /** A frame from the server; for a close, {@code payload} starts with the code. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** Stands for the end of the connection in the queue. */
    private static final Frame ENDED = new Frame(-1, new byte[0]);

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

    private RawWebSocket(Socket socket, DataInputStream in) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(() -> read(in), "raw-websocket-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code path} of the deployment at {@code base} (subprotocol null: the plain-text one); fails unless it is upgraded. */
    public static RawWebSocket open(URL base, String path, String subprotocol) throws IOException {
        URI uri = URI.create(base.toString()).resolve(path);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(ChatClient.WAIT_SECONDS * 6));
        String key = Base64.getEncoder()
                .encodeToString(
                        ByteBuffer.allocate(16).putLong(System.nanoTime()).array());
        String request = "GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        DataInputStream in = new DataInputStream(socket.getInputStream());
        String status = line(in);
        while (!line(in).isEmpty()) {
            // the handshake's headers
        }
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("not upgraded: " + status);
        }
        return new RawWebSocket(socket, in);
    }

    /** Sends one frame as given: {@code masked} false breaks the protocol (a client must mask). */
    public void send(int opcode, byte[] payload, boolean fin, boolean masked) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        int mask = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(mask | payload.length);
        } else if (payload.length < 65536) {
            frame.write(mask | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(mask | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] key = new byte[4];
            ThreadLocalRandom.current().nextBytes(key);
            frame.writeBytes(key);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= key[i & 3];
            }
        }
        frame.writeBytes(body);
        out.write(frame.toByteArray());
        out.flush();
    }

    /** A complete, masked text frame of these bytes, UTF-8 or not. */
    public void text(byte[] bytes) throws IOException {
        send(TEXT, bytes, true, true);
    }

    public void text(String text) throws IOException {
        text(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next frame from the server, or null when none came in time or the connection ended. */
    public Frame next() throws InterruptedException {
        Frame frame = frames.poll(ChatClient.WAIT_SECONDS, TimeUnit.SECONDS);
        return frame == null || frame == ENDED ? null : frame;
    }

    /** The code of the server's close frame (frames before it are skipped); 1006 when the connection ended without one. */
    public int closeCode() throws InterruptedException {
        return closeCodeOr(frame -> false);
    }

    /**
     * After a frame some containers close for and others take: sends a geochat.v1 message and returns the close code
     * if the server closes, or 0 if the message comes back (the connection still works), whichever comes first.
     */
    public int closeCodeOrEcho() throws IOException, InterruptedException {
        String marker = "echo-" + System.nanoTime();
        text("{\"type\":\"message\",\"text\":\"" + marker + "\"}");
        return closeCodeOr(frame -> frame.opcode() == TEXT && frame.text().contains(marker));
    }

    /** The server's close code (1006: ended without one), or 0 once a frame {@code open} says the connection works. */
    private int closeCodeOr(Predicate<Frame> open) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(ChatClient.WAIT_SECONDS * 3);
        for (long left = giveUp - System.nanoTime(); left > 0; left = giveUp - System.nanoTime()) {
            Frame frame = frames.poll(left, TimeUnit.NANOSECONDS);
            if (frame == ENDED) {
                return 1006;
            }
            if (frame != null && frame.opcode() == CLOSE) {
                return frame.payload().length >= 2
                        ? (frame.payload()[0] & 0xff) << 8 | frame.payload()[1] & 0xff
                        : 1005;
            }
            if (frame != null && open.test(frame)) {
                return 0;
            }
        }
        throw new AssertionError("neither closed nor answered within " + ChatClient.WAIT_SECONDS * 3 + " s");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A server frame's opcode and payload length (a server never masks). */
    record Head(int opcode, long length) {

        /** The next frame's head; an {@link EOFException} at the end of the stream. */
        static Head read(DataInputStream in) throws IOException {
            int first = in.readUnsignedByte();
            long length = in.readUnsignedByte() & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            return new Head(first & 0x0f, length);
        }
    }

    private void read(DataInputStream in) {
        try {
            while (true) {
                Head head = Head.read(in);
                byte[] payload = new byte[(int) head.length()];
                in.readFully(payload);
                frames.add(new Frame(head.opcode(), payload));
            }
        } catch (EOFException e) {
            frames.add(ENDED);
        } catch (IOException e) {
            frames.add(ENDED); // reset, or closed by the test
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the handshake ended early");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
