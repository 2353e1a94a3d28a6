package org.geochat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
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

    @Test
    void hostPortsDoNotCollide() throws IOException {
        List<String> hostPorts = services().values().stream()
                .flatMap(service -> ((List<?>) service.getOrDefault("ports", List.of())).stream())
                .map(port -> port.toString().split(":")[0]).toList();
        assertEquals(hostPorts.stream().distinct().count(), hostPorts.size(), hostPorts.toString());
        assertNotEquals(0, hostPorts.size());
    }

    private static String warSource(Map<String, Object> service) {
        return ((List<?>) service.get("volumes")).stream().map(Map.class::cast)
                .filter(volume -> volume.get("target").toString().endsWith("/geochat.war"))
                .map(volume -> volume.get("source").toString()).findFirst().orElseThrow();
    }
}
