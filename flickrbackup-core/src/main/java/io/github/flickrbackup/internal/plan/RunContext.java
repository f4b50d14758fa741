package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.StoreException;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.DestinationLock;
import io.github.flickrbackup.internal.store.LocalFolderStore;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.PendingWrite;
import io.github.flickrbackup.store.StorePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Stage 1: what a run holds from its start to its end. Opening takes the destination's lock
 * (so a second run fails at once), checks that the destination is writable before any
 * network call, opens the catalog, and removes temporary files a killed run left (all
 * folders are searched only when the last run did not end in order). A dry run
 * takes no lock and works on a temporary copy of the catalog, so that it writes nothing in
 * the destination. Closing releases all of it.
 */
final class RunContext implements AutoCloseable {
  private final Path state;
  private final MediaStore store;
  private final Catalog catalog;
  private final DestinationLock lock;
  private final Path dryRunCatalog;

  private RunContext(Path state, MediaStore store, Catalog catalog, DestinationLock lock, Path dryRunCatalog) {
    this.state = state;
    this.store = store;
    this.catalog = catalog;
    this.lock = lock;
    this.dryRunCatalog = dryRunCatalog;
  }

  /**
   * Opens the destination of a plan for one run.
   *
   * @param plan the plan
   * @return the context; the caller closes it
   * @throws StoreException if the destination is locked, not writable, or its catalog unusable
   */
  static RunContext open(BackupPlan plan) throws BackupException {
    return plan.dryRun() ? openForDryRun(plan) : openForRun(plan);
  }

  private static RunContext openForRun(BackupPlan plan) throws BackupException {
    return openForRun(plan.stateDirectory(), plan.store().orElse(null), plan.destination().orElse(null));
  }

  /**
   * Opens a destination for a run or for seeding: lock, writability probe, catalog.
   *
   * @param state the state folder
   * @param given the plan's store, or null for a local folder store at {@code destination}
   * @param destination the destination folder (used when {@code given} is null)
   */
  static RunContext openForRun(Path state, MediaStore given, Path destination) throws BackupException {
    try {
      Files.createDirectories(state);
    } catch (IOException e) {
      throw new StoreException("cannot create the state folder " + state + ": "
          + LocalFolderStore.explain(e, state).getMessage(), e);
    }
    DestinationLock lock = null;
    try {
      lock = DestinationLock.take(state);
      MediaStore store = given != null ? given : LocalFolderStore.deferringFolderSyncs(destination);
      checkWritable(store);
      Catalog catalog = Catalog.open(state.resolve("catalog.db"));
      try {
        if (store instanceof LocalFolderStore local) {
          // Only a killed (or fatally stopped) run leaves temporary files in the folders: walking
          // every folder of a large backup costs seconds, so it is done only after such a run.
          // The writability probe sits at the root and runs before the run is recorded.
          local.removeStaleTemporaryFiles(catalog.lastRunEndedInOrder() ? 1 : Integer.MAX_VALUE);
        }
      } catch (IOException | SQLException | RuntimeException e) {
        catalog.close();
        throw e;
      }
      return new RunContext(state, store, catalog, lock, null);
    } catch (IOException | SQLException | BackupException | RuntimeException e) {
      if (lock != null) {
        lock.close();
      }
      if (e instanceof BackupException b) {
        throw b;
      }
      if (e instanceof SQLException sql) {
        throw Failures.catalogFailure(state, sql);
      }
      if (e instanceof IOException io) {
        throw new StoreException("cannot use the destination: " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  /** Creates (and discards) a temporary file, so that a read-only or full destination fails first. */
  private static void checkWritable(MediaStore store) throws StoreException {
    try (PendingWrite probe = store.create(StorePath.of(".flickrbackup-probe"))) {
      probe.stream().write(0);
      probe.stream().flush();
    } catch (IOException e) {
      throw new StoreException("the destination is not writable: " + e.getMessage(), e);
    }
  }

  private static RunContext openForDryRun(BackupPlan plan) throws BackupException {
    Path state = plan.stateDirectory();
    Path temp = null;
    try {
      temp = Files.createTempFile("flickrbackup-dry-run", ".db");
      Path db = state.resolve("catalog.db");
      if (Files.exists(db)) {
        // Work on a copy, so that a dry run writes nothing in the destination.
        Files.copy(db, temp, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.delete(temp);
      }
      MediaStore store = null;
      if (plan.store().isPresent()) {
        store = plan.store().get();
      } else if (Files.isDirectory(plan.destination().orElseThrow())) {
        store = new LocalFolderStore(plan.destination().get());
      }
      return new RunContext(state, store, Catalog.open(temp), null, temp);
    } catch (IOException e) {
      deleteCopy(temp);
      throw new StoreException("dry run: " + e.getMessage(), e);
    } catch (SQLException e) {
      deleteCopy(temp);
      throw new StoreException("dry run: the catalog cannot be read: " + e.getMessage(), e);
    }
  }

  /** @return the state folder (catalog and lock) */
  Path state() {
    return state;
  }

  /** @return the store; empty only in a dry run into a destination that does not exist yet */
  Optional<MediaStore> store() {
    return Optional.ofNullable(store);
  }

  Catalog catalog() {
    return catalog;
  }

  @Override
  public void close() {
    catalog.close();
    if (lock != null) {
      lock.close();
    }
    deleteCopy(dryRunCatalog);
  }

  private static void deleteCopy(Path temp) {
    if (temp == null) {
      return;
    }
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      try {
        Files.deleteIfExists(Path.of(temp + suffix));
      } catch (IOException ignored) {
        // a temporary file
      }
    }
  }
}
