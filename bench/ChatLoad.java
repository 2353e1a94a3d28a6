import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * geochat's WebSocket load tool: N clients in one room, S of them sending R messages a second in all for D
 * seconds; a fraction F of the clients never read. Reports the join storm, delivered/expected for the clients
 * that read, deliveries/s, latency p50/p99/max (each message carries its send time; sender and receivers share
 * this JVM's clock), errors, and the server's CPU per delivery when given the server's pid.
 *
 * <pre>java bench/ChatLoad.java ws://localhost:18180/geochat/chat/bench CLIENTS SENDERS RATE SECONDS [NOT_READING] [SERVER_PID]
 * java bench/ChatLoad.java --idle ws://... CLIENTS     (connects, 50 to a room, prints READY, holds them until killed)</pre>
 *
 * With {@code -Dprotocol=plain} it speaks the tutorial's text lines instead of geochat.v1 (no subprotocol: a
 * client has joined when it hears its first line).
 */
public class ChatLoad {

    static final boolean PLAIN = "plain".equals(System.getProperty("protocol"));

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One connection: counts what it receives and keeps its latencies (callbacks of one socket never overlap). */
    static final class Client implements WebSocket.Listener {
        final boolean reading;
        final CompletableFuture<Void> joined = new CompletableFuture<>();
        /** Latencies in ns, primitive: boxing 800,000 of them made this JVM's collector stall its own readers. */
        long[] latencies = new long[1024];

        int count;
        volatile boolean closed;
        WebSocket socket;
        CompletableFuture<WebSocket> sending;
        private final StringBuilder partial = new StringBuilder();

        Client(boolean reading) {
            this.reading = reading;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (PLAIN || frame.startsWith("{\"type\":\"history\"")) {
                    joined.complete(null);
                }
                int at = PLAIN ? frame.lastIndexOf("说：b:") : frame.indexOf("\"text\":\"b:");
                if (at >= 0) {
                    int from = at + (PLAIN ? 4 : 10);
                    int to = from;
                    while (to < frame.length() && Character.isDigit(frame.charAt(to))) {
                        to++;
                    }
                    long sent = Long.parseLong(frame.substring(from, to));
                    synchronized (this) {
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = System.nanoTime() - sent;
                    }
                }
            }
            if (reading || !joined.isDone()) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            joined.completeExceptionally(
                    new IllegalStateException("closed before joining: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
            joined.completeExceptionally(error);
        }

        /** Sends after the previous send of this socket completed: the JDK client allows one at a time. */
        synchronized void send(String text) {
            sending = (sending == null ? CompletableFuture.completedFuture(socket) : sending)
                    .thenCompose(
                            ws -> ws.sendText(PLAIN ? text : "{\"type\":\"message\",\"text\":\"" + text + "\"}", true));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5 && !(args.length == 3 && args[0].equals("--idle"))) {
            System.err.println(
                    "usage: java bench/ChatLoad.java ws://host:port/geochat/chat/ROOM[,ws://node2/...] CLIENTS SENDERS RATE SECONDS"
                            + " [NOT_READING_FRACTION] [SERVER_PID]\n       java bench/ChatLoad.java --idle ws://host:port/geochat/chat/ROOM CLIENTS");
            System.exit(2);
        }
        if (args[0].equals("--idle")) {
            idle(URI.create(args[1]), Integer.parseInt(args[2]));
            return;
        }
        URI uri = URI.create(args[0]);
        int clients = Integer.parseInt(args[1]);
        int senders = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        double notReading = args.length > 5 ? Double.parseDouble(args[5]) : 0;
        String serverPid = args.length > 6 ? args[6] : ""; // comma-separated, one per node

        long stormStart = System.nanoTime();
        List<Client> all = connect(uri, clients, notReading);
        System.out.printf(
                "join storm: %d clients connected and given their history in %d ms%n",
                clients, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stormStart));

