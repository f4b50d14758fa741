package io.github.flickrbackup.session.internal;

import io.github.flickrbackup.session.CapturedSession;
import io.github.flickrbackup.session.SessionCaptureException;
import io.github.flickrbackup.source.SessionCookie;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the sign-in page, waits for a sign-in (cookie or Enter), and takes the session. */
public final class SeleniumCapture {
  private static final Logger LOG = LoggerFactory.getLogger(SeleniumCapture.class);

  /** Copies every key of the page's localStorage; values are strings already. */
  private static final String READ_LOCAL_STORAGE =
      "var s = window.localStorage, out = {};"
          + " for (var i = 0; i < s.length; i++) { var k = s.key(i); out[k] = s.getItem(k); }"
          + " return out;";

  private SeleniumCapture() {}

  /**
   * Runs a capture.
   *
   * @param s the settings
   * @return the session
   * @throws SessionCaptureException when the browser cannot start, the window is closed, or
   *     no sign-in is seen in time
   */
  public static CapturedSession capture(CaptureSettings s) throws SessionCaptureException {
    Path profile;
    try {
      profile = Files.createTempDirectory("flickrbackup-browser-");
    } catch (IOException e) {
      throw new SessionCaptureException("cannot create a temporary browser profile: " + e.getMessage(), e);
    }
    WebDriver driver = null;
    try {
      LOG.debug("starting {} ({}) with {}", s.browser(), s.browserBinary(), s.driverBinary());
      try {
        driver = Drivers.start(s, profile);
      } catch (WebDriverException e) {
        throw new SessionCaptureException("could not start " + browserName(s) + " with " + s.driverBinary()
            + ": " + Drivers.firstLine(e)
            + " (do the browser and driver versions match? Debian: apt-get install chromium chromium-driver)", e);
      }
      open(driver, s);
      runHook(driver, s);
      return waitForSignIn(driver, s);
    } finally {
      if (driver != null) {
        try {
          driver.quit();
        } catch (WebDriverException e) {
          LOG.debug("quitting the browser failed: {}", Drivers.firstLine(e));
        }
      }
      deleteRecursively(profile);
    }
  }

  private static void open(WebDriver driver, CaptureSettings s) throws SessionCaptureException {
    try {
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
      driver.get(s.signIn().toString());
    } catch (WebDriverException e) {
      throw new SessionCaptureException("the browser could not open the sign-in page " + s.signIn()
          + ": " + Drivers.firstLine(e), e);
    }
  }

  private static void runHook(WebDriver driver, CaptureSettings s) throws SessionCaptureException {
    if (s.onSignInPage() == null) {
      return;
    }
    try {
      s.onSignInPage().accept(new SeleniumPage(driver));
    } catch (RuntimeException e) {
      throw new SessionCaptureException("signing in on " + s.signIn() + " failed: " + e.getMessage(), e);
    }
  }

