package io.github.flickrbackup.source;

import io.github.flickrbackup.internal.auth.JsonTokenFile;
import java.nio.file.Path;

/**
 * The built-in {@link TokenStore}: a JSON file {@value #FILE_NAME} in a folder, the same file
 * the {@code flickrbackup} command keeps in {@code ~/.flickr}, so a program and the command
 * share one authorisation.
 *
 * <p>The file is created readable and writable by its owner only (mode 0600; a folder it
 * creates gets 0700) on file systems with POSIX permissions, and every change replaces it
 * atomically (a temporary file in the same folder, synced, then renamed). A damaged file is
 * reported with a message that says to delete it, never with its content.
 *
 * <pre>{@code
 * TokenStore tokens = FileTokenStore.inFolder(Path.of(System.getProperty("user.home"), ".flickr"));
 * }</pre>
 */
public final class FileTokenStore {
  /** The file's name inside the folder. */
  public static final String FILE_NAME = "flickrbackup-tokens.json";

  private FileTokenStore() {}

  /**
   * A store in {@code folder/}{@value #FILE_NAME}. Nothing is read or created until the
   * store is used.
   *
   * @param folder the folder, created (mode 0700) on the first save if missing
   * @return the store; {@link TokenStore#location()} is the file's absolute path
   */
  public static TokenStore inFolder(Path folder) {
    return new JsonTokenFile(folder.toAbsolutePath().normalize().resolve(FILE_NAME));
  }
}
