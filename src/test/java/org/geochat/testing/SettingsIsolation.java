package org.geochat.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Keeps the integration tests' deployments configured by their own context parameters only. geochat reads a
 * setting from a system property first, then the environment, then the context parameter ({@code Settings}),
 * so a {@code GEOCHAT_*} variable or a {@code geochat.*} property in the test JVM would override every
 * deployment's: embedded Tomcat runs in this JVM, and each Payara Micro process is started from it, inheriting
 * its environment. The pom keeps the variables geochat reads out of the Failsafe JVM (its
 * {@code excludedEnvironmentVariables}, checked by {@code SettingsIsolationTest}); this refuses to deploy when
 * anything of the kind got through all the same (a {@code -Dgeochat.*} on Maven's command line, which Failsafe
 * passes on as a system property, or a variable of a setting the pom does not list yet).
 */
public final class SettingsIsolation {

    static final String VARIABLE_PREFIX = "GEOCHAT_";
    static final String PROPERTY_PREFIX = "geochat.";

    private SettingsIsolation() {}

    /** Throws, naming each one, if this JVM has a geochat environment variable or system property. */
    public static void requireNone() {
        List<String> found = overrides(System.getenv(), System.getProperties());
        if (!found.isEmpty()) {
            throw new IllegalStateException("The integration tests refuse to run with geochat settings in their JVM: "
                    + String.join(", ", found) + ". Each would override, in every test deployment, the setting the"
                    + " test gives it as a servlet context parameter (Settings reads a system property first, then the"
                    + " environment, then the context parameter), so the tests would not test what they say. Unset"
                    + " these variables (unset GEOCHAT_...) and drop these -Dgeochat.... options from the mvn command"
                    + " line, then run again. A variable of a setting geochat reads belongs in maven-failsafe-plugin's"
                    + " excludedEnvironmentVariables in pom.xml (SettingsIsolationTest says which).");
        }
    }

    /** The geochat environment variables and system properties among these, sorted, variables first. */
    static List<String> overrides(Map<String, String> environment, Properties properties) {
        TreeSet<String> variables = new TreeSet<>();
        for (String name : environment.keySet()) {
            if (name.regionMatches(true, 0, VARIABLE_PREFIX, 0, VARIABLE_PREFIX.length())) {
                variables.add(name);
            }
        }
        TreeSet<String> props = new TreeSet<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.regionMatches(true, 0, PROPERTY_PREFIX, 0, PROPERTY_PREFIX.length())) {
                props.add(name);
            }
        }
        List<String> found = new ArrayList<>(variables);
        found.addAll(props);
        return found;
    }
}
