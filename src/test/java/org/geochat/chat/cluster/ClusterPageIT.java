package org.geochat.chat.cluster;

import static org.geochat.testing.ChatPage.WAIT_MS;
import static org.geochat.testing.ChatPage.assertThat;
import static org.geochat.testing.ChatPage.lines;
import static org.geochat.testing.ChatPage.open;
import static org.geochat.testing.ChatPage.say;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.geochat.testing.Chromium;
import org.geochat.testing.Deployments;
import org.geochat.testing.TestRedis;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chat page on a cluster node whose Redis goes away and comes back, in headless Chromium. */
@ExtendWith(ArquillianExtension.class)
@EnabledIf(
        value = "org.geochat.testing.Chromium#installed",
        disabledReason = "needs /usr/bin/chromium (apt-get install chromium)")
class ClusterPageIT {

    /** Started when the class loads: the deployment below is made (and connects) before the test runs. */
    private static final TestRedis REDIS = TestRedis.start();

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    @Deployment(testable = false)
    static WebArchive node() {
        return Deployments.geochat("cluster-page", Map.of("geochat.redis.url", REDIS.url()));
    }

    @ArquillianResource
    private URL base;

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    /**
     * While Redis is away the node shows its users' messages at once, marked pending; when Redis is back, the
     * numbered copy takes the pending line's place on every page: one line per message, never two.
     */
    @Test
    void aMessageSentDuringAnOutageShowsAsPendingThenTakesItsNumberedPlace() {
        try (BrowserContext one = CHROMIUM.browser().newContext();
                BrowserContext two = CHROMIUM.browser().newContext()) {
            Page alice = open(one, base, "alice");
            Page bob = open(two, base, "bob");
            List<String> errors = Chromium.errors(alice, bob); // one list that both keep filling
            String text = "said while Redis is away";

            REDIS.stop();
            say(bob, text);
            for (Page page : List.of(alice, bob)) {
                assertThat(lines(page, "message.pending", text))
                        .hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));
            }

            REDIS.restart();
            for (Page page : List.of(alice, bob)) {
                assertThat(lines(page, "message.pending", text))
                        .hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));
                assertThat(lines(page, "message", text)).hasCount(1); // replaced in the same step that removed it
                assertThat(lines(page, "message", text)).hasAttribute("data-id", Pattern.compile("[1-9]\\d*"));
            }
            assertEquals(
                    List.of(),
                    errors.stream().filter(e -> !e.contains("WebSocket")).toList());
        }
    }
}
