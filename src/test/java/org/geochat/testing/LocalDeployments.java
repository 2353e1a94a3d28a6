package org.geochat.testing;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.context.annotation.DeploymentScoped;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
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
            HTTPContext local =
                    new HTTPContext(http.getName(), "localhost", http.getPort(), "https".equals(http.getScheme()));
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
     * Ends what the Payara Micro adapter leaves behind. It starts a server process per deployment but keeps only
     * the latest one, so in a test class with several deployments, undeploying stops one process and leaves the
     * others running. And it reads each process's console on a thread that loops on {@code readLine()} until the
     * stream throws: a process ended while its console stays open returns {@code null} at once, for ever, and
     * its reader spins for the rest of the test run. This reaper used to end processes through their
     * {@link ProcessHandle}, which leaves the console open: each one left a spinning thread in the test JVM, the
     * later test classes starved on two cores, and CI's Payara suite took 41 minutes and failed in DemoIT.
     * <p>
     * So this remembers the {@link Process} each deployment started (the adapter's {@code payaraMicroProcess}
     * field, read right after the deploy) and, when the deployment is undeployed, ends it and closes its console.
     */
    public static final class ProcessReaper {

        /** Adapter 3.1's field for the process of its latest deployment. */
        private static final String PROCESS_FIELD = "payaraMicroProcess";

        private final Map<String, Process> started = new ConcurrentHashMap<>();

        public void afterDeploy(@Observes AfterDeploy event) throws ReflectiveOperationException {
            Optional<Field> field = processField(event.getDeployableContainer().getClass());
            if (field.isPresent()) {
                Process process = (Process) field.get().get(event.getDeployableContainer());
                started.put(event.getDeployment().getName(), process);
            }
        }

        public void afterUndeploy(@Observes AfterUnDeploy event) throws Exception {
            Process process = started.remove(event.getDeployment().getName());
            if (process != null) {
                end(process);
            }
        }

        /** Ends the process, then its console, which ends the adapter's reader of it. */
        static void end(Process process) throws Exception {
            process.destroy();
            process.onExit().get(60, TimeUnit.SECONDS);
            process.getInputStream().close();
        }

        /** Empty for containers that run in this JVM (embedded Tomcat): nothing of theirs outlives a deployment. */
        static Optional<Field> processField(Class<?> container) {
            try {
                Field field = container.getDeclaredField(PROCESS_FIELD);
                field.setAccessible(true);
                return Optional.of(field);
            } catch (NoSuchFieldException e) {
                if (container.getName().contains("PayaraMicro")) {
                    throw new IllegalStateException(
                            "the Payara Micro adapter no longer has " + PROCESS_FIELD
                                    + ": its processes and console readers would outlive their deployments",
                            e);
                }
                return Optional.empty();
            }
        }
    }
}
