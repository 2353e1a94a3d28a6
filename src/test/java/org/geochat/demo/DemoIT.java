package org.geochat.demo;

import static org.geochat.testing.Http.object;
import static org.geochat.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.management.AttributeNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.geochat.testing.Deployments;
import org.geochat.testing.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every style against the default upstream, this deployment's own {@code /api/demo/slow}, over real HTTP.
 * The thread names in the answers are the point of the lesson: the container thread that received a request
 * either wrote the answer itself (held for the whole wait) or handed it over and went back to the pool.
 */
@ExtendWith(ArquillianExtension.class)
class DemoIT {

    private static final String CONTAINER_THREAD = "http-";

    /**
     * How many more blocking requests than the container has request threads the starvation test sends. With
     * 100 more, a run saw no starvation once the client stopped handing each answer to the common pool: the
     * burst's first requests were done before its last had been sent.
     */
    private static final int BEYOND_THE_POOL = 200;

    /**
     * The grace is every call's budget beyond its delay. The cap on demo calls in flight is pinned (to its default)
     * above the largest burst ({@link Burst#MAX_CONCURRENCY}): each blocking request of the starvation test holds
     * one, and none may be refused with 503 {@code demo-busy} instead of starving.
     */
    @Deployment(testable = false)
    static WebArchive geochat() {
        return Deployments.geochat("demo", Map.of("geochat.demo.grace", "3s", "geochat.demo.max.calls", "4000"));
    }

    private static boolean warm;

    @ArquillianResource
    private URL base;

    /**
     * One call through the client and the slow upstream before the first test, its answer not checked: on a
     * cold deployment the first call starts JSON-B and the HTTP client, which on a loaded machine can take
     * longer than the 3 s grace these tests run with.
     */
    @BeforeEach
    void warmUp() {
        if (!warm) {
            new Http(base).get("api/demo/callback?ms=0");
            warm = true;
        }
    }

    @Test
    void theSlowUpstreamAnswersAfterTheDelayFromATimerNotTheContainerThread() {
        JsonObject answer = ok("api/demo/slow?ms=50");
        assertEquals("slow", answer.getString("style"));
        assertEquals(50, answer.getInt("ms"));
        assertEquals(0, answer.getInt("upstreamCalls"));
        assertTrue(answer.getInt("elapsedMs") >= 50, answer.toString());
        assertTrue(answer.getString("receivedOn").startsWith(CONTAINER_THREAD), answer.toString());
        assertTrue(answer.getString("resumedOn").startsWith("geochat-worker-"), answer.toString());
    }