        long cpuBefore = cpuTicks(serverPid);
        AtomicLong sent = new AtomicLong();
        AtomicInteger sendErrors = new AtomicInteger();
        List<Client> sending =
                all.stream().filter(c -> c.reading).limit(senders).toList();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        ticker.scheduleAtFixedRate(
                () -> {
                    long due =
                            (System.nanoTime() - start) * rate / 1_000_000_000L; // messages that should be out by now
                    while (sent.get() < due) {
                        Client from = sending.get((int) (sent.get() % sending.size()));
                        try {
                            from.send("b:" + System.nanoTime());
                            sent.incrementAndGet();
                        } catch (RuntimeException e) {
                            sendErrors.incrementAndGet();
                        }
                    }
                },
                0,
                10,
                TimeUnit.MILLISECONDS);
        ticker.schedule(ticker::shutdown, seconds, TimeUnit.SECONDS);
        ticker.awaitTermination(seconds + 10, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        long expectedPerReader = sent.get();
        Thread.sleep(3000); // let the last messages arrive before counting
        long cpuAfter = cpuTicks(serverPid);

        List<Client> readers = all.stream().filter(c -> c.reading).toList();
        long delivered = 0;
        long[] sorted = new long[0];
        for (Client reader : readers) {
            synchronized (reader) {
                int from = sorted.length;
                sorted = Arrays.copyOf(sorted, from + reader.count);
                System.arraycopy(reader.latencies, 0, sorted, from, reader.count);
                delivered += reader.count;
            }
        }
        Arrays.sort(sorted);
        long expected = expectedPerReader * readers.size();
        long closedReaders = readers.stream().filter(c -> c.closed).count();
        long closedOthers = all.stream().filter(c -> !c.reading && c.closed).count();
        System.out.printf(
                "sent %d messages in %.1f s (%.0f/s) from %d senders; %d clients, %d of them not reading%n",
                sent.get(),
                elapsed / 1e9,
                sent.get() / (elapsed / 1e9),
                sending.size(),
                clients,
                clients - readers.size());
        System.out.printf(
                "delivered/expected to readers: %d / %d = %.4f; deliveries/s %.0f%n",
                delivered, expected, (double) delivered / expected, delivered / (elapsed / 1e9));
        System.out.printf(
                "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 1.0));
        System.out.printf(
                "errors: %d send failures, %d reading clients closed; %d non-reading clients closed by the server%n",
                sendErrors.get(), closedReaders, closedOthers);
        if (!serverPid.isEmpty()) {
            System.out.printf(
                    "server CPU: %.1f s in all, %.1f µs per delivery%n",
                    (cpuAfter - cpuBefore) / 100.0, (cpuAfter - cpuBefore) * 10_000.0 / Math.max(1, delivered));
        }
        all.forEach(c -> c.socket.abort());
        System.exit(0);
    }

    /** Client {@code i}'s address: with several (comma-separated, one per node), the clients take turns. */
    private static String node(URI uri, int i) {
        String[] nodes = uri.toString().split(",");
        return nodes[i % nodes.length];
    }

    private static List<Client> connect(URI uri, int clients, double notReading) {
        return connect(uri, clients, notReading, clients);
    }

    /** Clients {@code perRoom} at a time share a room ({@code uri} with -1, -2... appended when they are split). */
    private static List<Client> connect(URI uri, int clients, double notReading, int perRoom) {
        List<Client> all = new ArrayList<>();
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client client = new Client(i < Math.round(clients * (1 - notReading)));
            all.add(client);
            WebSocket.Builder builder = HTTP.newWebSocketBuilder();
            if (!PLAIN) {
                builder.subprotocols("geochat.v1");
            }
            joins.add(builder.buildAsync(
                            URI.create(node(uri, i) + (perRoom < clients ? "-" + i / perRoom : "") + "?nick=c" + i),
                            client)
                    .thenCompose(ws -> {
                        client.socket = ws;
                        return client.joined;
                    }));
            if (i % 100 == 99) {
                CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).join(); // batches of 100 handshakes
            }
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).join();
        return all;
    }

    /** Idle clients 50 to a room: one room of 5,000 would measure the join storm, not an idle connection. */
    private static void idle(URI uri, int clients) throws Exception {
        connect(uri, clients, 0, 50);
        System.out.println("READY " + clients);
        Thread.sleep(Long.MAX_VALUE);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** utime + stime of the processes (comma-separated pids), in clock ticks (1/100 s). */
    private static long cpuTicks(String pids) throws Exception {
        long ticks = 0;
        for (String pid : pids.split(",")) {
            if (!pid.isBlank()) {
                String[] stat = Files.readString(Path.of("/proc/" + pid.strip() + "/stat"))
                        .split("\\) ")[1]
                        .split(" ");
                ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
            }
        }
        return ticks;
    }
}
