package io.github.flickrbackup;

import io.github.flickrbackup.source.PhotoId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a run did. A run that finished with failed items is not an exception: check
 * {@link #complete()} (the CLI exits with status 2 when it is false). Items backed up with a
 * {@link #warnings() warning} (e.g. a video saved from a rendition) count as done.
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
 * @param warnings items backed up, but not quite as asked (e.g. not the original), with reasons
 * @param planned dry run only: items that would be fetched
 * @param bytes media bytes downloaded (dry run: bytes that would be)
 * @param apiCalls Flickr API calls made
 * @param elapsed wall time
 */
public record BackupResult(
    boolean dryRun,
    int listed,
    int downloaded,
    int updated,
    int metadataOnly,
    int unchanged,
    List<ItemFailure> failures,
    List<ItemWarning> warnings,
    List<PhotoId> planned,
    long bytes,
    long apiCalls,
    Duration elapsed) {

  /** Validates the counts and copies the lists. */
  public BackupResult {
    if (listed < 0 || downloaded < 0 || updated < 0 || metadataOnly < 0 || unchanged < 0
        || bytes < 0 || apiCalls < 0) {
      throw new IllegalArgumentException("negative count in result");
    }
    failures = List.copyOf(failures);
    warnings = List.copyOf(warnings);
    planned = List.copyOf(planned);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /**
   * A result without warnings.
   *
   * @param dryRun whether this was a dry run
   * @param listed items listed
   * @param downloaded items fetched for the first time
   * @param updated items fetched again
   * @param metadataOnly items whose metadata alone was rewritten
   * @param unchanged items left as they were
   * @param failures items that failed
   * @param planned dry run only: items that would be fetched
   * @param bytes media bytes downloaded
   * @param apiCalls Flickr API calls made
   * @param elapsed wall time
   */
  public BackupResult(boolean dryRun, int listed, int downloaded, int updated, int metadataOnly, int unchanged,
      List<ItemFailure> failures, List<PhotoId> planned, long bytes, long apiCalls, Duration elapsed) {
    this(dryRun, listed, downloaded, updated, metadataOnly, unchanged, failures, List.of(), planned, bytes,
        apiCalls, elapsed);
  }

  /** @return the number of failed items */
  public int failed() {
    return failures.size();
  }

  /** @return true if every item was backed up (no failures; warnings do not count) */
  public boolean complete() {
    return failures.isEmpty();
  }
}
