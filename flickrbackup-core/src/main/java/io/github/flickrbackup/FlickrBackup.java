package io.github.flickrbackup;

import io.github.flickrbackup.internal.plan.Engine;
import io.github.flickrbackup.internal.plan.FindMissing;
import io.github.flickrbackup.internal.plan.Seeder;
import io.github.flickrbackup.internal.verify.ReportFile;
import io.github.flickrbackup.internal.verify.Verification;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

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

  /**
   * Checks a backup against its catalog without changing it: every media file the catalog
   * records (the item's own and each album's copy) is read and its size and SHA-256 compared;
   * metadata files that are missing or no longer describe their item, and files in the layout
   * the catalog does not know, are reported too. Files are read by {@link BackupPlan#threads()}
   * readers, streaming, so memory does not grow with the backup. Then the completeness report
   * is written (see {@link #lastReport}); that asks Flickr one question through the plan's
   * source (a failure there is only a warning).
   *
   * <p>The plan gives the destination (or store and state folder), the metadata writers
   * whose files to expect, the threads, and the listener, which hears
   * {@link BackupListener#listingFinished} with the number of items, then for each item
   * {@link BackupListener#itemStarted}, {@link BackupListener#bytesReceived} as its files are
   * read, and {@link BackupListener#itemFinished} (as {@link ItemOutcome#UNCHANGED}), so a
   * progress display for backups shows a verify too. Its selection is not used.
   *
   * @param plan where and how
   * @return what was found; {@link VerifyResult#whole()} says whether all is well
   * @throws StoreException if the destination has no catalog, cannot be read, or a run holds it
   * @throws BackupException if the verify cannot start for another reason
   */
  public static VerifyResult verify(BackupPlan plan) throws BackupException {
    return Verification.run(plan, false, p -> Engine.run(p, false));
  }

  /**
   * Verifies as {@link #verify} does, then repairs what it found: a missing or damaged media
   * file is fetched again from Flickr through a normal backup run of those items (atomic and
   * hashed, as any download), metadata files are written again, and album copies are linked
   * again (from the item's own file when that is sound, at no API call). Files the catalog
   * does not know are only reported. The repaired items are checked again;
   * {@link VerifyResult#remaining()} lists what is still wrong, and
   * {@link VerifyResult#repair()} holds the run's result (its failures say why an item could
   * not be fetched, e.g. deleted on Flickr).
   *
   * @param plan where and how; its source fetches the damaged items
   * @return what was found, done, and what is left
   * @throws StoreException if the destination has no catalog, cannot be read or written, or a
   *     run holds it
   * @throws AuthenticationException if Flickr refuses the credentials
   * @throws BackupException if the repairing run stops for another reason
   */
  public static VerifyResult repair(BackupPlan plan) throws BackupException {
    return Verification.run(plan, true, p -> Engine.run(p, false));
  }

  /**
   * Reads the completeness report that the last run (or verify) wrote to
   * {@code .flickrbackup/report.json}.
   *
   * @param stateDirectory the state folder: {@code DEST/.flickrbackup}, or
   *     {@link BackupPlan#stateDirectory()}
   * @return the report, or empty if none was written
   * @throws IOException if it cannot be read
   */
  public static Optional<CompletenessReport> lastReport(Path stateDirectory) throws IOException {
    return ReportFile.read(stateDirectory);
  }
}
