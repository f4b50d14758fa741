package io.github.flickrbackup.session;

import io.github.flickrbackup.session.internal.CaptureSettings;
import io.github.flickrbackup.session.internal.Drivers;
import io.github.flickrbackup.session.internal.EnterKey;
import io.github.flickrbackup.session.internal.SeleniumCapture;
import io.github.flickrbackup.source.FlickrEndpoint;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Captures a signed-in Flickr browser session: opens a real browser at the endpoint's sign-in
 * page, waits until the user has signed in, and takes the cookies (HttpOnly ones too), the
 * page's {@code localStorage} and its URL.
 *
 * <pre>{@code
 * System.out.println("Sign in to Flickr in the browser window, then press Enter.");
 * CapturedSession session = BrowserSessionCapture.builder()
 *     .browser(Browser.CHROME)
 *     .enterPressed(System.in)
 *     .build()
 *     .capture();
 * SessionFiles.write(Path.of("session.json"), session);
 * }</pre>
 *
 * <p>The capture finishes as soon as one of the {@linkplain Builder#sessionCookieNames session
 * cookies} appears, or when the user presses Enter (as in the Python tool), whichever comes
 * first; it fails after the {@linkplain Builder#timeout time-out}.
 *
 * <p>It uses the browser and WebDriver program installed on the machine (Debian:
 * {@code apt-get install chromium chromium-driver}) and never downloads anything: the driver
 * is started from its path, so Selenium Manager does not run. Chromium gets a fresh profile in
 * a temporary folder, deleted afterwards.
 */
public final class BrowserSessionCapture {
  /**
   * The cookies Flickr sets when a user signs in ({@code cookie_session} is
   * {@code accid:epass}); either one means signed in.
   */
  public static final Set<String> FLICKR_SESSION_COOKIES = Set.of("cookie_session", "cookie_epass");

  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final Builder settings;
  private final Path browserBinary;
  private final Path driverBinary;

  private BrowserSessionCapture(Builder b) {
    this.settings = b.copy();
    this.browserBinary = b.browserBinary != null ? b.browserBinary : Drivers.defaultBrowserBinary(b.browser);
    this.driverBinary = b.driverBinary != null ? b.driverBinary : Drivers.defaultDriverBinary(b.browser);
  }

  /**
   * A builder with the defaults: Chrome/Chromium, the real Flickr, a visible window, 10
   * minutes, Flickr's session cookies, no Enter key.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this capture's settings.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return settings.copy();
  }

  /**
   * The browser program that will be started.
   *
   * @return its path, or empty when none was given or found (the WebDriver program then looks
   *     in its own standard places)
   */
  public Optional<Path> browserBinary() {
    return Optional.ofNullable(browserBinary);
  }

  /**
   * The WebDriver program that will be started.
   *
   * @return its path, or empty when none was given or found
   */
  public Optional<Path> driverBinary() {
    return Optional.ofNullable(driverBinary);
  }

  /**
   * Opens the browser, waits for the sign-in and returns the session. The browser is closed
   * and its temporary profile deleted before this returns, also on failure.
   *
   * @return the session
   * @throws SessionCaptureException when the browser or driver is missing or does not start,
   *     there is no display for a visible window, the window is closed, or no sign-in is seen
   *     before the time-out; the message says what to do
   */
  public CapturedSession capture() throws SessionCaptureException {
    Browser browser = settings.browser;
    if (driverBinary == null) {
      throw new SessionCaptureException(switch (browser) {
        case CHROME -> "chromedriver not found (looked at /usr/bin/chromedriver and on the PATH): "
            + "install it (Debian: apt-get install chromium chromium-driver) or give its path";
        case FIREFOX -> "geckodriver not found (looked at /usr/bin/geckodriver, /usr/local/bin/geckodriver and on "
            + "the PATH): Debian does not package it; install it from Mozilla's releases and give its path";
      });
    }
    if (!Files.isExecutable(driverBinary)) {
      throw new SessionCaptureException("WebDriver program " + driverBinary + " does not exist or cannot be run");
    }
    if (browserBinary != null && !Files.isExecutable(browserBinary)) {
      throw new SessionCaptureException("browser program " + browserBinary + " does not exist or cannot be run");
    }
    if (!settings.headless && !Drivers.hasDisplay()) {
      throw new SessionCaptureException("there is no display here (DISPLAY is not set), and signing in needs a "
          + "browser window: capture the session on a desktop and copy the file to this machine (keep it chmod 600)");
    }
    BooleanSupplier enter = settings.enterStream != null
        ? new EnterKey(settings.enterStream) // fresh per capture: a key press is used once
        : settings.enterPressed != null ? settings.enterPressed : () -> false;
    Consumer<String> warnings = settings.warnings != null
        ? settings.warnings
        : LoggerFactory.getLogger(BrowserSessionCapture.class)::warn;
    return SeleniumCapture.capture(new CaptureSettings(
        browser, settings.endpoint.signIn(), browserBinary, driverBinary, settings.headless,
        settings.timeout, POLL_INTERVAL, settings.sessionCookieNames, enter, settings.onSignInPage, warnings));
  }

  @Override
  public String toString() {
    return "BrowserSessionCapture[" + settings.browser + " at " + settings.endpoint.signIn()
        + ", browser=" + browserBinary + ", driver=" + driverBinary + ", headless=" + settings.headless
        + ", timeout=" + settings.timeout + "]";
  }

  /** Builds a {@link BrowserSessionCapture}; every setter validates its argument. */
  public static final class Builder {
    private Browser browser = Browser.CHROME;
    private FlickrEndpoint endpoint = FlickrEndpoint.flickr();
    private Path browserBinary;
    private Path driverBinary;
    private boolean headless;
    private Duration timeout = Duration.ofMinutes(10);
    private Set<String> sessionCookieNames = FLICKR_SESSION_COOKIES;
    private BooleanSupplier enterPressed;
    private InputStream enterStream;
    private Consumer<BrowserPage> onSignInPage;
    private Consumer<String> warnings;

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.browser = browser;
      b.endpoint = endpoint;
      b.browserBinary = browserBinary;
      b.driverBinary = driverBinary;
      b.headless = headless;
      b.timeout = timeout;
      b.sessionCookieNames = sessionCookieNames;
      b.enterPressed = enterPressed;
      b.enterStream = enterStream;
      b.onSignInPage = onSignInPage;
      b.warnings = warnings;
      return b;
    }

    /**
     * Which browser to use. Default {@link Browser#CHROME}.
     *
     * @param browser the browser
     * @return this builder
     */
    public Builder browser(Browser browser) {
      this.browser = Objects.requireNonNull(browser, "browser");
      return this;
    }

    /**
     * Where Flickr is; the browser opens {@link FlickrEndpoint#signIn()}. Default
     * {@link FlickrEndpoint#flickr()}.
     *
     * @param endpoint the endpoint
     * @return this builder
     */
    public Builder endpoint(FlickrEndpoint endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /**
     * The browser program. Default: Chrome — the first of {@code /usr/bin/chromium},
     * {@code /usr/bin/chromium-browser}, {@code /usr/bin/google-chrome-stable},
     * {@code /usr/bin/google-chrome}; Firefox — {@code /usr/bin/firefox-esr},
     * {@code /usr/bin/firefox}; when none exists the WebDriver program finds the browser
     * in its own standard places.
     *
     * @param browserBinary the path, or {@code null} for the default
     * @return this builder
     */
    public Builder browserBinary(Path browserBinary) {
      this.browserBinary = browserBinary;
      return this;
    }

    /**
     * The WebDriver program. Default: Chrome — {@code /usr/bin/chromedriver}, else
     * {@code chromedriver} on the {@code PATH}; Firefox — {@code /usr/bin/geckodriver},
     * {@code /usr/local/bin/geckodriver}, else {@code geckodriver} on the {@code PATH}.
     *
     * @param driverBinary the path, or {@code null} for the default
     * @return this builder
     */
    public Builder driverBinary(Path driverBinary) {
      this.driverBinary = driverBinary;
      return this;
    }

    /**
     * Runs the browser without a window. Default {@code false}: a person signs in by hand.
     * Only useful with {@link #onSignInPage} signing in by itself (tests).
     *
     * @param headless true for no window
     * @return this builder
     */
    public Builder headless(boolean headless) {
      this.headless = headless;
      return this;
    }

    /**
     * How long to wait for the sign-in. Default 10 minutes.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The cookies that mean "signed in": the capture finishes when any of them is set with a
     * value. Default {@link #FLICKR_SESSION_COOKIES}; a fake Flickr names its own.
     *
     * @param names cookie names, at least one
     * @return this builder
     */
    public Builder sessionCookieNames(Set<String> names) {
      Objects.requireNonNull(names, "names");
      if (names.isEmpty()) {
        throw new IllegalArgumentException("sessionCookieNames is empty: the capture could never see a sign-in");
      }
      names.forEach(n -> {
        if (n == null || n.isBlank()) {
          throw new IllegalArgumentException("sessionCookieNames holds a blank name");
        }
      });
      this.sessionCookieNames = Set.copyOf(names);
      return this;
    }

    /**
     * Finishes the capture when this says so (checked a few times a second), even if no
     * session cookie has appeared. Default: never; only the session cookie finishes it.
     *
     * @param pressed true once the user has signed in
     * @return this builder
     */
    public Builder enterPressed(BooleanSupplier pressed) {
      this.enterPressed = Objects.requireNonNull(pressed, "pressed");
      this.enterStream = null;
      return this;
    }

    /**
     * Finishes the capture when a line (Enter) is typed on this stream, as the Python tool
     * does. The stream is only read when it has input available, so no thread is left
     * blocked on it afterwards.
     *
     * @param in usually {@code System.in}
     * @return this builder
     */
    public Builder enterPressed(InputStream in) {
      this.enterStream = Objects.requireNonNull(in, "in");
      this.enterPressed = null;
      return this;
    }

    /**
     * Runs once the sign-in page has loaded, before waiting: a way to sign in without a
     * person, for tests against a fake Flickr. Default: nothing.
     *
     * @param action fills in and submits the sign-in form; a {@link RuntimeException} it
     *     throws fails the capture
     * @return this builder
     */
    public Builder onSignInPage(Consumer<BrowserPage> action) {
      this.onSignInPage = Objects.requireNonNull(action, "action");
      return this;
    }

    /**
     * Receives warnings, such as Enter pressed before signing in. Default: logged through
     * SLF4J at WARN.
     *
     * @param warnings receives one line per warning; must not throw
     * @return this builder
     */
    public Builder warnings(Consumer<String> warnings) {
      this.warnings = Objects.requireNonNull(warnings, "warnings");
      return this;
    }

    /**
     * Builds the capture, finding the browser and driver programs when not given.
     *
     * @return the capture, ready to run
     */
    public BrowserSessionCapture build() {
      return new BrowserSessionCapture(this);
    }
  }
}
