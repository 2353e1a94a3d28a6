package org.geochat.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Headless Debian Chromium driven by Playwright, which downloads no browser of its own. Its scratch files
 * (the driver's temporary and cache directories) stay under {@code target/browser}. A test class registers one
 * ({@code @RegisterExtension static final Chromium CHROMIUM = new Chromium();}): it starts before the class's
 * tests and stops after them.
 */
public final class Chromium implements BeforeAllCallback, AfterAllCallback {

    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private Playwright playwright;
    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        Path scratch =
                Path.of(System.getProperty("browser.dir", "target/browser")).toAbsolutePath();
        try {
            Files.createDirectories(scratch.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of(
                        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
                        "TMPDIR", scratch.resolve("tmp").toString(),
                        "XDG_CACHE_HOME", scratch.resolve("cache").toString(),
                        "XDG_CONFIG_HOME", scratch.resolve("config").toString())));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(EXECUTABLE)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run")));
    }

    /** For {@code @EnabledIf}: CI installs Chromium; elsewhere the browser tests are skipped, visibly. */
    public static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }

    public Browser browser() {
        return browser;
    }

    /**
     * Collects the pages' console errors, uncaught exceptions (a CSP violation or a script smuggled in by a payload
     * among them) and failed loads with their URLs, from now on, into one list.
     */
    public static List<String> errors(Page... pages) {
        List<String> errors = new CopyOnWriteArrayList<>();
        for (Page page : pages) {
            page.onResponse(response -> {
                if (response.status() >= 400) {
                    errors.add(response.status() + " " + response.url());
                }
            });
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type()) && !message.text().startsWith("Failed to load resource")) {
                    errors.add(message.text());
                }
            });
            page.onPageError(errors::add);
        }
        return errors;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (playwright != null) {
            playwright.close(); // and its browser with it
        }
    }
}
