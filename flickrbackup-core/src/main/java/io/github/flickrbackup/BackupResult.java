package io.github.flickrbackup;

import io.github.flickrbackup.source.PhotoId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run did. A run that finished with failed items, or whose listing could not be
 * confirmed complete, is not an exception: check {@link #complete()} (the CLI exits with a
 * non-zero status when it is false) and {@link #warnings()}. Items backed up with an
 * {@link #itemWarnings() item warning} (e.g. a video saved from a rendition) count as done.
 *
 * <p>A run that a fatal error stopped (a refused token, a full disk, Flickr failing beyond
 * its retries) throws that error from {@link FlickrBackup#run}; its listener still hears
 * {@link BackupListener#runFinished} with a result whose {@link #stoppedBy()} holds the same
 * exception and whose counts say what was done before it stopped. Such a run is never
 * {@link #complete()}, and it does not move the high-water mark.
 *
 * <pre>{@code
 * BackupResult r = FlickrBackup.run(plan);
 * System.out.printf("%d new, %d failed, %d API calls%n", r.downloaded(), r.failed(), r.apiCalls());
 * }</pre>
 *
 * @param dryRun whether this was a dry run (nothing fetched or written)
 * @param listed items listed by Flickr
 * @param downloaded items fetched for the first time
 * @param updated items fetched again: their original changed, or appeared where a rendition was saved
 * @param metadataOnly items whose metadata alone was rewritten
 * @param unchanged items left as they were
 * @param failures items that failed, with reasons; they stay pending
 * @param itemWarnings items backed up, but not quite as asked (e.g. not the original), with reasons
 * @param planned dry run only: items that would be fetched
 * @param bytes media bytes downloaded (dry run: bytes that would be)
 * @param apiCalls Flickr API calls made
 * @param elapsed wall time
 * @param warnings what a user should know about the run that is not about one item, in the order
 *     it happened: a listing that changed while paging and was listed again, an item Flickr listed
 *     with an id too broken to name, a listing that could not be confirmed complete
 * @param listingComplete whether the listing was confirmed complete: every item Flickr reported
 *     was listed and none was refused. When false, some items may not have been seen, so the
 *     high-water mark did not move and the next run lists them again. Always true for explicit ids.
 * @param stoppedBy the fatal error that stopped the run, or empty if it ran to its end
 * @param seedChecks what the run decided about items seeded from Flickr's data export; {@link
 *     SeedChecks#NONE} when it met none
 * @param mirror what mirroring moved, or {@link MirrorOutcome#NOT_REQUESTED}
 */
public record BackupResult(
    boolean dryRun,
    int listed,
    int downloaded,
    int updated,
    int metadataOnly,
    int unchanged,
    List<ItemFailure> failures,
    List<ItemWarning> itemWarnings,
    List<PhotoId> planned,
    long bytes,
    long apiCalls,
    Duration elapsed,
    List<String> warnings,
    boolean listingComplete,
    Optional<BackupException> stoppedBy,
    SeedChecks seedChecks,
    MirrorOutcome mirror) {

  /**
   * Validates the counts and copies the lists.
   *
   * @param dryRun whether this was a dry run (nothing fetched or written)
   * @param listed items listed by Flickr
   * @param downloaded items fetched for the first time
   * @param updated items whose original changed and was fetched again
   * @param metadataOnly items whose metadata alone was rewritten
   * @param unchanged items left as they were
   * @param failures items that failed, with reasons; they stay pending
   * @param itemWarnings items backed up, but not quite as asked, with reasons
   * @param planned dry run only: items that would be fetched
   * @param bytes media bytes downloaded (dry run: bytes that would be)
   * @param apiCalls Flickr API calls made
   * @param elapsed wall time
   * @param warnings what a user should know about the run that is not about one item
   * @param listingComplete whether the listing was confirmed complete
   * @param stoppedBy the fatal error that stopped the run, or empty if it ran to its end
   * @param seedChecks what the run decided about items seeded from Flickr's data export
   * @param mirror what mirroring moved, or {@link MirrorOutcome#NOT_REQUESTED}
   */
  public BackupResult {
    if (listed < 0 || downloaded < 0 || updated < 0 || metadataOnly < 0 || unchanged < 0
        || bytes < 0 || apiCalls < 0) {
      throw new IllegalArgumentException("negative count in result");
    }
    failures = List.copyOf(failures);
    itemWarnings = List.copyOf(itemWarnings);
    planned = List.copyOf(planned);
    Objects.requireNonNull(elapsed, "elapsed");
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(stoppedBy, "stoppedBy (Optional.empty() for a run that ran to its end)");
    Objects.requireNonNull(seedChecks, "seedChecks (SeedChecks.NONE when no seeded item was met)");
    Objects.requireNonNull(mirror, "mirror (MirrorOutcome.NOT_REQUESTED when not mirroring)");
  }

  /**
   * A result without seeded items ({@link SeedChecks#NONE}) and without mirroring
   * ({@link MirrorOutcome#NOT_REQUESTED}): the shape before those existed.
   *
   * @param dryRun whether this was a dry run (nothing fetched or written)
   * @param listed items listed by Flickr
   * @param downloaded items fetched for the first time
   * @param updated items whose original changed and was fetched again
   * @param metadataOnly items whose metadata alone was rewritten
   * @param unchanged items left as they were
   * @param failures items that failed, with reasons; they stay pending
   * @param itemWarnings items backed up, but not quite as asked, with reasons
   * @param planned dry run only: items that would be fetched
   * @param bytes media bytes downloaded (dry run: bytes that would be)
   * @param apiCalls Flickr API calls made
   * @param elapsed wall time
   * @param warnings what a user should know about the run that is not about one item
   * @param listingComplete whether the listing was confirmed complete
   * @param stoppedBy the fatal error that stopped the run, or empty if it ran to its end
   */
  public BackupResult(boolean dryRun, int listed, int downloaded, int updated, int metadataOnly, int unchanged,
      List<ItemFailure> failures, List<ItemWarning> itemWarnings, List<PhotoId> planned, long bytes, long apiCalls,
      Duration elapsed, List<String> warnings, boolean listingComplete, Optional<BackupException> stoppedBy) {
    this(dryRun, listed, downloaded, updated, metadataOnly, unchanged, failures, itemWarnings, planned, bytes,
        apiCalls, elapsed, warnings, listingComplete, stoppedBy, SeedChecks.NONE, MirrorOutcome.NOT_REQUESTED);
  }

  /**
   * The result of a run that ran to its end ({@link #stoppedBy()} empty), without warnings and
   * with a complete listing (the shape before warnings and stopped runs existed).
   *
   * @param dryRun whether this was a dry run
   * @param listed items listed by Flickr
   * @param downloaded items fetched for the first time
   * @param updated items whose original changed and was fetched again
   * @param metadataOnly items whose metadata alone was rewritten
   * @param unchanged items left as they were
   * @param failures items that failed, with reasons
   * @param planned dry run only: items that would be fetched
   * @param bytes media bytes downloaded
   * @param apiCalls Flickr API calls made
   * @param elapsed wall time
   */
  public BackupResult(boolean dryRun, int listed, int downloaded, int updated, int metadataOnly, int unchanged,
      List<ItemFailure> failures, List<PhotoId> planned, long bytes, long apiCalls, Duration elapsed) {
    this(dryRun, listed, downloaded, updated, metadataOnly, unchanged, failures, List.of(), planned, bytes,
        apiCalls, elapsed, List.of(), true, Optional.empty(), SeedChecks.NONE, MirrorOutcome.NOT_REQUESTED);
  }

  /** @return the number of failed items */
  public int failed() {
    return failures.size();
  }

  /** @return true if a fatal error stopped the run before its end (see {@link #stoppedBy()}) */
  public boolean stopped() {
    return stoppedBy.isPresent();
  }

  /**
   * @return true if the run ran to its end and every item was backed up: no failures, and a
   *     listing confirmed complete (warnings of either kind do not count)
   */
  public boolean complete() {
    return failures.isEmpty() && listingComplete && stoppedBy.isEmpty();
  }
}
