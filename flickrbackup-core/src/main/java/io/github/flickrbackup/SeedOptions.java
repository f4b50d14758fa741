package io.github.flickrbackup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FlickrBackup#seedFromExport} seeds from, and where to.
 *
 * <pre>{@code
 * SeedResult r = FlickrBackup.seedFromExport(SeedOptions.of(Path.of("/backup/flickr"),
 *     List.of(Path.of("~/Downloads/72157_abc_part1.zip"), Path.of("~/Downloads/data-download-1.zip"))));
 * }</pre>
 *
 * @param exports the export's zip files and the folders zips were unpacked into, in any mix
 *     and order; at least one
 * @param destination the backup folder (created if needed); its catalog lives in
 *     {@code .flickrbackup/} inside it
 * @param exportDate when the export was made; items changed on Flickr after it are fetched
 *     again by the next run. Empty: the earliest time of the export's JSON files, less one day
 *     (zip times carry no time zone)
 * @param storeOnce no copies in further albums (as {@link BackupPlan#storeOnce()}); give the
 *     same choice as the runs that will follow, or they re-link every item
 */
public record SeedOptions(List<Path> exports, Path destination, Optional<Instant> exportDate, boolean storeOnce) {
  /**
   * Validates the options and copies the list.
   *
   * @param exports the export's zip files and unpacked folders; at least one
   * @param destination the backup folder
   * @param exportDate when the export was made, or empty to take it from the export's files
   * @param storeOnce no copies in further albums
   */
  public SeedOptions {
    Objects.requireNonNull(exports, "exports");
    if (exports.isEmpty()) {
      throw new IllegalArgumentException("no export given: name the export's zip files or the folders they were"
          + " unpacked into");
    }
    exports = List.copyOf(exports);
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(exportDate, "exportDate (Optional.empty() to take it from the export's files)");
  }

  /**
   * Options with the defaults: the export's date from its files, copies in further albums.
   *
   * @param destination the backup folder
   * @param exports the export's zip files and unpacked folders
   * @return the options
   */
  public static SeedOptions of(Path destination, List<Path> exports) {
    return new SeedOptions(exports, destination, Optional.empty(), false);
  }
}
