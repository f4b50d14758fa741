package io.github.flickrbackup.session;

/**
 * The browsers a session can be captured with. Each needs the browser and its WebDriver
 * program installed on the machine; nothing is downloaded.
 *
 * <pre>{@code
 * BrowserSessionCapture.builder().browser(Browser.FIREFOX).build().capture();
 * }</pre>
 */
public enum Browser {
  /**
   * Chromium or Google Chrome, driven by {@code chromedriver}. Debian:
   * {@code apt-get install chromium chromium-driver}.
   */
  CHROME,
  /**
   * Firefox, driven by {@code geckodriver}. Debian packages Firefox ({@code firefox-esr})
   * but not geckodriver: install geckodriver from Mozilla's releases and pass its path.
   */
  FIREFOX
}
