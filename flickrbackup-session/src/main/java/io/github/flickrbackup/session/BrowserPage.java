package io.github.flickrbackup.session;

import java.net.URI;

/**
 * The page the capture opened, for code that signs in without a person at the keyboard —
 * tests against a fake Flickr, mostly. It hides the browser automation library, so callers
 * never depend on it.
 *
 * <pre>{@code
 * BrowserSessionCapture.builder()
 *     .onSignInPage(page -> {
 *       page.fill("#login-username", "alice");
 *       page.fill("#login-password", "secret");
 *       page.click("#login-submit");
 *     })
 *     .build()
 *     .capture();
 * }</pre>
 *
 * <p>Methods throw {@link IllegalStateException} when no element matches the selector or
 * the browser has gone away.
 */
public interface BrowserPage {
  /**
   * The URL the browser is at now.
   *
   * @return the current URL
   */
  URI currentUrl();

  /**
   * Types text into the first element matching a CSS selector, after clearing it.
   *
   * @param cssSelector a CSS selector, such as {@code #login-username}
   * @param text the text to type
   */
  void fill(String cssSelector, String text);

  /**
   * Clicks the first element matching a CSS selector.
   *
   * @param cssSelector a CSS selector, such as {@code #login-submit}
   */
  void click(String cssSelector);
}
