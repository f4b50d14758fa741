package io.github.flickrbackup.session.internal;

import io.github.flickrbackup.session.Browser;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.firefox.FirefoxDriver;
import org.openqa.selenium.firefox.FirefoxOptions;
import org.openqa.selenium.firefox.GeckoDriverService;

/**
 * Starts a browser through its WebDriver program at a given path, so Selenium Manager never
 * runs and nothing is downloaded, and where it finds those programs by default.
 */
public final class Drivers {
  /**
   * Selenium warns on every start that it has no DevTools support for this exact browser
   * version; we use no DevTools, so the warning is noise. Held here so the settings are not
   * garbage-collected with the loggers.
   */
  private static final List<Logger> QUIETED = List.of(
      Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
      Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

  static {
    QUIETED.forEach(l -> l.setLevel(Level.SEVERE));
  }

  private static final List<String> DISABLED_FEATURES = List.of(
      "AutofillServerCommunication", "PasswordLeakDetection", "OptimizationHints",
      "OptimizationGuideModelDownloading", "MediaRouter", "DialMediaRouteProvider", "Translate",
      "CertificateTransparencyComponentUpdater", "InterestFeedContentSuggestions");

  /** Profile preferences: no password manager, no sign-in to Google, no network prediction. */
  private static final Map<String, Object> CHROME_PREFS = Map.of(
      "credentials_enable_service", false,
      "profile.password_manager_enabled", false,
      "profile.password_manager_leak_detection", false,
      "signin.allowed", false,
      "net.network_prediction_options", 2,
      "search.suggest_enabled", false,
      "safebrowsing.enabled", false,
      "autofill.profile_enabled", false,
      "translate.enabled", false);

  private Drivers() {}

  /**
   * The browser program used when none is given: the first that exists.
   *
   * @param browser which browser
   * @return its path, or {@code null} to let the WebDriver program look in its own places
   */
  public static Path defaultBrowserBinary(Browser browser) {
    return switch (browser) {
      case CHROME -> firstExisting(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
          "/usr/bin/google-chrome-stable", "/usr/bin/google-chrome"), null);
      case FIREFOX -> firstExisting(List.of("/usr/bin/firefox-esr", "/usr/bin/firefox"), null);
    };
  }

  /**
   * The WebDriver program used when none is given: the Debian path, else the first on the
   * {@code PATH}.
   *
   * @param browser which browser
   * @return its path, or {@code null} when none is installed
   */
  public static Path defaultDriverBinary(Browser browser) {
    return switch (browser) {
      case CHROME -> firstExisting(List.of("/usr/bin/chromedriver"), "chromedriver");
      case FIREFOX -> firstExisting(List.of("/usr/bin/geckodriver", "/usr/local/bin/geckodriver"), "geckodriver");
    };
  }

  private static Path firstExisting(List<String> candidates, String onPath) {
    for (String c : candidates) {
      Path p = Path.of(c);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    if (onPath != null) {
      String path = System.getenv("PATH");
      if (path != null) {
        for (String dir : path.split(File.pathSeparator)) {
          if (dir.isEmpty()) {
            continue;
          }
          Path p = Path.of(dir, onPath);
          if (Files.isExecutable(p)) {
            return p;
          }
        }
      }
    }
    return null;
  }

  static WebDriver start(CaptureSettings s, Path profileDir) {
    return switch (s.browser()) {
      case CHROME -> startChrome(s, profileDir);
      case FIREFOX -> startFirefox(s);
    };
  }

  private static WebDriver startChrome(CaptureSettings s, Path profileDir) {
    ChromeOptions options = new ChromeOptions();
    if (s.browserBinary() != null) {
      options.setBinary(s.browserBinary().toFile());
    }
    if (s.headless()) {
      options.addArguments("--headless");
    }
    if (runningAsRoot()) {
      // Chromium refuses to start as root with its sandbox on (containers, CI machines).
      options.addArguments("--no-sandbox");
    }
    options.addArguments(
        "--user-data-dir=" + profileDir,
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--password-store=basic",
        // Chromium calls Google in the background even with --disable-background-networking.
        // Measured with strace, these stop the autofill and password-leak-check lookups; the
        // start-up lookups of accounts.google.com, update.googleapis.com and clients2.google.com
        // remain (none is needed: the capture works with no network but loopback).
        "--disable-features=" + String.join(",", DISABLED_FEATURES),
        "--disable-extensions",
        "--disable-component-extensions-with-background-pages",
        "--disable-default-apps",
        "--disable-domain-reliability",
        "--disable-client-side-phishing-detection",
        "--disable-breakpad",
        "--no-pings");
    options.setExperimentalOption("prefs", CHROME_PREFS);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(s.driverBinary().toFile())
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }

  private static WebDriver startFirefox(CaptureSettings s) {
    FirefoxOptions options = new FirefoxOptions();
    if (s.browserBinary() != null) {
      options.setBinary(s.browserBinary());
    }
    if (s.headless()) {
      options.addArguments("-headless");
    }
    // geckodriver gives Firefox a fresh temporary profile and deletes it afterwards.
    options.addPreference("app.update.auto", false);
    options.addPreference("app.update.enabled", false);
    options.addPreference("browser.shell.checkDefaultBrowser", false);
    options.addPreference("datareporting.policy.dataSubmissionEnabled", false);
    options.addPreference("toolkit.telemetry.enabled", false);
    GeckoDriverService service = new GeckoDriverService.Builder()
        .usingDriverExecutable(s.driverBinary().toFile())
        .usingAnyFreePort()
        .build();
    return new FirefoxDriver(service, options);
  }

  private static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * Whether a visible browser window can open here: on Linux and the BSDs it needs an X11 or
   * Wayland display.
   *
   * @return false when there is certainly no display
   */
  public static boolean hasDisplay() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (!(os.contains("linux") || os.contains("bsd"))) {
      return true;
    }
    return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  /** Selenium's messages run to many lines of build and host details. */
  static String firstLine(Throwable e) {
    String m = e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    return m.lines().findFirst().orElse(m).strip();
  }
}
