import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in upstream in its own JVM, holding no thread while it waits (answers are scheduled):
 * ip-api's {@code GET /json/{ip}} after a fixed delay, and the demo's slow service {@code GET /slow?ms=N}
 * (what geochat's {@code /api/demo/slow} answers) after N ms, as the tutorial's separate slow server.
 *
 * <pre>java bench/SlowUpstream.java PORT DELAY_MS</pre>
 */
public class SlowUpstream {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long delay = Long.parseLong(args[1]);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        server.createContext(
                "/json/", exchange -> timer.schedule(() -> answer(exchange), delay, TimeUnit.MILLISECONDS));
        server.createContext("/slow", exchange -> {
            long ms = Long.parseLong(exchange.getRequestURI().getQuery().replaceAll(".*ms=(\\d+).*", "$1"));
            timer.schedule(() -> slow(exchange, ms), ms, TimeUnit.MILLISECONDS);
        });
        server.start();
        System.out.println("slow upstream on " + port + ", " + delay + " ms");
    }

    private static void answer(HttpExchange exchange) {
        String ip = exchange.getRequestURI().getPath().substring("/json/".length());
        send(
                exchange,
                "{\"status\":\"success\",\"country\":\"Benchland\",\"countryCode\":\"BL\",\"region\":\"\","
                        + "\"regionName\":\"\",\"city\":\"Bench\",\"lat\":1.5,\"lon\":2.5,\"timezone\":\"\",\"query\":\""
                        + ip + "\"}");
    }

    private static void slow(HttpExchange exchange, long ms) {
        send(
                exchange,
                "{\"style\":\"slow\",\"ms\":" + ms + ",\"elapsedMs\":" + ms
                        + ",\"upstreamCalls\":0,\"receivedOn\":\"bench\",\"resumedOn\":\"bench\"}");
    }

    private static void send(HttpExchange exchange, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // client gone
        }
    }
}
