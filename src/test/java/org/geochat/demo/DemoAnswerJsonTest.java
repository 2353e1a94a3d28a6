package org.geochat.demo;

import static org.geochat.testing.JsonBytes.jsonB;
import static org.geochat.testing.JsonBytes.written;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.geochat.core.JsonInput;
import org.geochat.testing.NearMisses;

/** A demo answer is written byte for byte as JSON-B wrote it, parallel results included, and reads back. */
class DemoAnswerJsonTest {

    @Property
    void anAnswerIsWrittenAsJsonBWritesIt(@ForAll("answers") DemoAnswer answer) {
        assertEquals(jsonB(answer), written(answer));
    }

    @Property
    void aSlowAnswerReadsBackAsWritten(@ForAll("slow") DemoAnswer answer) {
        assertEquals(Optional.of(answer), DemoAnswer.from(JsonInput.read(written(answer))));
    }

    /** Whatever a slow upstream sends is an answer or none: never an exception. */
    @Property
    void anyJsonReadsAsAnAnswerOrNone(@ForAll("json") String text) {
        try {
            DemoAnswer.from(JsonInput.read(text));
        } catch (JsonInput.Malformed notJson) {
            // refused before the answer is looked at: a 502 in Lessons
        }
    }

    @Provide
    Arbitrary<String> json() {
        return NearMisses.json(200, 12, "\"style\"", "\"ms\"", "{\"style\":\"slow\",\"ms\":");
    }

    @Provide
    Arbitrary<DemoAnswer> slow() {
        return Combinators.combine(
                        text(), Arbitraries.longs(), Arbitraries.longs(), Arbitraries.integers(), text(), text())
                .as((style, ms, elapsed, calls, received, resumed) -> style == null
                        ? new DemoAnswer("slow", ms, elapsed, calls, received, resumed, null, null, null)
                        : new DemoAnswer(style, ms, elapsed, calls, received, resumed, null, null, null));
    }

    @Provide
    Arbitrary<DemoAnswer> answers() {
        Arbitrary<List<DemoAnswer>> list = slow().list().ofMaxSize(3);
        Arbitrary<Object> results = Arbitraries.oneOf(list.map(answers -> (Object) answers), list.map(answers -> {
                    Map<String, DemoAnswer> named = new LinkedHashMap<>();
                    for (int i = 0; i < answers.size(); i++) {
                        named.put("call" + (i + 1), answers.get(i));
                    }
                    return (Object) named;
                }))
                .injectNull(0.3);
        return Combinators.combine(slow(), Arbitraries.integers().injectNull(0.5), text(), results)
                .as((a, n, shape, r) -> new DemoAnswer(
                        a.style(),
                        a.ms(),
                        a.elapsedMs(),
                        a.upstreamCalls(),
                        a.receivedOn(),
                        a.resumedOn(),
                        n,
                        shape,
                        r));
    }

    private static Arbitrary<String> text() {
        return Arbitraries.strings().ofMaxLength(12).injectNull(0.2);
    }
}
