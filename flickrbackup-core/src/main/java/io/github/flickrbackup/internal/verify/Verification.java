package io.github.flickrbackup.internal.verify;

import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.CompletenessReport;
import io.github.flickrbackup.StoreException;
import io.github.flickrbackup.VerifyProblem;
import io.github.flickrbackup.VerifyResult;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.DestinationLock;
import io.github.flickrbackup.internal.store.LocalFolderStore;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.store.MediaStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --verify} and {@code --verify --repair}: check every file the catalog records
 * ({@link Verifier}), repair what can be repaired ({@link Repairer}: through a normal backup
 * run of the damaged items), check those items again, and write the completeness report.
 * The destination's lock is held while files are read, so no run changes them meanwhile; it
 * is released for the repairing run, which takes it itself.
 */
public final class Verification {
  /** Runs a backup plan without writing a completeness report (the repair's run). */
  @FunctionalInterface
  public interface BackupRunner {
    /**
     * @param plan the plan
     * @return its result
     * @throws BackupException as {@code FlickrBackup.run}
     */
    BackupResult run(BackupPlan plan) throws BackupException;
  }

  private Verification() {}

  /**
   * Verifies, and repairs if asked.
   *
   * @param plan the destination, store, metadata writers, threads, listener and source
   * @param repair whether to repair what is found
   * @param runner runs the repairing backup
   * @return what was found and done
   * @throws BackupException if the destination cannot be read, has no catalog, or is in use;
   *     or if the repair's run stops with an error
   */
  public static VerifyResult run(BackupPlan plan, boolean repair, BackupRunner runner) throws BackupException {
    Instant start = Instant.now();
    Path state = plan.stateDirectory();
    if (!Files.isRegularFile(state.resolve("catalog.db"))) {
      throw new StoreException("nothing to verify: " + state.resolve("catalog.db") + " does not exist (no backup"
          + " was made here by this program)");
    }
    MediaStore store = store(plan);
    List<MetadataWriter> writers = plan.metadataWriters().isEmpty() ? List.of(MetadataWriters.ini())
        : plan.metadataWriters();
    BackupListener listener = plan.listener();
    Verifier.Outcome first;
    try (Held held = Held.open(state)) {
      long count = held.catalog.recordedCount();
      event(() -> listener.listingFinished((int) Math.min(Integer.MAX_VALUE, count),
          (int) Math.min(Integer.MAX_VALUE, count)));
      first = new Verifier(store, held.catalog, writers, plan.threads(), listener).check(null, true);
    } catch (IOException e) {
      throw new StoreException("cannot verify " + where(plan) + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new StoreException("cannot read the catalog " + state.resolve("catalog.db") + ": " + e.getMessage(), e);
    }
    Optional<BackupResult> repairRun = Optional.empty();
    List<VerifyProblem> remaining = first.problems();
    Set<String> repaired = new LinkedHashSet<>();
    if (repair && first.problems().stream().anyMatch(p -> p.kind().repairable())) {
      Repairer repairer = new Repairer(store, writers, plan.forceCopies());
      try {
        repairRun = repairer.repair(plan, first.problems(), first.homes(), runner);
      } catch (IOException e) {
        throw new StoreException("cannot repair " + where(plan) + ": " + e.getMessage(), e);
      }
      first.problems().forEach(p -> p.id().ifPresent(id -> repaired.add(id.value())));
    }
    Optional<CompletenessReport> report;
    try (Held held = Held.open(state)) {
      if (!repaired.isEmpty()) {
        List<VerifyProblem> after = new ArrayList<>(
            new Verifier(store, held.catalog, writers, plan.threads(), new BackupListener() {})
                .check(repaired, false).problems());
        first.problems().stream().filter(p -> !p.kind().repairable()).forEach(after::add);
        after.sort(java.util.Comparator.comparing(VerifyProblem::path).thenComparing(VerifyProblem::kind));
        remaining = after;
      }
      report = report(plan, held.catalog, remaining);
    } catch (IOException e) {
      throw new StoreException("cannot verify " + where(plan) + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new StoreException("cannot read the catalog " + state.resolve("catalog.db") + ": " + e.getMessage(), e);
    }
    return new VerifyResult(first.items(), first.files(), first.bytes(), Duration.between(start, Instant.now()),
        first.problems(), repairRun, remaining, report);
  }

  /** The report for the side of the account the last run backed up. */
  private static Optional<CompletenessReport> report(BackupPlan plan, Catalog catalog, List<VerifyProblem> remaining)
      throws SQLException {
    boolean favorites = catalog.lastRun(Set.of("own", "favorites")).map(r -> r.mode().equals("favorites"))
        .orElse(false);
    String result = "verify: " + (remaining.isEmpty() ? "whole" : remaining.size() + " problems");
    Completeness.Prepared prepared;
    try {
      prepared = Completeness.prepare(plan.source(), catalog, plan.stateDirectory(), favorites, null);
    } catch (IOException | io.github.flickrbackup.SourceException | RuntimeException e) {
      event(() -> plan.listener().warning("Flickr could not be asked how many items it holds: " + e.getMessage()));
      prepared = Completeness.withoutFlickr(catalog, favorites);
    }
    CompletenessReport report = prepared.report(Instant.now(), result);
    try {
      ReportFile.write(plan.stateDirectory(), report);
    } catch (IOException e) {
      event(() -> plan.listener().warning("cannot write the completeness report: " + e.getMessage()));
    }
    return Optional.of(report);
  }

  private static MediaStore store(BackupPlan plan) throws StoreException {
    if (plan.store().isPresent()) {
      return plan.store().get();
    }
    Path dest = plan.destination().orElseThrow();
    try {
      return new LocalFolderStore(dest);
    } catch (IOException e) {
      throw new StoreException("cannot open the destination " + dest + ": " + e.getMessage(), e);
    }
  }

  private static String where(BackupPlan plan) {
    return plan.destination().map(Path::toString).orElse(plan.stateDirectory().toString());
  }

  private static void event(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException ignored) {
      // a listener must not throw
    }
  }

  /**
   * The destination's lock and its catalog, held while files are read. A destination that
   * cannot be written (a read-only copy being checked) cannot be changed by a run either, so
   * there the lock is skipped.
   */
  private static final class Held implements AutoCloseable {
    final Catalog catalog;
    private final DestinationLock lock;

    private Held(Catalog catalog, DestinationLock lock) {
      this.catalog = catalog;
      this.lock = lock;
    }

    static Held open(Path state) throws StoreException {
      DestinationLock lock = null;
      try {
        lock = DestinationLock.takeUnlessReadOnly(state);
        return new Held(Catalog.open(state.resolve("catalog.db")), lock);
      } catch (SQLException | IOException | RuntimeException | StoreException e) {
        if (lock != null) {
          lock.close();
        }
        if (e instanceof StoreException s) {
          throw s;
        }
        throw new StoreException("cannot open the catalog " + state.resolve("catalog.db") + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      catalog.close();
      lock.close();
    }
  }
}
