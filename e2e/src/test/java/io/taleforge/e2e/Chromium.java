package io.taleforge.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium (found or installed by {@code deploy/local/ensure-chromium}), headless, driven
 * by Playwright for Java; Playwright's own browser download is never used. The browser tests and
 * the writing benchmark launch it the same way.
 */
final class Chromium implements AutoCloseable {

    final Playwright playwright;
    final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static Chromium launch() throws IOException, InterruptedException {
        String executable = executable();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(executable))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required")));
        return new Chromium(playwright, browser);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }

    /** Debian's Chromium, installed by the project's own script when it is missing. */
    private static String executable() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("taleforge.root", "..")).toAbsolutePath().normalize();
        Process process = new ProcessBuilder(root.resolve("deploy/local/ensure-chromium").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0 || out.isEmpty()) {
            throw new IllegalStateException("no Chromium for the browser tests (deploy/local/ensure-chromium failed)");
        }
        return out.lines().reduce((a, b) -> b).orElseThrow();
    }
}
