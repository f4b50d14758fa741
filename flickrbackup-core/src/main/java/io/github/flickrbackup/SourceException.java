package io.github.flickrbackup;

/**
 * Flickr (or another {@link io.github.flickrbackup.source.PhotoSource}) failed in a way that
 * retrying did not fix: it kept answering errors, or answered something that cannot be
 * parsed.
 *
 * <pre>{@code
 * catch (SourceException e) { log.error("Flickr failed: {}", e.getMessage()); }
 * }</pre>
 */
public class SourceException extends BackupException {
  private static final long serialVersionUID = 1L;

  /** @param message what happened and what to do */
  public SourceException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do
   * @param cause the underlying problem
   */
  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
