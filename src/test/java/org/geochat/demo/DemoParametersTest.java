package org.geochat.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.geochat.core.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoParametersTest {

    @Test
    void absentOrEmptyIsTheDefault() {
        assertEquals(500, DemoParameters.integer("ms", null, 500, 0, 10_000));
        assertEquals(500, DemoParameters.integer("ms", "", 500, 0, 10_000));
        assertEquals("list", DemoParameters.oneOf("shape", null, "list", List.of("list", "map")));
    }

    @Test
    void theBoundsAreIncluded() {
        assertEquals(0, DemoParameters.integer("ms", "0", 500, 0, 10_000));
        assertEquals(10_000, DemoParameters.integer("ms", "10000", 500, 0, 10_000));
        assertEquals(7, DemoParameters.integer("ms", "007", 500, 0, 10_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "10001", "1e3", "1.0", " 5", "+5", "0x1", "9999999999", "٣", "abc"})
    void anythingElseIsAnInvalidParameterNamingIt(String raw) {
        ProblemException e =
                assertThrows(ProblemException.class, () -> DemoParameters.integer("ms", raw, 500, 0, 10_000));
        assertEquals(400, e.problem().status());
        assertEquals("invalid-parameter", e.problem().code());
        assertEquals("ms must be a whole number from 0 to 10000.", e.problem().detail());
    }

    @Test
    void aChoiceIsExact() {
        ProblemException e = assertThrows(
                ProblemException.class, () -> DemoParameters.oneOf("shape", "LIST", "list", List.of("list", "map")));
        assertEquals("shape must be one of list, map.", e.problem().detail());
    }

    /** A query parameter is a number in range, the default, or a 400 invalid-parameter problem; nothing else. */
    @Property(tries = 3000)
    void anyParameterIsInRangeOrAProblem(@ForAll String raw) {
        try {
            int value = DemoParameters.integer("ms", raw, 500, 0, 10_000);
            assertTrue(value >= 0 && value <= 10_000, raw);
        } catch (ProblemException refused) {
            assertEquals("invalid-parameter", refused.problem().code());
            assertEquals(400, refused.problem().status());
        }
    }
}
