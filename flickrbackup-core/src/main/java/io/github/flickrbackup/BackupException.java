package io.github.flickrbackup;

/**
 * A problem that stops a backup run: the run could not start or could not go on. Problems
 * with single items do not throw; they are reported in {@link BackupResult#failures()}.
 *
 * <p>Subclasses say where the problem is: {@link SourceException} (Flickr),
 * {@link AuthenticationException} (credentials), {@link StoreException} (the destination).
 * The message always says what to do.
 *
 * <pre>{@code
 * try {
 *   BackupResult result = FlickrBackup.run(plan);
 * } catch (AuthenticationException e) {
 *   // re-authorise
 * } catch (BackupException e) {
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class BackupException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened and what to do
   */
  public BackupException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do
   * @param cause the underlying problem
   */
  public BackupException(String message, Throwable cause) {
    super(message, cause);
  }
}
