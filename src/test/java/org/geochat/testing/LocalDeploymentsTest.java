package org.geochat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
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
        assertEquals(URI.create("http://localhost:18480/ops/"), local.getServlets().get(0).getBaseURI());
    }

    @Test
    void aDeploymentReportedWithoutAContextRootGetsItsArchivesName() {
        HTTPContext local = LocalDeployments.LoopbackUrls.local(new HTTPContext("192.0.2.2", 18480), "ops-broken.war");
        assertEquals(1, local.getServlets().size());
        assertEquals(URI.create("http://localhost:18480/ops-broken/"), local.getServlets().get(0).getBaseURI());
    }
}
