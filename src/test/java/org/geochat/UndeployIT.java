package org.geochat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import org.geochat.testing.ChatClient;
import org.geochat.testing.Deployments;
import org.geochat.testing.Http;
import org.geochat.testing.LeakyListener;
import org.geochat.testing.TestRedis;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploying geochat after it has served lookups leaves nothing behind: Tomcat's class-loader leak check
 * (which runs in this JVM, embedded) logs nothing about the application, and the one thread that Java 17's
 * unclosable HTTP client keeps past undeploy ends once the client is collected. A deployment with a
 * deliberately leaking listener shows that the check, and this test, do see leaks. Tomcat only: the Payara Micro
 * adapter undeploys by ending the server's process, and what Payara does on undeploy happens in that process.
 */
@EnabledIfSystemProperty(
        named = "it.container",
        matches = "tomcat",
        disabledReason = "needs the container in this JVM (embedded Tomcat) to watch its threads and leak check")
@ExtendWith(ArquillianExtension.class)
class UndeployIT {

    private static final Logger TOMCAT_LOADER = Logger.getLogger("org.apache.catalina.loader");

    @Deployment(name = "undeploy", managed = false, testable = false)
    static WebArchive clean() {
        return Deployments.geochat("undeploy", Map.of());
    }

    @Deployment(name = "leaky", managed = false, testable = false)
    static WebArchive leaky() {
        return Deployments.geochat("leaky", Map.of()).addClass(LeakyListener.class);
    }

    /** A node of a cluster: its Redis client's threads and Netty's thread-locals are undeployed too. */
    @Deployment(name = "cluster", managed = false, testable = false)
    static WebArchive cluster() {
        redis = TestRedis.start();
        return Deployments.geochat("undeploy-cluster", Map.of("geochat.redis.url", redis.url()));
    }

    /** Started by the cluster deployment's archive: on Payara this class is skipped before any is made. */
    private static TestRedis redis;

    @ArquillianResource
    private Deployer deployer;

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(new SimpleFormatter().formatMessage(record));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        TOMCAT_LOADER.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        TOMCAT_LOADER.removeHandler(capture);
        LeakyListener.stopLeakedThreads();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    /** A deployment of this class, on the embedded Tomcat's port (the deployments are not managed: no injected URL). */
    private static URL url(String context) throws Exception {
        return new URL("http://localhost:" + System.getProperty("it.http.port", "18080") + "/" + context + "/");
    }

    private static Http http(String context) throws Exception {
        return new Http(url(context));
    }

    @Test
    void undeployAfterServingLeavesNothingBehind() throws Exception {
        Http http = http("undeploy");
        Set<Thread> selectorsBefore = httpClientSelectors();
        deployer.deploy("undeploy");
        assertEquals(200, http.get("api/ip/8.8.8.8").statusCode());
        assertEquals(
                200,
                http.post("api/ip/batch", "[\"1.1.1.1\", \"2001:4860:4860::8888\", \"bogus\"]")
                        .statusCode());
        assertEquals(200, http.get("api/origin/json/9.9.9.9").statusCode());
        for (String style : List.of("callback", "coroutine", "executor", "parallel", "blocking")) {
            assertEquals(200, http.get("api/demo/" + style + "?ms=10").statusCode(), style); // the demo's pools too
        }
        Set<Thread> selectors = httpClientSelectors();
        selectors.removeAll(selectorsBefore);
        assertEquals(1, selectors.size(), "the deployment's HTTP client should have started one selector thread");
        assertEquals(200, http.get("api/health").statusCode()); // its chat probe's client, with a selector of its own
        ChatClient chatting = ChatClient.v1(url("undeploy"), "chat/lobby?nick=stays"); // still open at undeploy
        chatting.say("hello");
        assertEquals("hello", chatting.next("message").getString("text"));

        deployer.undeploy("undeploy");
        assertEquals(1001, chatting.closeCode()); // "server shutting down"
        chatting.close();

        assertEquals(
                List.of(),
                warnings.stream().filter(w -> w.contains("[undeploy]")).toList());
        // On Java 17 an HttpClient cannot be closed: its selector thread ends once the client is collected.
        System.gc();
        for (Thread selector : selectors) {
            selector.join(Http.DEADLINE.toMillis());
            assertFalse(selector.isAlive(), selector.getName() + " outlived the undeployed application");
        }
    }

    private static Set<Thread> httpClientSelectors() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().matches("HttpClient-\\d+-SelectorManager"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void undeployingAClusterNodeLeavesNothingBehind() throws Exception {
        deployer.deploy("cluster");
        try (ChatClient ann = ChatClient.v1(url("undeploy-cluster"), "chat/lobby?nick=ann")) {
            ann.next("presence"); // joined
            ann.say("round the stream");
            ann.nextMatching(f -> "message".equals(f.getString("type")) && f.containsKey("id")); // back from Redis
        }

        deployer.undeploy("cluster");

        assertEquals(
                List.of(),
                warnings.stream().filter(w -> w.contains("[undeploy-cluster]")).toList());
    }

    @Test
    void theLeakCheckSeesALeakingApplication() {
        deployer.deploy("leaky");
        deployer.undeploy("leaky");

        assertTrue(
                warnings.stream().anyMatch(w -> w.contains("[leaky]") && w.contains(LeakyListener.THREAD_NAME)),
                "Tomcat reported no leak: " + warnings);
    }
}
