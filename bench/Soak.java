import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * geochat's soak: connect/disconnect churn with messages at a steady rate for a while, then a check that the server
 * is back where it started. Baseline and end state are each taken with no client connected, after the server's
 * pools have had 75 s to idle down and after a full GC: the open connections, the connections counted against
 * their addresses and the rooms (from /metrics) must equal the baseline, the live threads may not exceed it, and
 * the heap used may differ from it by at most 10 %. Exits 1 when any of that fails.
 *
 * <pre>java bench/Soak.java http://localhost:18180/geochat SERVER_PID MINUTES [CHURNERS] [STEADY]</pre>
 */
public class Soak {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
    private static final int ROOMS = 5;
    private static final long SETTLE_SECONDS = 75;

    private final String base;
    private final String pid;
    private final AtomicLong connected = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile boolean running = true;

    Soak(String base, String pid) {
        this.base = base;
        this.pid = pid;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println(
                    "usage: java bench/Soak.java http://localhost:18180/geochat SERVER_PID MINUTES [CHURNERS] [STEADY]");
            System.exit(2);
        }
        Soak soak = new Soak(args[0], args[1]);
        int churners = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int steady = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        System.out.println("warm-up: 60 s of the same churn");
        soak.churn(60, churners, steady);
        Map<String, Double> baseline = soak.settled();
        System.out.println("baseline: " + baseline);
        long seconds = (long) (Double.parseDouble(args[2]) * 60);
        long started = System.nanoTime();
        soak.churn(seconds, churners, steady);
        System.out.printf(
                "soak: %d s, %d connections opened (%d refused), %d messages sent, %d frames received by the"
                        + " steady clients%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                soak.connected.get(),
                soak.refused.get(),
                soak.sent.get(),
                soak.received.get());
        Map<String, Double> after = soak.settled();
        System.out.println("after:    " + after);
        System.exit(soak.compare(baseline, after) ? 0 : 1);
    }

    /** Steady clients sending one message a second each, and churners connecting, chatting and leaving, for {@code seconds}. */
    void churn(long seconds, int churners, int steady) throws Exception {
        running = true;
        ExecutorService users = Executors.newFixedThreadPool(churners + steady);
        List<CompletableFuture<?>> done = new ArrayList<>();
        for (int i = 0; i < steady; i++) {
            int n = i;
            done.add(CompletableFuture.runAsync(() -> steady("steady-" + n, "soak-" + n % ROOMS), users));
        }
        for (int i = 0; i < churners; i++) {
            done.add(CompletableFuture.runAsync(this::churner, users));
        }
        TimeUnit.SECONDS.sleep(seconds); // the load's duration, not a synchronisation
        running = false;
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        users.shutdown();
    }

    private void steady(String nick, String room) {
        try {
            WebSocket socket = open(room + "?nick=" + nick, true, new Counting(received));
            while (running) {
                socket.sendText("{\"type\":\"message\",\"text\":\"steady " + sent.incrementAndGet() + "\"}", true)
                        .join();
                TimeUnit.SECONDS.sleep(1);
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        } catch (Exception e) {
            refused.incrementAndGet();
        }
    }

    /** Connects to a random room (a quarter as the tutorial's text page), stays up to 3 s, says a few things, leaves or drops. */
    private void churner() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running) {
            try {
                boolean v1 = random.nextInt(4) > 0;
                WebSocket socket = open("soak-" + random.nextInt(ROOMS), v1, new Counting(new AtomicLong()));
                for (int i = random.nextInt(4); i > 0 && running; i--) {
                    socket.sendText(v1 ? "{\"type\":\"message\",\"text\":\"churn\"}" : "churn", true)
                            .join();
                    sent.incrementAndGet();
                    TimeUnit.MILLISECONDS.sleep(random.nextInt(1000));
                }
                if (random.nextInt(5) == 0) {
                    socket.abort(); // as a crashed client or a lost network does
                } else {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                refused.incrementAndGet();
            }
        }
    }

    private WebSocket open(String path, boolean v1, WebSocket.Listener listener) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (v1) {
            builder.subprotocols("geochat.v1");
        }
        WebSocket socket = builder.buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/chat/" + path), listener)
                .orTimeout(20, TimeUnit.SECONDS)
                .join();
        connected.incrementAndGet();
        return socket;
    }

    /** Counts the text frames it reads, and reads everything. */
    private record Counting(AtomicLong frames) implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (last) {
                frames.incrementAndGet();
            }
            webSocket.request(1);
            return null;
        }
    }

    /** Waits until no connection is left, lets the pools idle, runs a full GC, then reads the server's state. */
    Map<String, Double> settled() throws Exception {
        for (int i = 0; i < 120 && metrics().get("connections") > 0; i++) {
            TimeUnit.SECONDS.sleep(1); // polling the server's own count: the closes happen there, at their own pace
        }
        TimeUnit.SECONDS.sleep(SETTLE_SECONDS);
        jcmd("GC.run");
        Map<String, Double> state = metrics();
        Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
        state.put("heapUsedKB", used.find() ? Double.parseDouble(used.group(1)) : Double.NaN);
        return state;
    }

    private Map<String, Double> metrics() throws IOException, InterruptedException {
        String scrape = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, Double> state = new TreeMap<>();
        state.put("connections", gauge(scrape, "geochat_chat_connections"));
        state.put("addressConnections", gauge(scrape, "geochat_chat_address_connections"));
        state.put("rooms", gauge(scrape, "geochat_chat_rooms"));
        state.put("threads", gauge(scrape, "jvm_threads_live_threads"));
        return state;
    }

    private static double gauge(String scrape, String name) {
        Matcher value =
                Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(scrape);
        return value.find() ? Double.parseDouble(value.group(2)) : Double.NaN;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("jcmd", pid, command)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }

    boolean compare(Map<String, Double> baseline, Map<String, Double> after) {
        boolean ok = true;
        for (String exact : List.of("connections", "addressConnections", "rooms")) {
            boolean same = baseline.get(exact).equals(after.get(exact));
            System.out.printf(
                    "%-20s baseline %8.0f  after %8.0f  %s%n",
                    exact, baseline.get(exact), after.get(exact), same ? "ok" : "FAIL: not back");
            ok &= same;
        }
        boolean threads = after.get("threads") <= baseline.get("threads");
        System.out.printf(
                "%-20s baseline %8.0f  after %8.0f  %s%n",
                "threads", baseline.get("threads"), after.get("threads"), threads ? "ok" : "FAIL: more than before");
        double heapRatio = after.get("heapUsedKB") / baseline.get("heapUsedKB");
        boolean heap = Math.abs(heapRatio - 1) <= 0.10;
        System.out.printf(
                "%-20s baseline %8.0f  after %8.0f  ratio %.3f  %s%n",
                "heapUsedKB (full GC)",
                baseline.get("heapUsedKB"),
                after.get("heapUsedKB"),
                heapRatio,
                heap ? "ok (within 10 %)" : "FAIL: beyond 10 %");
        ok &= threads & heap;
        System.out.println(ok ? "SOAK PASSED" : "SOAK FAILED");
        return ok;
    }
}
