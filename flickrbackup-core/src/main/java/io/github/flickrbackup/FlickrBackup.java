package io.github.flickrbackup;

import io.github.flickrbackup.internal.plan.Engine;
import io.github.flickrbackup.internal.plan.FindMissing;
import io.github.flickrbackup.internal.plan.Seeder;
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

  /**
   * Seeds a destination from Flickr's own data export ("Request my Flickr data"), so that an
   * account need not be downloaded again: reads the export's metadata ({@code photo_<id>.json},
   * {@code albums.json}), matches each media file to its id by name, and places it where a run
   * would (same folders and names), with its {@code .txt} metadata and its catalog row, marked
   * "from export". Zip entries are streamed into the destination's atomic writes: nothing is
   * unpacked to a temporary folder. Items the destination already has are left alone.
   *
   * <p>The export carries no {@code lastupdate} and no original secret, so the next
   * {@link #run} checks every seeded item against Flickr's listing (see {@link SeedChecks}) and
   * downloads what the export lacked or what changed after it. Needs no network and no key.
   *
   * @param options the export and the destination
   * @return what was placed, and what could not be (ids without a file, files without an id)
   * @throws StoreException if the destination cannot be written, or a run holds it
   * @throws BackupException if the export cannot be read (not a zip or folder, no
   *     {@code photo_<id>.json} in it, no date to be found)
   */
  public static SeedResult seedFromExport(SeedOptions options) throws BackupException {
    return Seeder.seed(options);
  }
}
