package org.geochat.core;

import java.util.function.Supplier;

/** The calling thread's context class loader, changed for the length of one call. */
final class ContextLoader {

    private ContextLoader() {
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
