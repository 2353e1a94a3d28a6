package org.geochat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JsonpTest {

    /** A thread whose context loader sees no JSON-P at all, as a foreign pool's or event loop's may. */
    @Test
    void theProviderServesAThreadWhoseContextLoaderCannotSeeIt() throws InterruptedException {
        BlockingQueue<Object> results = new LinkedBlockingQueue<>();
        Thread foreign = new Thread(() -> {
            try {
                results.add(Jsonp.PROVIDER
                        .createObjectBuilder()
                        .add("type", "ping")
                        .build()
                        .toString());
            } catch (RuntimeException | Error e) {
                results.add(e);
            }
        });
        foreign.setContextClassLoader(new URLClassLoader(new URL[0], null));
        foreign.start();
        assertEquals("{\"type\":\"ping\"}", results.poll(10, TimeUnit.SECONDS));
    }
}
