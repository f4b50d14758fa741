package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.ItemOutcome;
import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import io.github.flickrbackup.source.MediaVariant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the planner decided to do with one listed item. Further kinds (a verify-only pass)
 * join here, each with its own handling in the engine. A mirror's moves are decided by
 * {@link Mirror} after the whole listing, since only then is it known what is gone.
 */
sealed interface Action permits Action.Fetch, Action.Refresh, Action.Skip {
  Listed listed();

  /** @return what the action does, as the listener and the result count it */
  ItemOutcome outcome();

  /**
   * Download the original and write everything: a new item, a replaced original, or a local
   * file that is missing or damaged. Also a video saved from a rendition, to see whether
   * Flickr offers its original now: the fetcher keeps the rendition on disk, unread, while it
   * is still all there is.
   *
   * @param listed the item
   * @param previous its catalog row, or {@code null} if it has none
   * @param renditionOnDisk whether {@code previous} names a rendition that may be kept
   * @param previousPaths album id to path of the previous files, when they hold a rendition
   *     (a new download may leave some of them to delete); else empty
   */
  record Fetch(Listed listed, ItemRow previous, boolean renditionOnDisk, Map<String, String> previousPaths)
      implements Action {
    public Fetch {
      previousPaths = Collections.unmodifiableMap(new LinkedHashMap<>(previousPaths));
    }

    /** A plain fetch. */
    Fetch(Listed listed, ItemRow previous) {
      this(listed, previous, false, Map.of());
    }

    @Override
    public ItemOutcome outcome() {
      return previous == null || !previous.done() || previous.primaryPath() == null
          ? ItemOutcome.DOWNLOADED : ItemOutcome.UPDATED;
    }
  }

  /**
   * The media file is current; rewrite the metadata and put the links right: Flickr's
   * metadata changed, album membership or paths changed, or a metadata file is missing.
   *
   * @param listed the item
   * @param previous its catalog row
   * @param paths where its files go now
   * @param moved whether the home path differs from the recorded one (re-link it from there)
   * @param substitute what the file holds instead of the original (a kept rendition), or null
   */
  record Refresh(Listed listed, ItemRow previous, ItemPaths paths, boolean moved, MediaVariant substitute)
      implements Action {
    @Override
    public ItemOutcome outcome() {
      return ItemOutcome.METADATA_ONLY;
    }
  }

  /**
   * Nothing to do.
   *
   * @param listed the item
   * @param substitute what its file holds instead of the original (a kept rendition), or null
   */
  record Skip(Listed listed, MediaVariant substitute) implements Action {
    Skip(Listed listed) {
      this(listed, null);
    }

    @Override
    public ItemOutcome outcome() {
      return ItemOutcome.UNCHANGED;
    }
  }
}
