package org.geochat.testing;

import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generated text for the property tests of geochat's parsers: any text, or near misses made of their tokens. */
public final class NearMisses {

    /** What JSON is made of, with the escapes and surrogates that break careless readers. */
    public static final List<String> JSON_TOKENS =
            List.of("{", "}", "[", "]", "\"", ":", ",", "\\", "\\ud800", " ", "\u0000", "\uD800");

    private NearMisses() {}

    /** Any text up to {@code maxLength} characters, or up to {@code maxParts} of the JSON tokens and {@code more}. */
    public static Arbitrary<String> json(int maxLength, int maxParts, String... more) {
        Arbitrary<String> tokens = Arbitraries.of(
                Stream.concat(JSON_TOKENS.stream(), Stream.of(more)).toList());
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(maxLength),
                tokens.list().ofMaxSize(maxParts).map(parts -> String.join("", parts)));
    }
}
