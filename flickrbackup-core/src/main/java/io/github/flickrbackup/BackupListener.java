package io.github.flickrbackup;

import io.github.flickrbackup.source.PhotoId;
import java.time.Duration;

/**
 * Hears what a run does, for progress bars and logs. Every method does nothing by default,
 * so a listener overrides only what it needs.
 *
 * <p>Events of one run nest like this: {@code runStarted}, then for each item
 * {@code itemStarted}, any number of {@code bytesReceived} and {@code retrying}, and exactly
 * one of {@code itemFinished} or {@code itemFailed}; {@code listingFinished} once the listing
 * is complete (items may already be downloading); and {@code runFinished} last. Item events
 * come from several download threads at once, so implementations must be thread-safe.
 * A listener must not throw and should return quickly: it runs on the download threads.
 *
 * <pre>{@code
 * BackupListener printIds = new BackupListener() {
 *   @Override public void itemFinished(PhotoId id, ItemOutcome outcome) {
 *     System.out.println(id);
 *   }
 * };
 * }</pre>
 */
public interface BackupListener {
  /** A listener that ignores everything. */
  BackupListener NONE = new BackupListener() {};

  /**
   * The run has taken its lock and starts listing.
   *
   * @param plan the plan being run
   */
  default void runStarted(BackupPlan plan) {}

  /**
   * The listing is complete.
   *
   * @param itemsListed items listed
   * @param itemsToProcess items that need work (download, metadata, links)
   */
  default void listingFinished(int itemsListed, int itemsToProcess) {}

  /**
   * Work on an item starts.
   *
   * @param id the item
   * @param expectedBytes bytes to download, or -1 if unknown or nothing to download
   */
  default void itemStarted(PhotoId id, long expectedBytes) {}

  /**
   * Media bytes arrived.
   *
   * @param id the item
   * @param bytes bytes received since the last call
   */
  default void bytesReceived(PhotoId id, long bytes) {}

  /**
   * Something failed and will be tried again.
   *
   * @param what what is retried, e.g. {@code "flickr.photos.getInfo"} or {@code "download 1001"}
   * @param attempt the attempt that failed, from 1
   * @param delay the wait before the next attempt
   * @param cause why it failed
   */
  default void retrying(String what, int attempt, Duration delay, Throwable cause) {}

  /**
   * An item is done.
   *
   * @param id the item
   * @param outcome what was done
   */
  default void itemFinished(PhotoId id, ItemOutcome outcome) {}

  /**
   * An item failed; it stays pending for the next run.
   *
   * @param failure the item and why
   */
  default void itemFailed(ItemFailure failure) {}

  /**
   * A warning worth a user's attention (for example a stale web session).
   *
   * @param message one line
   */
  default void warning(String message) {}

  /**
   * The run is over.
   *
   * @param result what it did
   */
  default void runFinished(BackupResult result) {}
}
