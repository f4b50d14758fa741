package io.github.flickrbackup;

import io.github.flickrbackup.source.PhotoId;
import java.time.Duration;

/**
 * Hears what a run does, for progress bars and logs. Every method does nothing by default,
 * so a listener overrides only what it needs.
 *
 * <p>Events of one run nest like this:
 * <ul>
 *   <li>{@code runStarted} first. A run that cannot start (another run holds the destination,
 *       the destination is not writable, no start date is known) throws from
 *       {@link FlickrBackup#run} without sending any event.
 *   <li>For each item the run works on: {@code itemStarted}, then any number of
 *       {@code bytesReceived} and {@code retrying}, then exactly one of {@code itemFinished} or
 *       {@code itemFailed}. An item that a retry pass ({@link BackupPlan#retries()}) tries again
 *       goes through this sequence again. For an item that is downloaded, {@code itemStarted}
 *       comes when its media response arrives, so that it can say how many bytes follow.
 *   <li>{@code listingFinished} once the listing is complete (items may already be
 *       downloading).
 *   <li>{@code runFinished} last, exactly once for every run that sent {@code runStarted},
 *       also when a fatal error stops the run: its result's {@link BackupResult#stoppedBy()}
 *       then holds the exception that {@link FlickrBackup#run} throws right after.
 * </ul>
 * {@code warning}, and the {@code retrying} events of a source's own API calls, may come at
 * any time between {@code runStarted} and {@code runFinished}. Item events come from several
 * download threads at once, so implementations must be thread-safe. A listener must not throw
 * and should return quickly: it runs on the download threads.
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
   * The run has taken its lock, knows where to start, and starts listing.
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
   * Work on an item starts. When the item is downloaded, this comes once the media response
   * has arrived (before any of its bytes), so that its length is known.
   *
   * @param id the item
   * @param expectedBytes the media bytes the download brings (the response's
   *     {@code Content-Length}); {@code 0} when nothing is downloaded (only metadata is
   *     rewritten, the item is unchanged, or a dry run plans it); {@code -1} only when it is
   *     unknown: the server announced no length, or the item failed before a media response
   *     arrived
   */
  default void itemStarted(PhotoId id, long expectedBytes) {}

  /**
   * Media bytes arrived.
   *
   * @param id the item
   * @param bytes bytes received since the last call; over an item they add up to its
   *     {@code expectedBytes}, or more when a broken download was tried again
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
   * The run is over: it ran to its end, or a fatal error stopped it
   * ({@link BackupResult#stopped()}).
   *
   * @param result what it did; for a stopped run, what it did before it stopped and why it
   *     stopped ({@link BackupResult#stoppedBy()})
   */
  default void runFinished(BackupResult result) {}
}
