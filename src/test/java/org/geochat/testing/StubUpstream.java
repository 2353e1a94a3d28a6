package org.geochat.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in upstream on a real socket, whose behaviour is chosen per key: ip-api's {@code GET /json/{ip}}
 * (the key is the IP) and the demo's slow service {@code GET /slow?ms=N} (the key is {@link #SLOW}, the URL
 * {@link #slowUrl()}). It counts the calls per key, and can hold requests open (no thread involved) until the
 * test releases them.
 */
public final class StubUpstream implements AutoCloseable {

    /** {@code STALL_BODY}: the headers and the first bytes of the body, then nothing more. */
    public enum Behaviour {
        ANSWER,
        HANG,
        FAIL_500,
        GARBAGE,
        BUSY_429,
        FAIL_ONCE,
        HOLD,
        REDIRECT,
        HUGE,
        STALL_BODY
    }

    /** The key of the demo's slow service. */
    public static final String SLOW = "slow";

    private final HttpServer server;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final BlockingQueue<HttpExchange> held = new LinkedBlockingQueue<>();
    private final BlockingQueue<HttpExchange> hanging = new LinkedBlockingQueue<>();

    public StubUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/json/", this::handle);
        server.createContext("/slow", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String slowUrl() {
        return url() + "/slow";
    }

    public StubUpstream on(String ip, Behaviour behaviour) {
        behaviours.put(ip, behaviour);
        return this;
    }

    public int calls(String ip) {
        AtomicInteger count = calls.get(ip);
        return count == null ? 0 : count.get();
    }

    /** Waits for the next request held by {@link Behaviour#HOLD}; null if none arrives in time. */
    public HttpExchange nextHeld(long timeout, TimeUnit unit) throws InterruptedException {
        return held.poll(timeout, unit);
    }

    /**
     * Waits for the next held request whose query is {@code query}; null if none arrives in time. Any other is
     * answered and skipped: a call an earlier test left in flight (a parallel call whose sibling failed first) can
     * still arrive after that test has ended.
     */
    public HttpExchange nextHeld(String query, long timeout, TimeUnit unit) throws InterruptedException {
        long giveUp = System.nanoTime() + unit.toNanos(timeout);
        for (long left = unit.toNanos(timeout); left > 0; left = giveUp - System.nanoTime()) {
            HttpExchange exchange = held.poll(left, TimeUnit.NANOSECONDS);
            if (exchange == null || query.equals(exchange.getRequestURI().getQuery())) {
                return exchange;
            }
            release(exchange);
        }
        return null;
    }

    /** Answers every request still held, so that one test's leftovers cannot reach the next. */
    public void releaseAll() {
        for (HttpExchange exchange; (exchange = held.poll()) != null; ) {
            release(exchange);
        }
    }

    /** Answers a held call to the slow service as having served {@code ms}, whatever it asked for. */
    public static void releaseSlow(HttpExchange exchange, long ms) {
        respond(exchange, 200, slowAnswer(Long.toString(ms)), Map.of());
    }

    /** Answers a held request as {@link Behaviour#ANSWER} would have. */
    public static void release(HttpExchange exchange) {
        respond(exchange, 200, answer(exchange), Map.of());
    }

    @Override
    public void close() {
        hanging.forEach(HttpExchange::close);
        held.forEach(HttpExchange::close);
        server.stop(0);
    }

    /** A port with nothing listening on it, for connection-refused tests. */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) {
        String key = key(exchange);
        int call = calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        switch (behaviours.getOrDefault(key, Behaviour.ANSWER)) {
            case ANSWER -> respond(exchange, 200, answer(exchange), Map.of());
            case HANG -> hanging.add(exchange);
            case STALL_BODY -> stall(exchange);
            case HOLD -> held.add(exchange);
            case FAIL_500 -> respond(exchange, 500, "{\"error\":\"boom\"}", Map.of());
            case GARBAGE -> respond(exchange, 200, "<html>this is not json", Map.of());
            case BUSY_429 -> respond(exchange, 429, "", Map.of("X-Rl", "0", "X-Ttl", "17"));
            case REDIRECT -> respond(exchange, 302, "", Map.of("Location", "http://169.254.169.254/latest/meta-data/"));
            case HUGE ->
                respond(exchange, 200, "{\"status\":\"success\",\"city\":\"" + "x".repeat(2 << 20) + "\"}", Map.of());
            case FAIL_ONCE -> {
                if (call == 1) {
                    respond(exchange, 500, "", Map.of());
                } else {
                    respond(exchange, 200, answer(exchange), Map.of());
                }
            }
        }
    }

    private static String key(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        return path.startsWith("/json/") ? path.substring("/json/".length()) : SLOW;
    }

    private static String answer(HttpExchange exchange) {
        String key = key(exchange);
        if (SLOW.equals(key)) {
            return slowAnswer(exchange.getRequestURI().getQuery().replaceAll(".*ms=(\\d+).*", "$1"));
        }
        return ipApiAnswer(key);
    }

    private static String slowAnswer(String ms) {
        return """
                {"style":"slow","ms":%s,"elapsedMs":0,"upstreamCalls":0,"receivedOn":"stub","resumedOn":"stub"}""".formatted(ms);
    }

    private void stall(HttpExchange exchange) {
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write("{\"style\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            hanging.add(exchange);
        } catch (IOException e) {
            exchange.close();
        }
    }

    /** The shape ip-api.com answers in, without geochat's source and attribution fields. */
    private static String ipApiAnswer(String ip) {
        return """
                {"status":"success","country":"Stubland","countryCode":"SL","region":"ST","regionName":"Stub Region",\
                "city":"Stubton","zip":"","lat":12.5,"lon":-45.25,"timezone":"","query":"%s"}""".formatted(ip);
    }

    private static void respond(HttpExchange exchange, int status, String body, Map<String, String> headers) {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the gateway gave up on this call already; nothing to answer
        }
    }
}
