package io.github.flickrbackup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FlickrBackup#verify} or {@link FlickrBackup#repair} found and did.
 *
 * <pre>{@code
 * VerifyResult r = FlickrBackup.verify(plan);
 * if (!r.whole()) {
 *   r.remaining().forEach(p -> System.out.println(p.kind() + " " + p.path()));
 * }
 * }</pre>
 *
 * @param items items whose files were checked
 * @param files files read (media, copies) or looked at (metadata)
 * @param bytes media bytes read and hashed
 * @param elapsed wall time, the repair and the report included
 * @param found the problems found by the first pass, ordered by path
 * @param repair the backup run that repaired them, for {@link FlickrBackup#repair} when there
 *     was anything to repair; else empty
 * @param remaining the problems left: {@code found} without a repair, else what checking the
 *     repaired items again found, plus the unknown files (a repair never touches them)
 * @param report the completeness report written beside the catalog, if Flickr could be asked
 */
public record VerifyResult(long items, long files, long bytes, Duration elapsed, List<VerifyProblem> found,
    Optional<BackupResult> repair, List<VerifyProblem> remaining, Optional<CompletenessReport> report) {
  /**
   * Validates the result.
   *
   * @param items items whose files were checked
   * @param files files read or looked at
   * @param bytes media bytes read
   * @param elapsed wall time
   * @param found the problems found first
   * @param repair the repairing run, if any
   * @param remaining the problems left
   * @param report the completeness report, if any
   */
  public VerifyResult {
    if (items < 0 || files < 0 || bytes < 0) {
      throw new IllegalArgumentException("negative count in verify result");
    }
    Objects.requireNonNull(elapsed, "elapsed");
    found = List.copyOf(found);
    Objects.requireNonNull(repair, "repair");
    remaining = List.copyOf(remaining);
    Objects.requireNonNull(report, "report");
  }

  /** @return whether nothing is wrong (after the repair, for {@link FlickrBackup#repair}) */
  public boolean whole() {
    return remaining.isEmpty();
  }

  /**
   * Counts the first pass's problems of one kind.
   *
   * @param kind the kind
   * @return how many problems of that kind the first pass found
   */
  public long count(VerifyProblem.Kind kind) {
    return found.stream().filter(p -> p.kind() == kind).count();
  }
}
