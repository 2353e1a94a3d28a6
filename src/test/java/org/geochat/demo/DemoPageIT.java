package org.geochat.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.geochat.testing.Chromium;
import org.geochat.testing.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo page in headless Chromium: a run draws one bar per request, the ping lane and the numbers. */
@ExtendWith(ArquillianExtension.class)
@EnabledIf(
        value = "org.geochat.testing.Chromium#installed",
        disabledReason = "needs /usr/bin/chromium (apt-get install chromium)")
class DemoPageIT {

    /** Generous: Playwright waits for the page only as long as it takes, this is just where it gives up. */
    private static final double WAIT_MS = 30_000;

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    @Deployment(testable = false)
    static WebArchive geochat() {
        return Deployments.geochat("demo-page", Map.of());
    }

    @ArquillianResource
    private URL base;

    @Test
    void aCallbackRunDrawsEveryRequestAndThePingLane() {
        try (Page page = CHROMIUM.browser().newPage()) {
            List<String> errors = Chromium.errors(page);
            page.navigate(base + "demo.html");
            runBurst(page, "callback", "300", "20");
            assertEquals(20, page.locator("#chart rect.req").count());
            assertEquals(20, page.locator("#chart rect.req.ok").count());
            assertTrue(page.locator("#chart rect.ping").count() >= 1, "no ping drawn");
            assertEquals("20", page.textContent("#ok-count").strip());
            assertEquals("0", page.textContent("#failed-count").strip());
            assertTrue(Integer.parseInt(page.textContent("#total-ms").strip()) >= 300, page.textContent("#total-ms"));
            assertTrue(Integer.parseInt(page.textContent("#p50-ms").strip()) >= 300, page.textContent("#p50-ms"));
            assertTrue(page.textContent("#threads").contains("released"), page.textContent("#threads"));
            assertEquals(List.of(), errors);
        }
    }

    @Test
    void aBlockingRunShowsTheThreadsHeldAndTheCurlLine() {
        try (Page page = CHROMIUM.browser().newPage()) {
            List<String> errors = Chromium.errors(page);
            page.navigate(base + "demo.html");
            runBurst(page, "blocking", "100", "5");
            assertTrue(page.textContent("#try-it").contains("api/demo/blocking?ms=100"), page.textContent("#try-it"));
            assertEquals(5, page.locator("#chart rect.req.ok").count());
            assertTrue(page.textContent("#threads").contains("held"), page.textContent("#threads"));
            assertEquals(List.of(), errors);
        }
    }

    /** Fills the form, clicks Run and waits until the results are shown. */
    private static void runBurst(Page page, String style, String ms, String concurrency) {
        page.selectOption("#style", style);
        page.fill("#ms", ms);
        page.fill("#concurrency", concurrency);
        page.click("#run");
        page.locator("#results")
                .waitFor(new Locator.WaitForOptions()
                        .setState(WaitForSelectorState.VISIBLE)
                        .setTimeout(WAIT_MS));
    }
}
