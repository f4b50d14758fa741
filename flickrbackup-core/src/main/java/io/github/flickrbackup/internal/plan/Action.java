package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.ItemOutcome;
import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;

/**
 * What the planner decided to do with one listed item. Further kinds (a mirror's delete, a
 * verify-only pass) join here, each with its own handling in the engine.
 */
sealed interface Action permits Action.Fetch, Action.Refresh, Action.Skip {
  Listed listed();

  /** @return what the action does, as the listener and the result count it */
  ItemOutcome outcome();

  /**
   * Download the original and write everything: a new item, a replaced original, or a local
   * file that is missing or damaged.
   *
   * @param listed the item
   * @param previous its catalog row, or {@code null} if it has none
   */
  record Fetch(Listed listed, ItemRow previous) implements Action {
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
   */
  record Refresh(Listed listed, ItemRow previous, ItemPaths paths, boolean moved) implements Action {
    @Override
    public ItemOutcome outcome() {
      return ItemOutcome.METADATA_ONLY;
    }
  }

  /**
   * Nothing to do.
   *
   * @param listed the item
   */
  record Skip(Listed listed) implements Action {
    @Override
    public ItemOutcome outcome() {
      return ItemOutcome.UNCHANGED;
    }
  }
}
