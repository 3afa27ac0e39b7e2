package dev.duplex.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** A real headless Chromium for the browser tests: Debian's, never one Selenium would download. */
public final class Chromium {

    private static final File BINARY = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");

    private Chromium() {
    }

    /**
     * Why the browser tests cannot run here, or null if they can; see {@link RequiredTool}.
     */
    public static String missing() {
        if (BINARY.canExecute() && DRIVER.canExecute()) {
            return null;
        }
        return RequiredTool.missing("Chromium not found: this test needs " + BINARY + " and " + DRIVER
                + " (Debian: apt-get install chromium chromium-driver)");
    }

    /** A browser whose pages see {@code language} as navigator.language. */
    public static WebDriver start(String language) throws IOException {
        Path target = Files.createDirectories(Path.of("target"));
        ChromeOptions options = new ChromeOptions();
        // An explicit binary and driver: Selenium Manager then never tries to download a browser.
        options.setBinary(BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory(target, "chromium-profile-").toAbsolutePath());
        // navigator.language follows this preference whatever the machine's locale (--lang does not, on Linux).
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        // One service per driver: quitting a ChromeDriver stops its service.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER)
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
