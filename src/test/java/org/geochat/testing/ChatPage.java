package org.geochat.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.net.URL;
import java.util.regex.Pattern;

/** geochat's chat page in a browser, driven as a user does: open it, pick a nick, type and press Enter. */
public final class ChatPage {

    /** Long enough for a page on a loaded two-core machine; a wait ends as soon as its condition holds. */
    public static final double WAIT_MS = 20_000;

    private ChatPage() {}

    /** The page, connected and renamed to {@code nick}. */
    public static Page open(BrowserContext context, URL base, String nick) {
        Page page = context.newPage();
        page.navigate(base + "index.html");
        assertThat(page.locator("#chat-status"))
                .hasText(
                        Pattern.compile("connected as Guest-"),
                        new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        page.fill("#chat-nick", nick);
        page.click("#chat-nick-change");
        assertThat(page.locator("#chat-status"))
                .hasText(
                        Pattern.compile("connected as " + nick),
                        new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        return page;
    }

    public static void say(Page page, String text) {
        page.fill("#chat-text", text);
        page.press("#chat-text", "Enter");
    }

    /** The chat lines of {@code type} (message, join, leave) whose text contains {@code text}. */
    public static Locator lines(Page page, String type, String text) {
        return page.locator("#chat-lines li.line." + type, new Page.LocatorOptions().setHasText(text));
    }

    public static LocatorAssertions assertThat(Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }
}
