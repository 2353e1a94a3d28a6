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
 * A stand-in ip-api upstream that answers every {@code GET /json/{ip}} after a fixed delay, holding no
 * thread while it waits (the answer is scheduled), so it is never the bottleneck.
 *
 * <pre>java bench/SlowUpstream.java PORT DELAY_MS</pre>
 */
public class SlowUpstream {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long delay = Long.parseLong(args[1]);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        server.createContext("/json/", exchange -> timer.schedule(() -> answer(exchange), delay, TimeUnit.MILLISECONDS));
        server.start();
        System.out.println("slow upstream on " + port + ", " + delay + " ms");
    }

    private static void answer(HttpExchange exchange) {
        String ip = exchange.getRequestURI().getPath().substring("/json/".length());
        byte[] body = ("{\"status\":\"success\",\"country\":\"Benchland\",\"countryCode\":\"BL\",\"region\":\"\","
                + "\"regionName\":\"\",\"city\":\"Bench\",\"lat\":1.5,\"lon\":2.5,\"timezone\":\"\",\"query\":\"" + ip + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // client gone
        }
    }
}
