package org.geochat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml matches the build (no Docker engine runs here; CI also runs {@code docker compose config}
 * when the client is installed): each WAR it mounts is one {@code mvn package} builds, each service checks
 * /api/health, and no two services publish the same host port.
 */
class ComposeFileTest {

    private static Map<String, Object> compose() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) compose().get("services");
    }

    /** The cluster profile: two nodes on the one Redis, behind nginx passing WebSocket upgrades to both. */
    @Test
    @SuppressWarnings("unchecked")
    void theClusterProfileHasTwoNodesOnRedisBehindAWebSocketAwareBalancer() throws IOException {
        Map<String, Map<String, Object>> services = services();
        for (String node : List.of("node1", "node2")) {
            Map<String, Object> service = services.get(node);
            assertEquals("./target/geochat.war", warSource(service));
            assertEquals(
                    "redis://redis:6379", ((Map<String, Object>) service.get("environment")).get("GEOCHAT_REDIS_URL"));
            assertTrue(service.get("profiles").toString().contains("cluster"), node);
        }
        String nginx = ((Map<String, Map<String, Object>>) compose().get("configs"))
                .get("nginx")
                .get("content")
                .toString();
        for (String line : List.of(
                "server node1:8080;",
                "server node2:8080;",
                "proxy_set_header Upgrade $$http_upgrade;",
                "proxy_set_header Connection $$connection_upgrade;",
                "proxy_http_version 1.1;")) {
            assertTrue(nginx.contains(line), "nginx config lacks " + line);
        }
        assertFalse(nginx.contains("ip_hash") || nginx.contains("sticky"), "no sticky sessions needed");
        assertEquals(
                "nginx",
                ((List<Map<String, Object>>) services.get("lb").get("configs"))
                        .get(0)
                        .get("source"));
    }

    @Test
    void eachContainerMountsAWarTheBuildMakesAndChecksHealth() throws IOException {
        Map<String, Map<String, Object>> services = services();
        assertEquals("./target/geochat.war", warSource(services.get("tomcat")));
        assertEquals("./target/geochat-payara.war", warSource(services.get("payara")));
        for (String name : List.of("tomcat", "payara")) {
            Map<?, ?> health = (Map<?, ?>) services.get(name).get("healthcheck");
            assertNotNull(health, name);
            assertTrue(health.get("test").toString().contains("/geochat/api/health"), name);
        }
        assertTrue(services.get("redis").get("profiles").toString().contains("cluster"));
    }

    /** Every Tomcat adds the error report Valve that shows a refused request's status only, as cargo:run's does. */
    @Test
    @SuppressWarnings("unchecked")
    void everyTomcatShowsNoErrorReportOrVersion() throws IOException {
        Map<String, Map<String, Object>> services = services();
        List<String> tomcats = services.entrySet().stream()
                .filter(e -> String.valueOf(e.getValue().get("image")).startsWith("tomcat:"))
                .map(Map.Entry::getKey)
                .toList();
        assertEquals(
                List.of("node1", "node2", "tomcat"), tomcats.stream().sorted().toList());
        for (String name : tomcats) {
            String command = String.join(" ", (List<String>) services.get(name).get("command"));
            for (String part : new String[] {
                "className=\"org.apache.catalina.valves.ErrorReportValve\"",
                "showReport=\"false\"",
                "showServerInfo=\"false\"",
                "</Host>",
                "conf/server.xml",
                "exec catalina.sh run"
            }) {
                assertTrue(command.contains(part), name + "'s command lacks " + part + ": " + command);
            }
        }
    }

    @Test
    void hostPortsDoNotCollide() throws IOException {
        List<String> hostPorts = services().values().stream()
                .flatMap(service -> ((List<?>) service.getOrDefault("ports", List.of())).stream())
                .map(port -> port.toString().split(":")[0])
                .toList();
        assertEquals(hostPorts.stream().distinct().count(), hostPorts.size(), hostPorts.toString());
        assertNotEquals(0, hostPorts.size());
    }

    private static String warSource(Map<String, Object> service) {
        return ((List<?>) service.get("volumes"))
                .stream()
                        .map(Map.class::cast)
                        .filter(volume -> volume.get("target").toString().endsWith("/geochat.war"))
                        .map(volume -> volume.get("source").toString())
                        .findFirst()
                        .orElseThrow();
    }
}
