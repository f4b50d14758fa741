package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.StoreException;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.plan.Failures.Fatal;
import io.github.flickrbackup.internal.plan.Failures.ItemFailed;
import io.github.flickrbackup.internal.plan.Failures.Verdict;
import io.github.flickrbackup.internal.plan.Fetcher.Fetched;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.store.MediaStore;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One backup run, as stages that each do one job, data flowing one way (see
 * {@code docs/pipeline.md}):
 *
 * <pre>
 * RunContext ─► Lister ══► Workers: Planner ─► Fetcher ─► Writer ══► ItemRecorder ─► RunRecorder
 * (lock,        (albums,   (N threads; one item at a time each)     (group commit:   (mark, .stamp,
 *  catalog)      items)                                              sync, catalog)   result)
 * </pre>
 *
 * This class only wires them: it opens the run, lets the lister feed the workers, handles
 * one item per call of {@link #handle}, makes the extra passes over failed items, and ends
 * the run.
 */
public final class Engine {
  /** Base of the exponential backoff between download attempts; tests shorten it. */
  public static volatile Duration downloadBackoff = Duration.ofMillis(500);
  /** Attempts per download within one pass. */
  public static volatile int downloadAttempts = 3;

  private final BackupPlan plan;
  private final BackupListener listener;
  private final StopSignal stop;
  private final Planner planner;
  private final Fetcher fetcher;
  private final Writer writer;
  private final ItemRecorder recorder;

  private Engine(BackupPlan plan, RunContext run, ItemRecorder recorder, StopSignal stop) {
    this.plan = plan;
    this.stop = stop;
    this.listener = plan.listener();
    this.recorder = recorder;
    MediaStore store = run.store().orElse(null);
    List<MetadataWriter> writers = plan.metadataWriters().isEmpty()
        ? List.of(MetadataWriters.ini()) : plan.metadataWriters();
    this.planner = new Planner(run.catalog(), store, writers,
        new Planner.Options(plan.storeOnce(), plan.keepExisting(), plan.verifyFiles(), plan.dryRun()));
    this.fetcher = new Fetcher(plan.source(), store, listener, new Fetcher.Attempts(Math.max(1, downloadAttempts), downloadBackoff));
    this.writer = new Writer(plan.source(), store, writers, plan.storeOnce(), plan.forceCopies());
  }

  /**
   * Runs a plan.
   *
   * @param plan the plan
   * @return the result
   * @throws BackupException if the run cannot start or must stop
   */
  public static BackupResult run(BackupPlan plan) throws BackupException {
    try (RunContext run = RunContext.open(plan)) {
      StopSignal stop = new StopSignal();
      try (ItemRecorder recorder = new ItemRecorder(run.catalog(), run.store().orElse(null), plan.listener(),
          ItemRecorder.CommitPolicy.DEFAULT, plan.dryRun(), stop, run.state())) {
        return new Engine(plan, run, recorder, stop).backup(run);
      }
    }
  }

  private BackupResult backup(RunContext run) throws BackupException {
    Catalog catalog = run.catalog();
    MediaStore store = run.store().orElse(null);
    RunRecorder runRecorder = new RunRecorder(plan, catalog, store);
    try {
      runRecorder.started();
      if (store != null && catalog.isEmpty() && !(plan.selection() instanceof Selection.Favorites)) {
        Adoption.adopt(store, catalog);
      }
      Lister lister = new Lister(plan, catalog, store, recorder, stop);
      Instant since = lister.since();
      Workers<Listed> workers = new Workers<>(plan.threads(), Math.max(16, plan.threads() * 8), this::handle, stop);
      try {
        lister.list(since, workers::submit);
      } catch (SourceException e) {
        stop.stop(e);
      } catch (SQLException e) {
        stop.stop(Failures.catalogFailure(run.state(), e));
      } finally {
        workers.finish();
      }
      recorder.flush();
      for (int pass = 0; pass < plan.retries() && !stop.stopped() && recorder.hasFailedItems(); pass++) {
        for (Listed again : recorder.takeRetryable()) {
          handle(again);
        }
        recorder.flush();
      }
      return runRecorder.finished(lister.listed(), lister.complete(), lister.confirmed(), lister.warnings(),
          lister.highWater(), recorder.tally(), stop.reason());
    } catch (SQLException e) {
      throw Failures.catalogFailure(run.state(), e);
    } catch (IOException e) {
      throw new StoreException("cannot use the destination: " + e.getMessage(), e);
    }
  }

  /** One item through planner, fetcher and writer to the recorder; never throws. */
  private void handle(Listed listed) {
    if (stop.stopped()) {
      return;
    }
    PhotoId id = listed.item().id();
    try {
      Action action = planner.plan(listed);
      if (plan.dryRun()) {
        if (action instanceof Action.Fetch) {
          recorder.planned(id);
        } else {
          recorder.unchanged(id);
        }
        return;
      }
      listener.itemStarted(id, -1);
      if (action instanceof Action.Fetch fetch) {
        try (Fetched fetched = fetcher.fetch(listed.item(), listed.homeFolder())) {
          recorder.written(writer.place(fetch, fetched));
        }
      } else if (action instanceof Action.Refresh refresh) {
        recorder.written(writer.refresh(refresh));
      } else {
        recorder.unchanged(id);
      }
    } catch (Exception e) {
      Verdict verdict = Failures.classify(e, plan.stateDirectory());
      if (verdict instanceof Fatal fatal) {
        stop.stop(fatal.reason());
      } else if (verdict instanceof ItemFailed failed) {
        recorder.failed(id, listed, failed.kind(), failed.message(), failed.needsSession());
      }
    }
  }
}
