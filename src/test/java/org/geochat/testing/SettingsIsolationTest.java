package org.geochat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The environment variables pom.xml keeps out of the integration tests' JVM are exactly the settings geochat
 * reads, so that list cannot go stale when a setting is added; and what {@link SettingsIsolation} refuses.
 */
class SettingsIsolationTest {

    /** A whole string literal that is a GEOCHAT_ name. */
    private static final Pattern NAME_LITERAL = Pattern.compile("\"(GEOCHAT_[A-Z0-9_]*)\"");

    /** GEOCHAT_ literals in src/main/java that are not settings, and what they are instead. */
    private static final Map<String, String> NOT_SETTINGS =
            Map.of("GEOCHAT_ORDER", "the start of cluster.lua's refusal of an entry out of order (StreamWriter)");

    @Test
    void failsafeKeepsOutExactlyTheVariablesGeochatReads() throws Exception {
        Set<String> read = settingsReadBySource(Path.of("src/main/java"));
        Set<String> excluded = failsafeExcludedVariables(Path.of("pom.xml"));

        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(excluded);
        assertTrue(
                missing.isEmpty(),
                "src/main/java reads " + missing + ", missing from maven-failsafe-plugin's"
                        + " <excludedEnvironmentVariables> in pom.xml: exported where mvn runs, it would override the"
                        + " integration tests' deployments (or add it to NOT_SETTINGS here if it is no setting)");

        Set<String> stale = new TreeSet<>(excluded);
        stale.removeAll(read);
        assertTrue(
                stale.isEmpty(),
                "pom.xml's <excludedEnvironmentVariables> lists " + stale
                        + ", which src/main/java no longer reads: remove them");
    }

    @Test
    void theSourceScanFindsSettingsAndSkipsWhatIsNone() throws Exception {
        Set<String> read = settingsReadBySource(Path.of("src/main/java"));
        assertTrue(read.contains("GEOCHAT_UPSTREAM_URL"), read.toString());
        assertTrue(read.contains("GEOCHAT_REDIS_URL"), read.toString());
        assertFalse(read.contains("GEOCHAT_ORDER"), read.toString());
    }

    @Test
    void geochatVariablesAndPropertiesAreReportedAndNothingElse() {
        Properties properties = new Properties();
        properties.setProperty("geochat.demo", "off");
        properties.setProperty("it.war", "target/geochat.war");
        properties.setProperty("java.version", "17");
        List<String> found = SettingsIsolation.overrides(
                Map.of("GEOCHAT_UPSTREAM_URL", "http://example.com", "PATH", "/usr/bin", "MY_GEOCHAT_X", "1"),
                properties);
        assertEquals(List.of("GEOCHAT_UPSTREAM_URL", "geochat.demo"), found);
    }

    @Test
    void aCleanJvmPasses() {
        assertEquals(List.of(), SettingsIsolation.overrides(Map.of("HOME", "/root"), new Properties()));
    }

    /**
     * Every GEOCHAT_ name written as a whole string literal in the main sources (Settings is always asked by that
     * name), less {@link #NOT_SETTINGS}. A name put together at run time ({@code "GEOCHAT_" + x}) fails the test:
     * this scan could not see it.
     */
    private static Set<String> settingsReadBySource(Path sources) throws IOException {
        Set<String> names = new TreeSet<>();
        List<String> builtAtRunTime = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(file -> file.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            Matcher literal = NAME_LITERAL.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (literal.find()) {
                String name = literal.group(1);
                if (name.endsWith("_")) {
                    builtAtRunTime.add(file + ": \"" + name + "\"");
                } else {
                    names.add(name);
                }
            }
        }
        assertTrue(
                builtAtRunTime.isEmpty(),
                "setting names put together at run time, which " + SettingsIsolationTest.class.getSimpleName()
                        + " cannot check against pom.xml: " + builtAtRunTime);
        assertFalse(names.isEmpty(), "no GEOCHAT_ setting found under " + sources.toAbsolutePath());
        names.removeAll(NOT_SETTINGS.keySet());
        return names;
    }

    /** The names in every maven-failsafe-plugin configuration's {@code <excludedEnvironmentVariables>}. */
    private static Set<String> failsafeExcludedVariables(Path pom) throws Exception {
        Document document =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        Set<String> names = new TreeSet<>();
        NodeList plugins = document.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (!"maven-failsafe-plugin".equals(childText(plugin, "artifactId"))) {
                continue;
            }
            Element configuration = child(plugin, "configuration");
            Element excluded = configuration == null ? null : child(configuration, "excludedEnvironmentVariables");
            if (excluded == null) {
                continue;
            }
            for (Node item = excluded.getFirstChild(); item != null; item = item.getNextSibling()) {
                if (item instanceof Element variable) {
                    names.add(variable.getTextContent().strip());
                }
            }
        }
        assertFalse(
                names.isEmpty(),
                "no <excludedEnvironmentVariables> in maven-failsafe-plugin's configuration in " + pom);
        return names;
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getTagName())) {
                return element;
            }
        }
        return null;
    }

    private static String childText(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().strip();
    }
}
