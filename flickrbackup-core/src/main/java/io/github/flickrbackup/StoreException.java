package io.github.flickrbackup;

/**
 * The destination cannot be written: disk full, read-only, permission denied, locked by
 * another run, or a path that would leave the destination. Nothing half-written is left
 * under a final name.
 *
 * <pre>{@code
 * catch (StoreException e) { System.err.println("destination: " + e.getMessage()); }
 * }</pre>
 */
public class StoreException extends BackupException {
  private static final long serialVersionUID = 1L;

  /** @param message what happened and what to do */
  public StoreException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do
   * @param cause the underlying problem
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
