package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.source.PhotoId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends {@code itemStarted} once per pass over an item, from whichever stage gets there
 * first: the fetcher when the media response arrives (so that the length is known), the
 * engine with 0 bytes for an item with nothing to download, the recorder with -1 for an item
 * that failed before any media response. A retry pass starts an item {@link #again}.
 */
final class StartedItems {
  private final BackupListener listener;
  private final Set<String> started = ConcurrentHashMap.newKeySet();

  StartedItems(BackupListener listener) {
    this.listener = listener;
  }

  /**
   * @param expectedBytes the download's length; 0 when nothing is downloaded; -1 when unknown
   */
  void start(PhotoId id, long expectedBytes) {
    if (started.add(id.value())) {
      try {
        listener.itemStarted(id, expectedBytes);
      } catch (RuntimeException ignored) {
        // a listener must not throw; the item goes on regardless
      }
    }
  }

  /** The item goes through another pass, which starts it again. */
  void again(PhotoId id) {
    started.remove(id.value());
  }
}
