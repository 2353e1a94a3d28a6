package org.geochat.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's) for the chat: every text frame it receives goes into a queue the test
 * polls with a deadline, and so does the close code the server sent. For a client that reads nothing, see
 * {@link SilentClient}.
 */
public final class ChatClient implements AutoCloseable {

    public static final long WAIT_SECONDS = 10;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private ChatClient(URI uri, String subprotocol, String origin, String... headers) {
        WebSocket.Builder builder =
                HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(WAIT_SECONDS)); // the handshake too
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        if (subprotocol != null) {
            builder.subprotocols(subprotocol);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket = builder.buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public void onOpen(WebSocket webSocket) {
                        webSocket.request(1);
                    }

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            frames.add(partial.toString());
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closes.add(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closes.add(1006);
                    }
                })
                .orTimeout(WAIT_SECONDS, TimeUnit.SECONDS)
                .join();
    }

    /** {@code ws://} to {@code path} (such as {@code chat/lobby?nick=ann}) of the deployment at {@code base}, in geochat.v1. */
    public static ChatClient v1(URL base, String path) {
        return new ChatClient(ws(base, path), "geochat.v1", null);
    }

    /** The tutorial's page: no subprotocol, plain-text lines. */
    public static ChatClient legacy(URL base, String path) {
        return new ChatClient(ws(base, path), null, null);
    }

    public static ChatClient withOrigin(URL base, String path, String origin) {
        return new ChatClient(ws(base, path), "geochat.v1", origin);
    }

    /** In geochat.v1, with extra handshake headers (name, value, ...), such as a proxy's {@code X-Forwarded-For}. */
    public static ChatClient v1(URL base, String path, String... headers) {
        return new ChatClient(ws(base, path), "geochat.v1", null, headers);
    }

    /** The HTTP status a refused handshake got, or -1 if it was accepted. */
    public static int handshakeStatus(URL base, String path, String origin) {
        try (ChatClient client = withOrigin(base, path, origin)) {
            return -1;
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    public static URI ws(URL base, String path) {
        return URI.create(base.toString().replaceFirst("^http", "ws")).resolve(path);
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** Sends a geochat.v1 message. */
    public void say(String text) {
        send(Json.createObjectBuilder()
                .add("type", "message")
                .add("text", text)
                .build()
                .toString());
    }

    public void sendBinary() {
        socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true)
                .orTimeout(WAIT_SECONDS, TimeUnit.SECONDS)
                .join();
    }

    /** The next text frame; fails the test if none arrives in time. */
    public String next() throws InterruptedException {
        String frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within " + WAIT_SECONDS + " s" + state());
        }
        return frame;
    }

    public JsonObject nextJson() throws InterruptedException {
        return json(next());
    }

    private static JsonObject json(String frame) {
        return Json.createReader(new StringReader(frame)).readObject();
    }

    /** Skips frames until one of {@code type} arrives. */
    public JsonObject next(String type) throws InterruptedException {
        return nextMatching(frame -> type.equals(frame.getString("type")));
    }

    /** The next frame {@code wanted}; fails the test if none arrives within a minute, however many others do. */
    public JsonObject nextMatching(Predicate<JsonObject> wanted) throws InterruptedException {
        return json(nextText(frame -> wanted.test(json(frame))));
    }

    /** The next text frame {@code wanted} (a plain-text line, say); fails the test if none arrives within a minute. */
    public String nextText(Predicate<String> wanted) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(6 * WAIT_SECONDS);
        for (long left = giveUp - System.nanoTime(); left > 0; left = giveUp - System.nanoTime()) {
            String frame = frames.poll(left, TimeUnit.NANOSECONDS);
            if (frame != null && wanted.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("none of the frames in " + 6 * WAIT_SECONDS + " s was the one awaited" + state());
    }

    /** For a failed wait: whether the connection is still open. */
    private String state() {
        Integer closed = closes.peek();
        return closed == null ? " (still open)" : " (closed with " + closed + ")";
    }

    /** The close code the server sent; fails the test if the connection is not closed in time. */
    public int closeCode() throws InterruptedException {
        Integer code = closes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (code == null) {
            throw new AssertionError("not closed within " + WAIT_SECONDS + " s");
        }
        return code;
    }

    /** Drops the connection without a close frame, as a crashed client would. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
