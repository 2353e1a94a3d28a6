package org.geochat.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.context.annotation.DeploymentScoped;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Two corrections for containers that run outside the test JVM (Payara Micro, a process per deployment), both
 * harmless for embedded Tomcat: every {@code @ArquillianResource URL} points at localhost, and a deployment's
 * server process ends when the deployment is undeployed.
 */
public final class LocalDeployments implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(LoopbackUrls.class).observer(ProcessReaper.class);
    }

    /**
     * The Payara Micro adapter reports the machine's network address. The tests are about a local deployment:
     * a loopback peer is what the trusted-proxy rules and the /metrics allowlist expect.
     * <p>
     * It also reads the context roots from the process's console, as soon as the port line is printed; the
     * "Deployed" lines come after it, and when its 200 ms poll falls between them it reports none. An
     * {@code @ArquillianResource URL} then points at the server's root, where Payara's own /metrics answers
     * (this failed OpsIT once in CI). A deployment without a context root gets the one Payara Micro gives it:
     * its archive's name.
     */
    public static final class LoopbackUrls {

        @Inject
        @DeploymentScoped
        private InstanceProducer<ProtocolMetaData> metaData;

        public void afterDeploy(@Observes AfterDeploy event) {
            ProtocolMetaData reported = metaData.get();
            if (reported == null) {
                return;
            }
            String archive = event.getDeployment().getArchive().getName();
            ProtocolMetaData local = new ProtocolMetaData();
            for (Object context : reported.getContexts()) {
                local.addContext(context instanceof HTTPContext http ? local(http, archive) : context);
            }
            metaData.set(local);
        }

        static HTTPContext local(HTTPContext http, String archive) {
            HTTPContext local = new HTTPContext(http.getName(), "localhost", http.getPort(), "https".equals(http.getScheme()));
            for (Servlet servlet : http.getServlets()) {
                local.add(new Servlet(servlet.getName(), servlet.getContextRoot()));
            }
            if (local.getServlets().isEmpty()) {
                local.add(new Servlet("application", "/" + archive.replaceFirst("\\.war$", "")));
            }
            return local;
        }
    }

    /**
     * The Payara Micro adapter starts a process per deployment but keeps only the latest one, so in a test
     * class with several deployments, undeploying stops one process and leaves the others running. This
     * remembers which processes each deployment started and ends them when it is undeployed.
     */
    public static final class ProcessReaper {

        private final Map<String, Set<Long>> before = new ConcurrentHashMap<>();
        private final Map<String, List<ProcessHandle>> started = new ConcurrentHashMap<>();

        public void beforeDeploy(@Observes BeforeDeploy event) {
            before.put(event.getDeployment().getName(), children().stream().map(ProcessHandle::pid).collect(Collectors.toSet()));
        }

        public void afterDeploy(@Observes AfterDeploy event) {
            String name = event.getDeployment().getName();
            Set<Long> earlier = before.remove(name);
            started.put(name, children().stream().filter(p -> earlier == null || !earlier.contains(p.pid())).toList());
        }

        public void afterUndeploy(@Observes AfterUnDeploy event) throws Exception {
            for (ProcessHandle process : started.getOrDefault(event.getDeployment().getName(), List.of())) {
                if (process.isAlive()) {
                    process.destroy();
                    process.onExit().get(60, TimeUnit.SECONDS);
                }
            }
        }

        private static List<ProcessHandle> children() {
            return ProcessHandle.current().children().toList();
        }
    }
}
