package io.github.flickrbackup;

import io.github.flickrbackup.source.PhotoId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link FlickrBackup#seedFromExport} did. Nothing is guessed: an id without a file,
 * a file without an id, and a file that names two ids are listed here, never placed. The next
 * run downloads every item the export lacked.
 *
 * @param seeded items placed in the destination (media file, metadata file, catalog row)
 * @param bytes media bytes written
 * @param exportDate the export's date the next run compares Flickr's {@code lastupdate} with
 * @param alreadyPresent items the destination already had (a catalog row or a file at their
 *     place); left as they were
 * @param withoutMedia items the export has metadata for but no media file (Flickr's exports
 *     miss some videos); the next run downloads them
 * @param unmatched media files that could not be given an id, with the reason
 * @param elapsed wall time
 */
public record SeedResult(int seeded, long bytes, Instant exportDate, List<PhotoId> alreadyPresent,
    List<PhotoId> withoutMedia, List<Unmatched> unmatched, Duration elapsed) {
  /**
   * A file of the export that was not placed.
   *
   * @param file where it is: {@code zip!name}, or the file's path in an unpacked folder
   * @param reason why, for people
   */
  public record Unmatched(String file, String reason) {
    /**
     * Validates the values.
     *
     * @param file where it is
     * @param reason why it was not placed
     */
    public Unmatched {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Validates the counts and copies the lists.
   *
   * @param seeded items placed
   * @param bytes media bytes written
   * @param exportDate the export's date
   * @param alreadyPresent items the destination already had
   * @param withoutMedia items with metadata but no media file
   * @param unmatched media files not placed, with reasons
   * @param elapsed wall time
   */
  public SeedResult {
    if (seeded < 0 || bytes < 0) {
      throw new IllegalArgumentException("negative count in seed result");
    }
    Objects.requireNonNull(exportDate, "exportDate");
    alreadyPresent = List.copyOf(alreadyPresent);
    withoutMedia = List.copyOf(withoutMedia);
    unmatched = List.copyOf(unmatched);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** @return whether every item of the export had exactly one media file and every media file an id */
  public boolean complete() {
    return withoutMedia.isEmpty() && unmatched.isEmpty();
  }
}
