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
 *   <li>Errors are {@link IOException}s. A missing file is
 *       {@link java.nio.file.NoSuchFileException}. A full or read-only destination is an
 *       {@code IOException} whose message says so; the engine stops the run on it.</li>
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
   * @return the file's size, or empty if there is no file there
   * @throws IOException if the store cannot be read
   */
  Optional<StoredFile> stat(StorePath path) throws IOException;

  /**
   * Starts an atomic write of a file, creating folders as needed.
   *
   * @param path the final path
   * @return the pending write; the caller closes it
   * @throws IOException if the write cannot start (no space, no permission)
   */
  PendingWrite create(StorePath path) throws IOException;

  /**
   * Opens a file for reading.
   *
   * @param path the file
   * @return its content; the caller closes it
   * @throws java.nio.file.NoSuchFileException if there is no file there
   * @throws IOException if it cannot be read
   */
  InputStream open(StorePath path) throws IOException;

  /**
   * Makes {@code target} hold the same content as {@code existing}: a hard link where
   * {@link StoreFeatures#hardLinks()} (and the file system) allow, otherwise a copy.
   * Replaces {@code target} atomically.
   *
   * @param existing a file in this store
   * @param target where the second copy goes
   * @param forceCopy make a real copy even where a link is possible
   * @throws IOException if it cannot be done
   */
  void link(StorePath existing, StorePath target, boolean forceCopy) throws IOException;

  /**
   * Deletes a file.
   *
   * @param path the file
   * @return true if a file was deleted, false if there was none
   * @throws IOException if it cannot be deleted
   */
  boolean delete(StorePath path) throws IOException;

  /**
   * Visits every file in the store (in no particular order), skipping the store's own
   * temporary files. Used to adopt an existing backup and to find missing media.
   *
   * @param visitor receives each file
   * @throws IOException if the store cannot be listed
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
