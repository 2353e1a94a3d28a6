package org.geochat.chat;

import static org.geochat.testing.ChatPage.WAIT_MS;
import static org.geochat.testing.ChatPage.assertThat;
import static org.geochat.testing.ChatPage.open;
import static org.geochat.testing.ChatPage.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.geochat.testing.Chromium;
import org.geochat.testing.Deployments;
import org.geochat.testing.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two browser pages chat with each other through the real server, in headless Chromium. */
@ExtendWith(ArquillianExtension.class)
@EnabledIf(
        value = "org.geochat.testing.Chromium#installed",
        disabledReason = "needs /usr/bin/chromium (apt-get install chromium)")
class ChatPageIT {

    private static final String XSS = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    /**
     * A rate of 3 messages a minute, so a page that floods gets itself dropped by the server; a keepalive every
     * second, so a page notices a silent connection within seconds.
     */
    @Deployment(testable = false)
    static WebArchive geochat() {
        return Deployments.geochat("chat-page", Map.of("geochat.chat.rate", "3/60s", "geochat.chat.ping", "1s"));
    }

    @ArquillianResource
    private URL base;

    @Test
    void thePageIsServedWithAContentSecurityPolicyHeader() {
        HttpResponse<String> page = new Http(base).get("index.html");
        assertEquals(200, page.statusCode());
        assertTrue(
                page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
    }

    @Test
    void twoPagesChatAnXssPayloadIsTextAndADroppedPageCatchesUp() {
        try (BrowserContext one = CHROMIUM.browser().newContext();
                BrowserContext two = CHROMIUM.browser().newContext()) {
            Page alice = open(one, base, "alice");
            Page bob = open(two, base, "bob");
            List<String> errors = Chromium.errors(alice, bob); // one list that both keep filling

            say(bob, XSS);
            Locator shown = alice.locator("#chat-lines li.line.message .text").last();
            assertThat(shown).hasText(XSS, new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
            assertEquals(0, alice.locator("#chat-lines img, #chat-lines script").count());
            assertEquals(null, alice.evaluate("window.__xss"));
            assertThat(alice.locator("#presence li"))
                    .hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));

            // "reconnecting in 1 s" shows for about a second only, which a polling assertion can miss: record it
            alice.evaluate("() => { const status = document.getElementById('chat-status'); window.__statuses = [];"
                    + " new MutationObserver(() => window.__statuses.push(status.textContent))"
                    + ".observe(status, {childList: true, characterData: true, subtree: true}); }");
            for (int i = 0; i < 6; i++) { // 3 allowed, then refused 3 times in a row: the server closes (1008)
                say(alice, "flood " + i);
            }
            alice.waitForFunction(
                    "() => window.__statuses.some(s => s.includes('reconnecting'))",
                    null,
                    new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
            say(bob, "while you were away");
            Locator caughtUp = alice.locator(
                    "#chat-lines li.line.message .text", new Page.LocatorOptions().setHasText("while you were away"));
            assertThat(caughtUp).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));
            assertThat(alice.locator("#chat-status"))
                    .hasText(
                            Pattern.compile("connected as alice"),
                            new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
            // it resumed with since and epoch: what it showed before is still there, nothing "started over"
            assertThat(alice.locator("#chat-lines li.line.message .text", new Page.LocatorOptions().setHasText(XSS)))
                    .hasCount(1);
            assertThat(alice.locator("#chat-lines li.line.notice")).hasCount(0);
            assertEquals(
                    List.of(),
                    errors.stream().filter(e -> !e.contains("WebSocket")).toList());
        }
    }

    /**
     * A connection that stays open but delivers nothing (what a stuck write looks like from the browser, as on
     * Payara) is replaced once the keepalives stop, and the page resumes where it was. Between the page and the
     * server sits Playwright's WebSocket route, which stops passing the server's frames on when told to.
     */
    @Test
    void aPageWhoseConnectionFallsSilentReconnectsAndCatchesUp() {
        try (BrowserContext one = CHROMIUM.browser().newContext();
                BrowserContext two = CHROMIUM.browser().newContext()) {
            AtomicInteger connections = new AtomicInteger();
            AtomicInteger silenced = new AtomicInteger(-1);
            AtomicInteger keptAlive = new AtomicInteger(); // the latest connection a keepalive went through on
            one.routeWebSocket(Pattern.compile(".*/chat/.*"), page -> {
                int connection = connections.incrementAndGet();
                WebSocketRoute server = page.connectToServer();
                server.onMessage(frame -> {
                    if (connection != silenced.get()) {
                        page.send(frame.text());
                        if (frame.text().contains("\"keepalive\"")) {
                            keptAlive.set(connection);
                        }
                    }
                });
            });
            Page carol = open(one, base, "carol");
            Page dave = open(two, base, "dave");
            List<String> errors = Chromium.errors(carol);
            // The page knows the keepalive period (1 s here) once one has come through on its connection.
            carol.waitForCondition(
                    () -> keptAlive.get() == connections.get(), new Page.WaitForConditionOptions().setTimeout(WAIT_MS));
            silenced.set(connections.get());
            say(dave, "while you heard nothing");
            Locator caughtUp = carol.locator(
                    "#chat-lines li.line.message .text",
                    new Page.LocatorOptions().setHasText("while you heard nothing"));
            try {
                assertThat(caughtUp).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));
            } catch (AssertionError e) {
                throw new AssertionError(
                        "not caught up; " + connections.get() + " connections, " + silenced.get()
                                + " silenced; status: "
                                + carol.locator("#chat-status").textContent(),
                        e);
            }
            assertTrue(connections.get() > silenced.get(), "the page opened a new connection");
            assertThat(carol.locator("#chat-status"))
                    .hasText(
                            Pattern.compile("connected as carol"),
                            new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
            assertEquals(
                    List.of(),
                    errors.stream().filter(e -> !e.contains("WebSocket")).toList());
        }
    }
}
