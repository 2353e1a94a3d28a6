package org.geochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.geochat.core.AsyncRuntime;
import org.junit.jupiter.api.Test;

/**
 * The chat's readiness is a real handshake: a server that answers /chat with 404 (a container whose WebSocket
 * upgrade is not in place yet) is not ready, and every question asks it again until one handshake succeeds.
 */
class ChatProbeTest {

    @Test
    void aChatThatAnswers404IsNotReadyAndIsAskedAgain() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger handshakes = new AtomicInteger();
        server.createContext("/", exchange -> {
            handshakes.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try (AsyncRuntime runtime = new AsyncRuntime()) {
            ChatProbe probe = new ChatProbe("token", runtime);
            URI chat = URI.create("ws://127.0.0.1:" + server.getAddress().getPort() + "/geochat/chat");
            ChatProbe.Readiness first = probe.check(chat).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertFalse(first.ready());
            assertEquals("the chat refuses connections for now (HTTP 404)", first.error());
            assertFalse(probe.check(chat)
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)
                    .ready());
            assertEquals(2, handshakes.get(), "not ready is not remembered: each question probes again");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void noServerAtAllIsNotReady() throws Exception {
        try (AsyncRuntime runtime = new AsyncRuntime()) {
            ChatProbe.Readiness readiness = new ChatProbe("token", runtime)
                    .check(URI.create("ws://127.0.0.1:1/chat"))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertFalse(readiness.ready());
            assertTrue(readiness.error().startsWith("the chat refuses connections for now"), readiness.error());
        }
    }
}
