package org.geochat.demo;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The answer of {@code /api/hello/{name}}, aiohttp's first example, with the threads that served it. */
@JsonbPropertyOrder({"greeting", "ms", "receivedOn", "resumedOn"})
public record Greeting(String greeting, long ms, String receivedOn, String resumedOn) {}
