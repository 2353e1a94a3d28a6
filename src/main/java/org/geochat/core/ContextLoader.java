package org.geochat.core;

import java.net.http.HttpClient;
import java.util.function.Supplier;

/** The calling thread's context class loader, changed for the length of one call. */
public final class ContextLoader {

    private ContextLoader() {}

    /**
     * Builds an HTTP client whose selector thread (started now, inheriting the context class loader) does not carry
     * this application's loader: on Java 17 that thread outlives undeploy until the client is garbage-collected, and
     * Tomcat would rightly report it as a leak.
     */
    public static HttpClient httpClient(HttpClient.Builder builder) {
        return during(HttpClient.class.getClassLoader(), builder::build);
    }

    /** Runs {@code call} with {@code loader} as the context class loader, then puts the previous one back. */
    static <T> T during(ClassLoader loader, Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
