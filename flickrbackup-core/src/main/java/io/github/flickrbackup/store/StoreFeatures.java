package io.github.flickrbackup.store;

/**
 * What a {@link MediaStore} can do beyond the basics; the engine and the contract tests adapt
 * to it. Two presets cover the usual cases:
 *
 * <pre>{@code
 * StoreFeatures.fileSystem();    // hard links, durable, real folders: FileSystemStore
 * StoreFeatures.objectStore();   // copies, durable, keys that merely contain '/': S3 and the like
 * new StoreFeatures(false, false, true);   // anything else
 * }</pre>
 *
 * @param hardLinks {@link MediaStore#link} makes hard links, so a second copy costs no bytes.
 *     When false, the engine always calls {@code link} with {@code forceCopy = true}: a store
 *     is never asked for a link it does not offer.
 * @param durable a committed write survives a crash: its content is synced before it becomes
 *     visible, and its name is synced by {@link PendingWrite#commit()} and
 *     {@link MediaStore#link}, or at the latest by {@link MediaStore#sync}. The engine calls
 *     {@code sync} for a durable store before it records a batch of items as done. With a
 *     store that is not durable a crash may lose files the catalog lists as done; a later run
 *     fetches again any such file that is missing or of the wrong size, and with
 *     {@code verifyFiles} any whose content differs.
 * @param folders the store has folders of its own, as a file system has: a path is a file or
 *     a folder, never both, so writing through a file or over a folder is refused
 *     ({@link MediaStoreException.Reason#REFUSED_PATH}). False for object stores, whose keys
 *     merely contain {@code /}: there {@code a/b} and {@code a/b/c.jpg} may both be files, and
 *     the contract tests of those two conflicts do not apply.
 */
public record StoreFeatures(boolean hardLinks, boolean durable, boolean folders) {

  /**
   * A store with folders of its own, as a file system ({@code folders = true}).
   *
   * @param hardLinks see {@link #hardLinks()}
   * @param durable see {@link #durable()}
   */
  public StoreFeatures(boolean hardLinks, boolean durable) {
    this(hardLinks, durable, true);
  }

  /**
   * A local file system: hard links, durable writes, real folders. The features of
   * {@link FileSystemStore}.
   *
   * @return {@code StoreFeatures(true, true, true)}
   */
  public static StoreFeatures fileSystem() {
    return new StoreFeatures(true, true, true);
  }

  /**
   * Object storage such as S3: no hard links (second copies are server-side copies), durable
   * once a write is acknowledged, no folders.
   *
   * @return {@code StoreFeatures(false, true, false)}
   */
  public static StoreFeatures objectStore() {
    return new StoreFeatures(false, true, false);
  }
}
