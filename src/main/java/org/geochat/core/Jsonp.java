package org.geochat.core;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider geochat uses, looked up once. {@code jakarta.json.Json}'s static methods look the
 * provider up again on every call, through the calling thread's context class loader: a scan per chat frame,
 * and on a thread whose loader belongs to the container or another application (a pool, a client library's
 * event loop) it finds that loader's provider and fails with {@code ServiceConfigurationError}.
 */
public final class Jsonp {

    public static final JsonProvider PROVIDER =
            ContextLoader.during(Jsonp.class.getClassLoader(), JsonProvider::provider);

    private Jsonp() {}
}
