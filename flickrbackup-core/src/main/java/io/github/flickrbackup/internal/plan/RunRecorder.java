package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.ItemFailure;
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
 * Stage 7: records the run as a whole. At the start, a {@code runs} row. At the end: the
 * high-water mark, but only after a complete listing with no fatal error, and never behind
 * the old one (the highest {@code lastupdate} Flickr reported, never the local clock); the
 * {@code .stamp} with its date, so that the Python tool could continue; failed ids appended
 * to the error file (the format {@code -d} reads); the run's outcome in its {@code runs}
 * row; and the {@link BackupResult}.
 */
final class RunRecorder {
  private final BackupPlan plan;
  private final Catalog catalog;
  private final MediaStore store;
  private final boolean favorites;
  private final Instant started = Instant.now();
  private long runId = -1;

  RunRecorder(BackupPlan plan, Catalog catalog, MediaStore store) {
    this.plan = plan;
    this.catalog = catalog;
    this.store = store;
    this.favorites = plan.selection() instanceof Selection.Favorites;
  }

  /** Records the start (not in a dry run) and tells the listener. */
  void started() throws SQLException {
    if (!plan.dryRun()) {
      runId = catalog.runStarted(started, mode());
    }
    plan.listener().runStarted(plan);
  }

  /**
   * Records the end of a run.
   *
   * @param listed items listed
   * @param listingComplete whether the listing ran to its end and was confirmed complete
   * @param listingConfirmed whether the source confirmed its listing complete
   * @param warnings the listing's warnings
   * @param highWater the highest {@code lastupdate} (or {@code date_faved}) listed
   * @param tally what the item recorder recorded
   * @param stop the fatal error that stopped the run, if any; it is thrown after recording
   * @return the result
   * @throws BackupException the fatal error, or a failure to record the end
   */
  BackupResult finished(int listed, boolean listingComplete, boolean listingConfirmed, List<String> warnings,
      Optional<Instant> highWater, Tally tally, Optional<BackupException> stop) throws BackupException {
    try {
      Instant mark = null;
      if (stop.isEmpty() && listingComplete && !plan.dryRun() && !(plan.selection() instanceof Selection.Ids)
          && highWater.isPresent()) {
        mark = moveMark(highWater.get());
      }
      List<ItemFailure> failed = tally.failures();
      if (!plan.dryRun() && !failed.isEmpty() && plan.errorFile().isPresent()) {
        appendErrorFile(plan.errorFile().get(), failed);
      }
      long apiCalls = plan.source().apiCalls();
      BackupResult result = new BackupResult(plan.dryRun(), listed, tally.downloaded(), tally.updated(),
          tally.metadataOnly(), tally.unchanged(), failed, tally.planned(), tally.bytes(), apiCalls,
          Duration.between(started, Instant.now()), warnings, listingConfirmed);
      if (!plan.dryRun()) {
        catalog.runFinished(runId, Instant.now(), mark, apiCalls, tally.bytes(),
            stop.isPresent() ? "fatal: " + stop.get().getMessage() : failed.isEmpty() ? "complete" : "partial");
      }
      if (stop.isPresent()) {
        throw stop.get();
      }
      plan.listener().runFinished(result);
      return result;
    } catch (SQLException e) {
      throw stop.isPresent() ? stop.get() : Failures.catalogFailure(plan.stateDirectory(), e);
    } catch (IOException e) {
      throw stop.isPresent() ? stop.get() : new StoreException("cannot write the .stamp: " + e.getMessage(), e);
    }
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

  private String mode() {
    Selection s = plan.selection();
    return s instanceof Selection.Favorites ? "favorites" : s instanceof Selection.Ids ? "ids" : "own";
  }
}
