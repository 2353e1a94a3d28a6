package org.geochat.demo;

import java.util.Collection;
import org.geochat.core.Problem;
import org.geochat.core.ProblemException;

/** Query parameters of the demo, read by hand so a bad value is a 400 problem rather than JAX-RS's bare 404. */
final class DemoParameters {

    private DemoParameters() {}

    static int integer(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        if (raw.matches("\\d{1,9}")) {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        }
        throw invalid(name + " must be a whole number from " + min + " to " + max + ".");
    }

    static String oneOf(String name, String raw, String defaultValue, Collection<String> allowed) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        if (allowed.contains(raw)) {
            return raw;
        }
        throw invalid(name + " must be one of " + String.join(", ", allowed) + ".");
    }

    static ProblemException invalid(String detail) {
        return Problem.of(400, "invalid-parameter", "Invalid parameter", detail).toException();
    }
}
