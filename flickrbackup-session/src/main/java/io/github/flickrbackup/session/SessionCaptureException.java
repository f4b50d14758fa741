package io.github.flickrbackup.session;

import java.io.IOException;

/**
 * Capturing a browser session failed: the browser or its driver could not be started, the
 * user did not sign in before the time-out, or the browser window was closed. The message
 * says which, and what to do about it.
 *
 * <pre>{@code
 * try {
 *   session = capture.capture();
 * } catch (SessionCaptureException e) {
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class SessionCaptureException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and what to do
   */
  public SessionCaptureException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong and what to do
   * @param cause the underlying failure
   */
  public SessionCaptureException(String message, Throwable cause) {
    super(message, cause);
  }
}
