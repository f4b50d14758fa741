package io.github.flickrbackup;

import io.github.flickrbackup.internal.plan.Engine;
import io.github.flickrbackup.internal.plan.FindMissing;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs backups. The one entry point of the engine: build a {@link BackupPlan}, run it, read
 * the {@link BackupResult}.
 *
 * <pre>{@code
 * BackupResult result = FlickrBackup.run(BackupPlan.builder()
 *     .source(source)
 *     .destination(Path.of("/backup/flickr"))
 *     .selection(Selection.sinceLastRun())
 *     .build());
 * if (!result.complete()) {
 *   result.failures().forEach(f -> System.err.println(f.id() + ": " + f.kind().hint()));
 * }
 * }</pre>
 */
public final class FlickrBackup {
  private FlickrBackup() {}

  /**
   * Runs a backup: takes the destination's lock, lists, downloads what changed, writes
   * metadata, records everything in the catalog and moves the high-water mark.
   *
   * @param plan what to do
   * @return what was done; failed items are in {@link BackupResult#failures()}
   * @throws AuthenticationException if Flickr refuses the credentials (the run stops at once)
   * @throws StoreException if the destination cannot be written, or another run holds it
   * @throws SourceException if Flickr keeps failing after retries
   * @throws NoEarlierRunException if the selection is {@link Selection#sinceLastRun()} and no
   *     run has finished in the destination
   * @throws BackupException if the run cannot start for another reason
   */
  public static BackupResult run(BackupPlan plan) throws BackupException {
    return Engine.run(plan);
  }

  /**
   * Finds metadata files ({@code ID.EXT.txt}) whose media file is missing, as the Python
   * tool's {@code --find-missing} does, and writes them as CSV with the header
   * {@code Photo ID,URL,Directory}.
   *
   * @param destination the backup folder
   * @param csvOut the CSV file to write (replaced)
   * @return how many media files are missing
   * @throws IOException if the folder cannot be read or the CSV written
   */
  public static int findMissing(Path destination, Path csvOut) throws IOException {
    return FindMissing.run(destination, csvOut);
  }
}
