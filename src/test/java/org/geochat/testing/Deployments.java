package org.geochat.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR that {@code mvn package} built, deployed under another name (its context path) and with servlet
 * context parameters, the lowest-precedence way to configure geochat; so every test class gets its own settings.
 */
public final class Deployments {

    /**
     * A {@code geochat.upstream.timeout} that a cold deployment's first lookup (JSON-B and the client starting,
     * on a loaded machine) cannot reach, for classes that test lookups but not their timeout.
     */
    public static final String COLD_START_TIMEOUT = "10s";

    private Deployments() {}

    /**
     * Refuses (see {@link SettingsIsolation}) if a {@code GEOCHAT_*} variable or {@code geochat.*} property in this
     * JVM would override {@code contextParameters}: every integration test's deployment is built here.
     */
    public static WebArchive geochat(String name, Map<String, String> contextParameters) {
        SettingsIsolation.requireNone();
        // it.war, not geochat.war: a geochat.* system property is what SettingsIsolation refuses.
        File built = new File(System.getProperty("it.war", "target/geochat.war"));
        if (!built.isFile()) {
            throw new IllegalStateException(built + " is missing; run the integration tests with mvn verify");
        }
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, built));
        if (!contextParameters.isEmpty()) {
            war.setWebXML(new StringAsset(withParameters(webXml(war), contextParameters)));
        }
        return war;
    }

    private static String webXml(WebArchive war) {
        if (war.get("WEB-INF/web.xml") == null) { // a WAR built before geochat had one
            return "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\" metadata-complete=\"false\"></web-app>";
        }
        try (InputStream in = war.get("WEB-INF/web.xml").getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Absolute path of a test resource file, for settings that name files. */
    public static String resourcePath(String resource) {
        return new File("src/test/resources/" + resource).getAbsolutePath();
    }

    /** The WAR's own web.xml with {@code contextParameters} added at the start of {@code <web-app>}. */
    private static String withParameters(String webXml, Map<String, String> contextParameters) {
        String params = contextParameters.entrySet().stream()
                .map(e -> "\n  <context-param><param-name>" + e.getKey() + "</param-name><param-value>" + e.getValue()
                        + "</param-value></context-param>")
                .collect(Collectors.joining());
        int start = webXml.indexOf('>', webXml.indexOf("<web-app")) + 1;
        return webXml.substring(0, start) + params + webXml.substring(start);
    }
}