  private static CapturedSession waitForSignIn(WebDriver driver, CaptureSettings s) throws SessionCaptureException {
    Instant deadline = Instant.now().plus(s.timeout());
    while (true) {
      Set<Cookie> cookies = cookies(driver);
      if (signedIn(cookies, s.sessionCookieNames())) {
        LOG.debug("session cookie seen at {}", safeUrl(driver));
        waitForPageLoad(driver);
        return snapshot(driver);
      }
      if (s.enterPressed().getAsBoolean()) {
        CapturedSession session = snapshot(driver);
        if (!session.hasCookie(s.sessionCookieNames())) {
          s.warnings().accept("Enter was pressed but none of the cookies " + s.sessionCookieNames()
              + " is set: the saved session is probably not signed in");
        }
        return session;
      }
      if (!Instant.now().isBefore(deadline)) {
        throw new SessionCaptureException("no sign-in seen within " + human(s.timeout()) + ": none of the cookies "
            + s.sessionCookieNames() + " appeared (the browser was at " + safeUrl(driver)
            + "); sign in and press Enter, or allow more time");
      }
      try {
        Thread.sleep(s.pollInterval().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SessionCaptureException("interrupted while waiting for the sign-in", e);
      }
    }
  }

  private static boolean signedIn(Set<Cookie> cookies, Set<String> names) {
    return cookies.stream().anyMatch(c -> names.contains(c.getName()) && !c.getValue().isEmpty());
  }

  /** The cookies of the current page; follows the user to another tab if they closed ours. */
  private static Set<Cookie> cookies(WebDriver driver) throws SessionCaptureException {
    try {
      return driver.manage().getCookies();
    } catch (NoSuchWindowException e) {
      Set<String> handles;
      try {
        handles = driver.getWindowHandles();
      } catch (WebDriverException gone) {
        throw windowClosed(gone);
      }
      if (handles.isEmpty()) {
        throw windowClosed(e);
      }
      driver.switchTo().window(handles.iterator().next());
      return cookies(driver);
    } catch (WebDriverException e) {
      throw windowClosed(e);
    }
  }

  private static SessionCaptureException windowClosed(WebDriverException e) {
    return new SessionCaptureException("the browser window was closed before a sign-in was seen ("
        + Drivers.firstLine(e) + ")", e);
  }

  private static void waitForPageLoad(WebDriver driver) {
    // The cookie comes with the sign-in response; let its redirect finish so the URL and
    // localStorage are the signed-in page's.
    Instant until = Instant.now().plusSeconds(5);
    try {
      while (Instant.now().isBefore(until)
          && !"complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState"))) {
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (WebDriverException e) {
      LOG.debug("could not read the page's state: {}", Drivers.firstLine(e));
    }
  }

  private static CapturedSession snapshot(WebDriver driver) throws SessionCaptureException {
    List<SessionCookie> cookies = new ArrayList<>();
    for (Cookie c : cookies(driver)) {
      if (c.getDomain() == null || c.getDomain().isBlank()) {
        continue;
      }
      Instant expiry = c.getExpiry() == null ? null : c.getExpiry().toInstant();
      cookies.add(new SessionCookie(c.getName(), c.getValue(), c.getDomain(), c.getPath(),
          c.isSecure(), c.isHttpOnly(), expiry));
    }
    return new CapturedSession(cookies, localStorage(driver), safeUrl(driver));
  }

  private static Map<String, String> localStorage(WebDriver driver) {
    Map<String, String> storage = new LinkedHashMap<>();
    try {
      Object result = ((JavascriptExecutor) driver).executeScript(READ_LOCAL_STORAGE);
      if (result instanceof Map<?, ?> map) {
        map.forEach((k, v) -> storage.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
      }
    } catch (WebDriverException e) {
      // Pages without an origin (about:blank, data:) have no localStorage; cookies are what matter.
      LOG.debug("no localStorage: {}", Drivers.firstLine(e));
    }
    return storage;
  }

  private static String safeUrl(WebDriver driver) {
    try {
      return driver.getCurrentUrl();
    } catch (WebDriverException e) {
      return "";
    }
  }

  private static String browserName(CaptureSettings s) {
    String name = switch (s.browser()) {
      case CHROME -> "Chromium/Chrome";
      case FIREFOX -> "Firefox";
    };
    return s.browserBinary() == null ? name : name + " (" + s.browserBinary() + ")";
  }

  private static String human(Duration d) {
    long seconds = d.toSeconds();
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }

  /**
   * The profile holds the signed-in cookies, so it must go. A browser process still exiting
   * can write into it for a moment after quit, so a failed attempt is retried.
   */
  private static void deleteRecursively(Path dir) {
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        deleteTree(dir);
        return;
      } catch (IOException e) {
        last = e;
        try {
          Thread.sleep(200);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    LOG.warn("could not delete the temporary browser profile {} (it holds the session's cookies; delete it): {}",
        dir, String.valueOf(last));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.deleteIfExists(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
