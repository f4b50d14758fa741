package io.github.flickrbackup;

/** What a run did with one item. */
public enum ItemOutcome {
  /** Media and metadata were fetched for the first time. */
  DOWNLOADED,
  /** The original changed on Flickr (or appeared where a rendition had been saved) and was fetched again. */
  UPDATED,
  /** Only metadata changed; metadata files were rewritten, no media bytes fetched. */
  METADATA_ONLY,
  /** Nothing changed (or kept as it was because of keep-existing). */
  UNCHANGED,
  /** The item failed; see {@link BackupResult#failures()}. */
  FAILED,
  /** Dry run: the item would be fetched. */
  PLANNED
}
