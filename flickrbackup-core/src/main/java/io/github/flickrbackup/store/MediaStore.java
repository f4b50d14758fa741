package io.github.flickrbackup.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a backup keeps its files. The built-in store writes to a folder
 * ({@link FileSystemStore#at(java.nio.file.Path)}); other stores (object storage, a NAS API)
 * implement this interface and prove themselves by extending the published
 * {@code MediaStoreContract} test suite.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Paths are {@link StorePath}s: already safe, relative to the store's root.</li>
 *   <li>Writes are atomic: a reader sees the old content or the new, never a mix or a
 *       truncated file, even when the process is killed ({@link PendingWrite}).</li>
 *   <li>Durability ({@link StoreFeatures#durable()}): content is made durable before it
 *       becomes visible under its final name; the name itself is durable when
 *       {@link PendingWrite#commit()} or {@link #link} returns, unless the store defers that
 *       to {@link #sync}, which the engine calls before it records the files in its
 *       catalog.</li>
 *   <li>Errors say what happened by type, never only in the message: a store throws
 *       {@link MediaStoreException} with a {@link MediaStoreException.Reason}, except that
 *       {@link #open} and {@link #link} report a missing file as
 *       {@link java.nio.file.NoSuchFileException} (classified
 *       {@link MediaStoreException.Reason#NOT_FOUND NOT_FOUND}). The engine reads nothing but
 *       the reason ({@link MediaStoreException#reasonOf}): {@code NO_SPACE}, {@code READ_ONLY}
 *       and {@code PERMISSION_DENIED} stop the run; {@code REFUSED_PATH} fails the item
 *       without retrying it in the run; {@code NOT_FOUND} and {@code OTHER} fail the item,
 *       which the run's retry passes try again. A plain {@code IOException}, whatever its
 *       message, counts as {@code OTHER}.</li>
 *   <li>A path is refused ({@code REFUSED_PATH}) rather than followed when it would reach
 *       outside the store: through a symbolic link, past the root, or through a file
 *       standing where a folder must be.</li>
 *   <li>Optional capabilities are declared in {@link #features()}; the engine asks only for
 *       what a store offers (no hard links from a store without them).</li>
 *   <li>Implementations are thread-safe: downloads write concurrently.</li>
 * </ul>
 *
 * <pre>{@code
 * MediaStore store = FileSystemStore.at(Path.of("/backup/flickr"));
 * try (PendingWrite w = store.create(StorePath.of("2012", "02", "28", "1001.jpg"))) {
 *   w.stream().write(bytes);
 *   w.commit();
 * }
 * }</pre>
 */
public interface MediaStore {
  /**
   * What this store can do.
   *
   * @return its features
   */
  StoreFeatures features();

  /**
   * Looks a file up.
   *
   * @param path the file
   * @return the file's size, or empty if there is no file there (a folder is no file)
   * @throws MediaStoreException if the store cannot be read, or the path is refused
   * @throws IOException for another failure
   */
  Optional<StoredFile> stat(StorePath path) throws IOException;

  /**
   * Starts an atomic write of a file, creating folders as needed.
   *
   * @param path the final path
   * @return the pending write; the caller closes it
   * @throws MediaStoreException if the write cannot start: {@code NO_SPACE},
   *     {@code READ_ONLY}, {@code PERMISSION_DENIED}, or {@code REFUSED_PATH} (also when a
   *     folder stands at the final path)
   * @throws IOException for another failure
   */
  PendingWrite create(StorePath path) throws IOException;

  /**
   * Opens a file for reading.
   *
   * @param path the file
   * @return its content; the caller closes it
   * @throws java.nio.file.NoSuchFileException if there is no file there ({@code NOT_FOUND})
   * @throws MediaStoreException if it cannot be read, or the path is refused
   * @throws IOException for another failure
   */
  InputStream open(StorePath path) throws IOException;

  /**
   * Makes {@code target} hold the same content as {@code existing}: a hard link where
   * {@link StoreFeatures#hardLinks()} (and the file system) allow, otherwise a copy.
   * Replaces {@code target} atomically. A store that cannot link in one place (another
   * volume, a file system without links) copies there instead of failing. The engine passes
   * {@code forceCopy = true} whenever {@link #features()} says {@code hardLinks() == false}.
   *
   * @param existing a file in this store
   * @param target where the second copy goes
   * @param forceCopy make a real copy even where a link is possible
   * @throws java.nio.file.NoSuchFileException if {@code existing} is not a file ({@code NOT_FOUND})
   * @throws MediaStoreException if it cannot be done, with the reason
   * @throws IOException for another failure
   */
  void link(StorePath existing, StorePath target, boolean forceCopy) throws IOException;

  /**
   * Deletes a file.
   *
   * @param path the file
   * @return true if a file was deleted, false if there was none
   * @throws MediaStoreException if it cannot be deleted, with the reason
   * @throws IOException for another failure
   */
  boolean delete(StorePath path) throws IOException;

  /**
   * Moves a file to another path in this store, for {@code --mirror}'s attic and renamed
   * albums: afterwards {@code to} holds the bytes {@code from} held and {@code from} is gone.
   * The only copy is never at risk: {@code from} is removed only once {@code to} holds the same
   * bytes and (in a {@link StoreFeatures#durable() durable} store) its name has been synced.
   * Folders are created as needed.
   *
   * <p>The default copies ({@link #link} with {@code forceCopy}), {@linkplain #sync syncs}
   * the copy, reads both files back and compares their length and SHA-256, and only then
   * deletes {@code from}; a mismatch deletes the copy instead and fails. A store that can
   * rename (as {@link FileSystemStore} does, atomically, syncing both folders) overrides it.
   *
   * @param from a file in this store
   * @param to where it goes; there must be no file there
   * @throws java.nio.file.NoSuchFileException if {@code from} is not a file ({@code NOT_FOUND})
   * @throws MediaStoreException {@code REFUSED_PATH} if a file is already at {@code to} (it is
   *     never replaced), or another reason if the move cannot be done; {@code from} is then
   *     still in place
   * @throws IOException for another failure
   */
  default void move(StorePath from, StorePath to) throws IOException {
    if (stat(from).isEmpty()) {
      throw new java.nio.file.NoSuchFileException(from.toString(), null, "cannot move: no such file");
    }
    if (stat(to).isPresent()) {
      throw new MediaStoreException(MediaStoreException.Reason.REFUSED_PATH,
          "cannot move " + from + ": a file is already at " + to);
    }
    link(from, to, true);
    sync(java.util.List.of(to));
    if (!sameContent(from, to)) {
      delete(to);
      throw new MediaStoreException(MediaStoreException.Reason.OTHER,
          "cannot move " + from + ": its copy at " + to + " does not hold the same bytes; the file stays where it was");
    }
    delete(from);
    sync(java.util.List.of(from));
  }

  /**
   * Whether two files hold the same bytes (length and SHA-256), for {@link #move}'s check.
   *
   * @param a a file
   * @param b another file
   * @return true if both are readable and equal
   * @throws IOException if either cannot be read
   */
  private boolean sameContent(StorePath a, StorePath b) throws IOException {
    return java.util.Arrays.equals(digest(a), digest(b));
  }

  private byte[] digest(StorePath path) throws IOException {
    java.security.MessageDigest sha;
    try {
      sha = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
    long length = 0;
    try (InputStream in = open(path)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
        length += n;
      }
    }
    sha.update(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(length).array());
    return sha.digest();
  }

  /**
   * Visits every file in the store (in no particular order), skipping the store's own
   * temporary files. Used to adopt an existing backup and to find missing media.
   *
   * @param visitor receives each file
   * @throws MediaStoreException if the store cannot be listed, with the reason
   * @throws IOException for another failure
   */
  void walk(Consumer<? super StoredFile> visitor) throws IOException;

  /**
   * Makes the names of files this store already committed, linked or copied durable, so that
   * they survive a crash. The engine calls it once per catalog batch with every file of the
   * batch, before it records them; a store syncs each folder once however many of the files
   * are in it. A store whose {@link PendingWrite#commit()} and {@link #link} already make names
   * durable (the default, and all a store written without this method promises) has nothing
   * to do here.
   *
   * @param files files committed, linked or copied earlier
   * @throws IOException if a folder cannot be synced; the engine then records none of them
   */
  default void sync(Collection<StorePath> files) throws IOException {}
}
