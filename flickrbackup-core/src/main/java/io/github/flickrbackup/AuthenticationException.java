package io.github.flickrbackup;

/**
 * Flickr refused the credentials: an unknown API key, a bad signature, a revoked or
 * insufficient token. Retrying cannot help; the user must fix the key or authorise again.
 *
 * <pre>{@code
 * catch (AuthenticationException e) { tokenCache.forget(); }
 * }</pre>
 */
public class AuthenticationException extends SourceException {
  private static final long serialVersionUID = 1L;

  /** @param message what was refused and what to do */
  public AuthenticationException(String message) {
    super(message);
  }

  /**
   * @param message what was refused and what to do
   * @param cause the underlying problem
   */
  public AuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
