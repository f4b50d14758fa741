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
 *   <li>While albums are read, {@code albumsRead} as each album's members arrive (not on a run
 *       whose albums did not change).
 *   <li>{@code itemsExpected} as soon as the run can tell how many items it will report: from
 *       the listing's first page, before its items are handed on; again when that figure
 *       changes (the listing changed while it was paged; the listing ended and the items left
 *       pending by earlier runs are counted exactly).
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
 * {@code warning}, {@code waiting}, and the {@code retrying} events of a source's own API calls,
 * may come at any time between {@code runStarted} and {@code runFinished}. Item events come from several
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
   * Album membership is being read ({@code photosets.getPhotos} for every album that changed
   * since the last run, several at a time): {@code done} of {@code total} albums are known.
   * Comes first with {@code done == 0}, then once per album, from the listing's threads. Items
   * are handed on only once every album is known, since an item's folder is its first
   * album's. Must not throw.
   *
   * @param done albums whose members have arrived
   * @param total albums whose members are read in this run
   */
  default void albumsRead(int done, int total) {}

  /**
   * How many items this run expects to report ({@code itemFinished} or {@code itemFailed},
   * once each, retry passes not counted), for a progress display: the {@code total} of the
   * listing's first page (Flickr's count of the items updated since the last run, or of every
   * item on a first run) plus the items that earlier runs left pending and that this run looks
   * up by id; the number of ids for an explicit list. It comes as soon as the first listing
   * page has arrived, long before the listing ends, and again whenever the figure changes:
   * Flickr's total moved while the listing was paged, or the listing ended and the figure is
   * now exact (pending items that the listing also held are counted once). It is an estimate
   * until then: a run may report a few items more or fewer. Must not throw.
   *
   * @param items the items expected, {@code >= 0}
   */
  default void itemsExpected(int items) {}

  /**
   * The run waits before it can go on, and is not stuck: a source's API calls wait for its
   * rate limiter (the hourly budget of calls), or Flickr asked it to slow down (HTTP 429 with
   * {@code Retry-After}). Comes before the wait, from the thread that waits; several threads
   * may wait at once. Back-offs before retrying a failed call are reported by
   * {@link #retrying}, with their delay. Must not throw.
   *
   * @param wait how long the wait is expected to last
   * @param reason what is waited for, for people, e.g. {@code "Flickr's rate limit"}
   */
  default void waiting(Duration wait, String reason) {}

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
