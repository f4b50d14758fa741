package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.ItemFailure;
import io.github.flickrbackup.MirrorOutcome;
import io.github.flickrbackup.SeedChecks;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.StoreException;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.plan.ItemRecorder.Tally;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.PendingWrite;
import io.github.flickrbackup.store.StorePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Stage 7: records the run as a whole. At the start, a {@code runs} row with the run's mode
 * and where its listing starts (so that a run after an interrupted one can continue it). At
 * the end: the high-water mark, but only after a complete listing with no fatal error, and
 * never behind the old one (the highest {@code lastupdate} Flickr reported, never the local
 * clock; the start of a complete listing that found nothing); the {@code .stamp} with its
 * date, so that the Python tool could continue; failed ids appended to the error file (the
 * format {@code -d} reads); the run's outcome in its {@code runs} row; and the
 * {@link BackupResult}, which the listener hears as {@code runFinished} also when a fatal
 * error stopped the run, just before that error is thrown.
 */
final class RunRecorder {
  private final BackupPlan plan;
  private final Selection selection;
  private final Catalog catalog;
  private final MediaStore store;
  private final boolean favorites;
  private final Instant started = Instant.now();
  private long runId = -1;

  /**
   * @param selection the selection the run lists (the plan's, or the one it continues)
   */
  RunRecorder(BackupPlan plan, Selection selection, Catalog catalog, MediaStore store) {
    this.plan = plan;
    this.selection = selection;
    this.catalog = catalog;
    this.store = store;
    this.favorites = selection instanceof Selection.Favorites;
  }

  /**
   * Records the start (not in a dry run) and tells the listener.
   *
   * @param since where the listing starts
   */
  void started(Instant since) throws SQLException {
    if (!plan.dryRun()) {
      runId = catalog.runStarted(started, mode(), selection instanceof Selection.Ids ? null : since);
    }
    plan.listener().runStarted(plan);
  }

  /** How the listing went: what the high-water mark and the result need to know. */
  record Listing(int listed, boolean complete, boolean confirmed, List<String> warnings, Instant since,
      Optional<Instant> highWater) {}

  /**
   * Records the end of a run and tells the listener.
   *
   * @param listing how the listing went
   * @param tally what the item recorder recorded
   * @param seeds what was decided about items seeded from Flickr's export
   * @param stop the fatal error that stopped the run, if any; it is thrown after recording
   * @param unexpected an unexpected error that stopped the run, thrown after recording, or null
   * @param mirror what mirroring moved
   * @return the result
   * @throws BackupException the fatal error, or a failure to record the end
   */
  BackupResult finished(Listing listing, Tally tally, SeedChecks seeds, StopSignal stop, RuntimeException unexpected,
      MirrorOutcome mirror) throws BackupException {
    Instant mark = null;
    if (!stop.stopped() && listing.complete() && !plan.dryRun() && !(selection instanceof Selection.Ids)) {
      try {
        // A complete listing that found nothing still covers everything since its start:
        // recording that as the mark lets the next plain run start there instead of asking.
        mark = moveMark(listing.highWater().orElse(listing.since()));
      } catch (SQLException e) {
        stop.stop(Failures.catalogFailure(plan.stateDirectory(), e));
      } catch (IOException e) {
        stop.stop(new StoreException("cannot write the .stamp: " + e.getMessage(), e));
      }
    }
    List<ItemFailure> failed = tally.failures();
    if (!plan.dryRun() && !failed.isEmpty() && plan.errorFile().isPresent()) {
      try {
        appendErrorFile(plan.errorFile().get(), failed);
      } catch (StoreException e) {
        stop.stop(e);
      }
    }
    long apiCalls = plan.source().apiCalls();
    if (!plan.dryRun()) {
      Optional<BackupException> reason = stop.reason();
      try {
        catalog.runFinished(runId, Instant.now(), mark, apiCalls, tally.bytes(),
            reason.isPresent() ? "fatal: " + reason.get().getMessage()
                : !listing.confirmed() ? Catalog.LISTING_INCOMPLETE : failed.isEmpty() ? "complete" : "partial");
      } catch (SQLException e) {
        stop.stop(Failures.catalogFailure(plan.stateDirectory(), e));
      }
    }
    Optional<BackupException> reason = stop.reason();
    BackupResult result = new BackupResult(plan.dryRun(), listing.listed(), tally.downloaded(), tally.updated(),
        tally.metadataOnly(), tally.unchanged(), failed, tally.itemWarnings(), tally.planned(), tally.bytes(),
        apiCalls, Duration.between(started, Instant.now()), listing.warnings(), listing.confirmed(), reason,
        seeds, mirror);
    plan.listener().runFinished(result);
    if (unexpected != null) {
      throw unexpected;
    }
    if (reason.isPresent()) {
      throw reason.get();
    }
    return result;
  }

  private Instant moveMark(Instant highWater) throws SQLException, IOException {
    String key = favorites ? "favorites" : "own";
    Instant old = catalog.mark(key).orElse(Instant.EPOCH);
    Instant mark = highWater;
    if (mark.isAfter(old)) {
      catalog.setMark(key, mark);
    } else {
      mark = old;
    }
    if (!favorites) {
      writeStamp(mark);
    }
    return mark;
  }

  private void writeStamp(Instant mark) throws IOException {
    String date = mark.atZone(ZoneOffset.UTC).toLocalDate().toString();
    StorePath stamp = StorePath.of(".stamp");
    try (PendingWrite w = store.create(stamp)) {
      w.stream().write(date.getBytes(StandardCharsets.UTF_8));
      w.commit();
    }
    store.sync(List.of(stamp));
  }

  private static void appendErrorFile(Path file, List<ItemFailure> failed) throws StoreException {
    StringBuilder b = new StringBuilder();
    for (ItemFailure f : failed) {
      b.append(f.id().value()).append('\n');
    }
    try {
      Files.writeString(file, b, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new StoreException("cannot append to the error file " + file + ": " + e.getMessage(), e);
    }
  }

  /** @return the run's row in the catalog, or -1 (a dry run records none) */
  long runId() {
    return runId;
  }

  private String mode() {
    return selection instanceof Selection.Favorites ? "favorites" : selection instanceof Selection.Ids ? "ids" : "own";
  }
}
