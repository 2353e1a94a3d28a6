package org.geochat.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A geochat.v1 connection over a plain socket that, once the handshake is done, never reads another byte and
 * never writes one: no pong, no close, whatever the server sends. The JDK's WebSocket client cannot be made
 * this silent (its default {@code onPing} asks for more frames, and then it answers pings), and a frozen
 * browser tab is this silent. Its receive buffer is small, so the server's writes to it stall soon.
 */
public final class SilentClient implements AutoCloseable {

    private final Socket socket;

    private SilentClient(Socket socket) {
        this.socket = socket;
    }

    /** Connects to {@code path} (such as {@code chat/room?nick=ann}) of the deployment at {@code base}. */
    public static SilentClient connect(URL base, String path) {
        URI uri = URI.create(base.toString()).resolve(path);
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout((int) ChatClient.WAIT_SECONDS * 1000);
            byte[] key = new byte[16];
            new SecureRandom().nextBytes(key);
            String request = "GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: geochat.v1\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String head = readHead(socket.getInputStream());
            if (!head.startsWith("HTTP/1.1 101")) {
                socket.close();
                throw new IllegalStateException(
                        "handshake refused: " + head.lines().findFirst().orElse(head));
            }
            return new SilentClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response head, byte by byte, so not one byte of the frames after it is read. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4
                    && bytes[n - 4] == '\r'
                    && bytes[n - 3] == '\n'
                    && bytes[n - 2] == '\r'
                    && bytes[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** What a silent client reads once it reads again: the bytes of frames before the close, and its code. */
    public record Backlog(long bytes, int closeCode) {}

    /**
     * Starts reading at last, to the server's close frame (its code) or the end of the stream (code 1006):
     * whatever the server kept for this client, in its own buffers, the container's or the sockets'.
     */
    public Backlog readToClose() {
        long bytes = 0;
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            while (true) {
                RawWebSocket.Head head = RawWebSocket.Head.read(in);
                if (head.opcode() == 0x8) { // close: its code first
                    return new Backlog(bytes, head.length() >= 2 ? in.readUnsignedShort() : 1005);
                }
                in.skipNBytes(head.length());
                bytes += head.length();
            }
        } catch (EOFException e) {
            return new Backlog(bytes, 1006);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // gone already
        }
    }
}