    @Test
    void theBlockingStyleHoldsItsContainerThreadForTheWholeCall() {
        JsonObject answer = ok("api/demo/blocking?ms=20");
        assertEquals("blocking", answer.getString("style"));
        assertEquals(1, answer.getInt("upstreamCalls"));
        assertTrue(answer.getInt("elapsedMs") >= 20, answer.toString());
        assertTrue(answer.getString("receivedOn").startsWith(CONTAINER_THREAD), answer.toString());
        assertEquals(answer.getString("receivedOn"), answer.getString("resumedOn"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"callback", "coroutine", "executor"})
    void theAsyncStylesReleaseTheContainerThread(String style) {
        JsonObject answer = ok("api/demo/" + style + "?ms=20");
        assertEquals(style, answer.getString("style"));
        assertEquals(20, answer.getInt("ms"));
        assertEquals("coroutine".equals(style) ? 2 : 1, answer.getInt("upstreamCalls"));
        assertTrue(answer.getString("receivedOn").startsWith(CONTAINER_THREAD), answer.toString());
        assertNotEquals(answer.getString("receivedOn"), answer.getString("resumedOn"));
        assertTrue(!answer.getString("resumedOn").startsWith(CONTAINER_THREAD), answer.toString());
    }

    @Test
    void theExecutorStyleResumesFromItsNamedPool() {
        assertTrue(ok("api/demo/executor?ms=0").getString("resumedOn").startsWith("geochat-blocking-"));
    }

    @Test
    void parallelGathersAListInOrder() {
        JsonObject answer = ok("api/demo/parallel?ms=30&n=5");
        assertEquals(5, answer.getInt("n"));
        assertEquals(5, answer.getInt("upstreamCalls"));
        assertEquals("list", answer.getString("shape"));
        assertEquals(5, answer.getJsonArray("results").size());
        answer.getJsonArray("results").getValuesAs(JsonObject.class).forEach(result -> {
            assertEquals("slow", result.getString("style"));
            assertEquals(30, result.getInt("ms"));
        });
    }

    @Test
    void parallelGathersAMapByName() {
        JsonObject answer = ok("api/demo/parallel?ms=10&n=3&shape=map");
        assertEquals("map", answer.getString("shape"));
        assertEquals(
                List.of("call1", "call2", "call3"),
                List.copyOf(answer.getJsonObject("results").keySet()));
    }

    @Test
    void theDefaultsAreHalfASecondAndFourCalls() {
        JsonObject answer = ok("api/demo/parallel");
        assertEquals(500, answer.getInt("ms"));
        assertEquals(4, answer.getInt("n"));
    }

    @Test
    void helloGreetsAsynchronouslyAndEscapesNothingItShouldNot() {
        JsonObject greeting = ok("api/hello/%3Cb%3E%22Ann%22");
        assertEquals("hello, <b>\"Ann\"!", greeting.getString("greeting"));
        assertEquals(0, greeting.getInt("ms"));
        assertNotEquals(greeting.getString("receivedOn"), greeting.getString("resumedOn"));
        assertEquals(300, ok("api/hello/Bob?ms=300").getInt("ms"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "demo/slow?ms=-1",
                "demo/slow?ms=abc",
                "demo/slow?ms=10001",
                "demo/slow?ms=99999999999",
                "demo/blocking?ms=1.5",
                "demo/callback?ms=%20",
                "demo/coroutine?ms=0x10",
                "demo/executor?ms=-0",
                "demo/parallel?n=0",
                "demo/parallel?n=101",
                "demo/parallel?shape=set",
                "demo/burst?style=hello",
                "demo/burst?c=0",
                "demo/burst?c=501",
                "demo/burst?style=parallel&n=1000",
                "hello/Bob?ms=x",
                "hello/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "hello/a%07b"
            })
    void badParametersAreProblems(String path) {
        JsonObject problem = assertProblem(new Http(base).get("api/" + path), 400, "invalid-parameter");
        assertTrue(problem.getString("detail").contains("must"), problem.toString());
    }

    @Test
    void aBurstTimesEachRequest() {
        JsonObject report = ok("api/demo/burst?style=coroutine&ms=20&c=7");
        assertEquals("coroutine", report.getString("style"));
        assertEquals(7, report.getInt("concurrency"));
        assertEquals(7, report.getJsonArray("requests").size());
        for (JsonObject request : report.getJsonArray("requests").getValuesAs(JsonObject.class)) {
            assertEquals(200, request.getInt("status"), request.toString());
            assertTrue(request.getInt("latencyMs") >= 20, request.toString());
            assertTrue(request.getInt("startMs") <= report.getInt("totalMs"), request.toString());
            assertTrue(request.getString("receivedOn").startsWith(CONTAINER_THREAD), request.toString());
        }
    }

    /**
     * More blocking requests than the container has request threads ({@link #requestThreads()}, read from the
     * container itself, plus {@link #BEYOND_THE_POOL}), each calling this deployment's own /slow: the calls to
     * /slow wait for threads that their callers hold. Nothing hangs: every request ends with its answer, with
     * the sync client's 504 after the delay plus the 3 s grace, or (status 0) at the burst's own deadline a
     * second later, when the request waited in the container's queue for a thread that long (seen on Payara in
     * CI).
     * <p>
     * What the starvation depends on is stated here, not left to the machine: the burst outnumbers the
     * container's request threads by construction (if the pool is too large for any burst, the test is
     * aborted, saying so), the demo's cap on calls in flight is above the burst (the deployment pins it), and
     * the burst's requests are sent at once by the non-blocking client, each holding its thread for at least
     * the 300 ms its /slow takes.
     */
    @Test
    void blockingOnItsOwnUpstreamBeyondTheThreadPoolEndsInTimeoutsNotAHang() throws Exception {
        int threads = requestThreads();
        int concurrency = threads + BEYOND_THE_POOL;
        assumeTrue(
                concurrency <= Burst.MAX_CONCURRENCY,
                "assumes the container runs at most "
                        + (Burst.MAX_CONCURRENCY - BEYOND_THE_POOL) + " request threads, so that a burst (at most "
                        + Burst.MAX_CONCURRENCY + " requests) can outnumber them; it runs " + threads);

        JsonObject report = ok("api/demo/burst?style=blocking&ms=300&c=" + concurrency);
        assertEquals(concurrency, report.getJsonArray("requests").size());
        int timeouts = 0;
        for (JsonObject request : report.getJsonArray("requests").getValuesAs(JsonObject.class)) {
            int status = request.getInt("status");
            boolean timedOut = (status == 504 || status == 0) && "upstream-timeout".equals(request.getString("code"));
            assertTrue(status == 200 || timedOut, request.toString());
            timeouts += timedOut ? 1 : 0;
        }
        // All of them arrive within milliseconds and hold a thread each for at least 300 ms, more of them than
        // the container has threads, so the calls to /slow of the ones holding the threads can only queue behind
        // the ones waiting for a thread: the starvation this test is about did happen.
        assertTrue(
                timeouts > 0,
                "no request starved, though the burst's " + concurrency
                        + " blocking requests outnumbered the container's " + threads + " request threads: " + report);
        // The server is still responsive afterwards.
        assertEquals(
                Set.of("greeting", "ms", "receivedOn", "resumedOn"),
                ok("api/hello/ping").keySet());
    }

    /**
     * The most requests the container runs at once, each on a thread of its own, as the container under test is
     * configured: embedded Tomcat (in this JVM) its connector's {@code maxThreads}, from the connector's
     * {@code ThreadPool} MBean (the Arquillian adapter keeps Tomcat's default, 200); Payara Micro (a process of
     * its own) its {@code http-thread-pool}'s {@code max-thread-pool-size}, from the domain.xml inside the
     * payara-micro.jar the tests run (the adapter does not change it; 200 in 6.2025.10).
     */
    private static int requestThreads() throws JMException, IOException {
        String container = System.getProperty("it.container", "tomcat");
        if ("tomcat".equals(container)) {
            return tomcatMaxThreads();
        }
        if ("payara".equals(container)) {
            return payaraMaxThreads(Path.of(System.getProperty("payara.micro.jar", "target/payara-micro.jar")));
        }
        return Assumptions.abort("assumes the container is Tomcat or Payara Micro, whose request thread pools this test"
                + " can read; it.container is " + container);
    }

    private static int tomcatMaxThreads() throws JMException {
        ManagementFactory.getPlatformMBeanServer(); // where Tomcat registers its MBeans unless another server exists
        int max = 0;
        for (MBeanServer server : MBeanServerFactory.findMBeanServer(null)) {
            for (ObjectName pool : server.queryNames(new ObjectName("*:type=ThreadPool,*"), null)) {
                try {
                    if (server.getAttribute(pool, "maxThreads") instanceof Number threads) {
                        max = Math.max(max, threads.intValue());
                    }
                } catch (AttributeNotFoundException notAConnector) {
                    // some other thread pool
                }
            }
        }
        assertTrue(
                max > 0,
                "no Tomcat connector thread pool (an MBean *:type=ThreadPool with maxThreads above 0)"
                        + " in this JVM: this test cannot tell how many blocking requests outnumber the request threads");
        return max;
    }

    private static int payaraMaxThreads(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry("MICRO-INF/domain/domain.xml");
            assertNotNull(
                    entry,
                    jar + " has no MICRO-INF/domain/domain.xml: this test cannot tell how many"
                            + " blocking requests outnumber Payara Micro's request threads");
            String domain;
            try (InputStream in = zip.getInputStream(entry)) {
                domain = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher pool = Pattern.compile("<thread-pool\\b[^>]*\\bname=\"http-thread-pool\"[^>]*>")
                    .matcher(domain);
            assertTrue(pool.find(), jar + "'s domain.xml has no http-thread-pool");
            Matcher max = Pattern.compile("\\bmax-thread-pool-size=\"(\\d+)\"").matcher(pool.group());
            assertTrue(max.find(), jar + "'s http-thread-pool has no max-thread-pool-size: " + pool.group());
            return Integer.parseInt(max.group(1));
        }
    }

    private JsonObject ok(String path) {
        HttpResponse<String> response = new Http(base).get(path);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(JsonValue.ValueType.OBJECT, Http.json(response).getValueType());
        return object(response);
    }
}
