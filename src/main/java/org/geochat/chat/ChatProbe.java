package org.geochat.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.geochat.core.AsyncBridge;
import org.geochat.core.AsyncRuntime;
import org.geochat.core.ContextLoader;

/**
 * Whether this deployment's chat accepts connections, found out the only sure way: a WebSocket handshake with
 * itself, through the same filter, configurator and endpoint a browser goes through. The application's REST
 * resources can answer while the container does not yet upgrade {@code /chat} (it then answers 404), so
 * {@code /api/health} asks this before it says UP. The probe carries the deployment's handshake token, and the
 * endpoint closes it at once without joining anything. Once one has succeeded the chat is ready for good; until
 * then each question starts (or shares) a probe.
 */
public final class ChatProbe {

    /** Whether the chat accepts connections; {@code error} says why not (never a class name). */
    public record Readiness(boolean ready, String error) {
        static final Readiness READY = new Readiness(true, null);
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String token;
    private final AsyncRuntime runtime;
    private volatile boolean ready;
    private CompletableFuture<Readiness> inFlight;

    ChatProbe(String token, AsyncRuntime runtime) {
        this.token = token;
        this.runtime = runtime;
    }

    /** @param chat the {@code ws://} (or {@code wss://}) URI of this deployment's {@code /chat} */
    synchronized CompletionStage<Readiness> check(URI chat) {
        if (ready) {
            return CompletableFuture.completedFuture(Readiness.READY);
        }
        if (inFlight == null || inFlight.isDone()) {
            inFlight = probe(chat).whenComplete((readiness, failure) -> ready = readiness.ready());
        }
        return inFlight.copy();
    }

    private CompletableFuture<Readiness> probe(URI chat) {
        // A client of its own, dropped after the probe (Java 17's cannot be closed; it ends once collected).
        HttpClient client = ContextLoader.httpClient(
                HttpClient.newBuilder().executor(runtime.workers()).connectTimeout(TIMEOUT));
        CompletableFuture<WebSocket> handshake = client.newWebSocketBuilder()
                .header(ChatHandshakeFilter.PROBE_HEADER, token)
                .buildAsync(chat, new WebSocket.Listener() {});
        return runtime.deadline(handshake, TIMEOUT, () -> new TimeoutException("no handshake within " + TIMEOUT))
                .handle((socket, failure) -> {
                    if (failure != null) {
                        return new Readiness(
                                false,
                                "the chat refuses connections for now ("
                                        + (AsyncBridge.unwrap(failure) instanceof WebSocketHandshakeException refused
                                                ? "HTTP "
                                                        + refused.getResponse().statusCode()
                                                : "no handshake")
                                        + ")");
                    }
                    socket.abort();
                    return Readiness.READY;
                });
    }
}
