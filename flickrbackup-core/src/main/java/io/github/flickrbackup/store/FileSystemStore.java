package io.github.flickrbackup.store;

import io.github.flickrbackup.internal.store.LocalFolderStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The built-in {@link MediaStore}: files in a local folder. Writes go to a temporary file
 * {@code .NAME.RANDOM.part} in the destination's own folder, are fsynced and renamed
 * atomically, and the folder is fsynced; second copies are hard links (or copies where the
 * file system cannot link); paths that pass through a symbolic link are refused.
 *
 * <p>Its failures are {@link MediaStoreException}s (a missing file on {@code open} or
 * {@code link}: {@link java.nio.file.NoSuchFileException}), classified from what Java
 * reports: the exception's type (access denied) and the volume itself (read-only; less than
 * 1 MiB usable counts as full). A used-up quota leaves no such trace; for it, and on
 * platforms that give nothing else, the system's message is read as a last resort.
 *
 * <pre>{@code
 * MediaStore store = FileSystemStore.at(Path.of("/backup/flickr"));
 * }</pre>
 */
public final class FileSystemStore {
  private FileSystemStore() {}

  /**
   * A store rooted at a folder, created if missing.
   *
   * @param root the folder
   * @return the store; its features are {@code StoreFeatures(true, true)}
   * @throws IOException if the folder cannot be created or is not a folder
   */
  public static MediaStore at(Path root) throws IOException {
    return new LocalFolderStore(root);
  }
}
