package io.github.flickrbackup.cli;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.source.PhotoSource;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The one binder from command-line options to a {@link BackupPlan}: everything the command line
 * can ask of a backup is a plan any Java caller could build.
 */
final class Plans {
  private Plans() {}

  /**
   * The plan for these options.
   *
   * @param destination the destination folder (the option's, or the demo's temporary folder)
   * @param source where items come from
   * @param writers the metadata writers
   * @param listener who hears progress
   * @param zone the zone {@code --from} dates are read in
   * @throws CliException when the id file of {@code -d} cannot be used
   */
  static BackupPlan from(BackupOptions o, Path destination, PhotoSource source, List<MetadataWriter> writers,
      BackupListener listener, ZoneId zone) throws CliException {
    BackupPlan.Builder plan = BackupPlan.builder()
        .source(source)
        .destination(destination)
        .selection(selection(o, zone))
        .storeOnce(o.storeOnce)
        .keepExisting(o.keepExisting)
        .dryRun(o.dryRun)
        .retries(o.retry)
        .errorFile(o.errorFile == null ? null : o.errorFile.toAbsolutePath())
        .metadataWriters(writers)
        .listener(listener);
    if (o.mirror) {
      plan.mirror(true).attic(o.attic == null ? null : o.attic.toAbsolutePath());
      if (o.maxDelete != null) {
        plan.maxDelete(o.maxDelete);
      }
    }
    if (o.singleThreaded) {
      plan.threads(1);
    } else if (o.threads != null) {
      plan.threads(o.threads);
    }
    return plan.build();
  }

  /** Which items: the mode, combined with {@code --favorites}. */
  static Selection selection(BackupOptions o, ZoneId zone) throws CliException {
    if (o.mode.download != null) {
      return Selection.ids(IdFile.read(o.mode.download));
    }
    if (o.mode.from != null) {
      Instant since = o.mode.from.atStartOfDay(zone).toInstant();
      return o.favorites ? Selection.favoritesSince(since) : Selection.updatedSince(since);
    }
    if (o.mode.demo) {
      return o.favorites ? Selection.favoritesSince(Instant.EPOCH) : Selection.updatedSince(Instant.EPOCH);
    }
    return o.favorites ? Selection.favorites() : Selection.sinceLastRun();
  }
}
