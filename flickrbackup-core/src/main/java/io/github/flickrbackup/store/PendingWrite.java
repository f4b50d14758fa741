package io.github.flickrbackup.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A write in progress: nothing is visible under the final path until {@link #commit()}.
 * Closing without committing discards what was written.
 *
 * <pre>{@code
 * try (PendingWrite w = store.create(path)) {
 *   body.transferTo(w.stream());
 *   w.commit();
 * }
 * }</pre>
 */
public interface PendingWrite extends Closeable {
  /**
   * Where to write the content. Its writes fail with {@link MediaStoreException}, the reason
   * saying what happened (for example {@code NO_SPACE} when the destination fills up).
   *
   * @return the stream; do not close it yourself
   */
  OutputStream stream();

  /**
   * Makes the content visible under the final path, replacing what was there, atomically.
   *
   * @throws MediaStoreException if the content cannot be made durable or moved into place,
   *     with the reason; nothing is then visible under the final path that was not there
   *     before
   * @throws IOException for another failure, with the same guarantee
   */
  void commit() throws IOException;

  /** Discards the content if {@link #commit()} was not called. Never throws for that. */
  @Override
  void close() throws IOException;
}
