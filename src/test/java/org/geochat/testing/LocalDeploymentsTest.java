package org.geochat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.junit.jupiter.api.Test;

/** The corrections every integration test's URL goes through. */
class LocalDeploymentsTest {

    @Test
    void aReportedContextRootIsKeptOnALoopbackHost() {
        HTTPContext reported = new HTTPContext("192.0.2.2", 18480).add(new Servlet("default", "/ops"));
        HTTPContext local = LocalDeployments.LoopbackUrls.local(reported, "ops.war");
        assertEquals(1, local.getServlets().size());
        assertEquals(
                URI.create("http://localhost:18480/ops/"),
                local.getServlets().get(0).getBaseURI());
    }

    @Test
    void aDeploymentReportedWithoutAContextRootGetsItsArchivesName() {
        HTTPContext local = LocalDeployments.LoopbackUrls.local(new HTTPContext("192.0.2.2", 18480), "ops-broken.war");
        assertEquals(1, local.getServlets().size());
        assertEquals(
                URI.create("http://localhost:18480/ops-broken/"),
                local.getServlets().get(0).getBaseURI());
    }

    /**
     * A console reader shaped like the Payara Micro adapter's: {@code readLine()} until it throws, a
     * {@code null} (the end of the stream) being no reason to stop. Ending its process through the reaper ends it.
     */
    @Test
    void endingAProcessEndsAReaderThatWouldSpinOnItsConsole() throws Exception {
        Process process = new ProcessBuilder("sh", "-c", "echo started; exec sleep 600")
                .redirectErrorStream(true)
                .start();
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(10);
        BufferedReader console =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    String line = console.readLine();
                    if (line != null) {
                        lines.offer(line);
                    }
                }
            } catch (IOException closed) {
                lines.offer("closed");
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertEquals("started", lines.poll(30, TimeUnit.SECONDS));

        LocalDeployments.ProcessReaper.end(process);

        assertFalse(process.isAlive());
        assertEquals("closed", lines.poll(30, TimeUnit.SECONDS));
        reader.join(30_000);
        assertFalse(reader.isAlive());
    }

    @Test
    void onlyAPayaraMicroAdapterIsExpectedToHaveAProcess() {
        assertTrue(LocalDeployments.ProcessReaper.processField(Object.class).isEmpty());
        assertThrows(
                IllegalStateException.class,
                () -> LocalDeployments.ProcessReaper.processField(PayaraMicroLookalike.class));
    }

    /** A container class by the adapter's name, without the field the reaper reads. */
    private static final class PayaraMicroLookalike {}
}
