package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.MirrorOutcome;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.StoreException;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.plan.Failures.Fatal;
import io.github.flickrbackup.internal.plan.Failures.ItemFailed;
import io.github.flickrbackup.internal.plan.Failures.Verdict;
import io.github.flickrbackup.internal.plan.Fetcher.Fetched;
import io.github.flickrbackup.internal.verify.Completeness;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.store.MediaStore;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One backup run, as stages that each do one job, data flowing one way (see
 * {@code docs/pipeline.md}):
 *
 * <pre>
 * RunContext ─► Lister ══► Planner ─► Fetcher ══► Writer ══► ItemRecorder ─► RunRecorder
 * (lock,        (albums,   (N fetch threads)     (N write    (group commit:   (mark, .stamp,
 *  catalog)      items)                           threads)    sync, catalog)   result)
 * </pre>
 *
 * This class only wires them: it opens the run, lets the lister feed the fetch threads and
 * those the write threads (so that downloads go on while files are synced), makes the extra
 * passes over failed items, and ends the run.
 */
public final class Engine {
  private final BackupPlan plan;
  private final StartedItems started;
  private final StopSignal stop;
  private final Planner planner;
  private final Fetcher fetcher;
  private final Writer writer;
  private final ItemRecorder recorder;
  private final SeedCheck seeds;

  private Engine(BackupPlan plan, RunContext run, ItemRecorder recorder, StartedItems started, StopSignal stop) {
    this.plan = plan;
    this.stop = stop;
    this.started = started;
    this.recorder = recorder;
    MediaStore store = run.store().orElse(null);
    List<MetadataWriter> writers = plan.metadataWriters().isEmpty()
        ? List.of(MetadataWriters.ini()) : plan.metadataWriters();
    this.seeds = new SeedCheck(run.catalog(), store);
    this.planner = new Planner(run.catalog(), store, writers,
        new Planner.Options(plan.storeOnce(), plan.keepExisting(), plan.verifyFiles(), plan.dryRun()), seeds);
    this.fetcher = new Fetcher(plan.source(), store, plan.listener(), started, plan.downloadRetry());
    this.writer = new Writer(plan.source(), store, writers, plan.storeOnce(), plan.forceCopies());
  }

  /** The metadata writers a run uses: the plan's, or the INI writer alone. */
  private List<MetadataWriter> writers() {
    return plan.metadataWriters().isEmpty() ? List.of(MetadataWriters.ini()) : plan.metadataWriters();
  }

  /**
   * Runs a plan.
   *
   * @param plan the plan
   * @return the result
   * @throws BackupException if the run cannot start or must stop
   */
  public static BackupResult run(BackupPlan plan) throws BackupException {
    return run(plan, true);
  }

  /**
   * Runs a plan.
   *
   * @param plan the plan
   * @param report whether to write the completeness report at the end (not for a repair's run)
   * @return the result
   * @throws BackupException if the run cannot start or must stop
   */
  public static BackupResult run(BackupPlan plan, boolean report) throws BackupException {
    try (RunContext run = RunContext.open(plan)) {
      StopSignal stop = new StopSignal();
      StartedItems started = new StartedItems(plan.listener());
      try (ItemRecorder recorder = new ItemRecorder(run.catalog(), run.store().orElse(null), plan.listener(),
          started, ItemRecorder.CommitPolicy.DEFAULT, plan.dryRun(), stop, run.state())) {
        return new Engine(plan, run, recorder, started, stop).backup(run, report && !plan.dryRun());
      }
    }
  }

  private BackupResult backup(RunContext run, boolean report) throws BackupException {
    Catalog catalog = run.catalog();
    MediaStore store = run.store().orElse(null);
    Optional<Selection> continued;
    Selection selection;
    Lister lister;
    Instant since;
    RunRecorder runRecorder;
    Mirror mirror = null;
    boolean noItemsYet;
    try {
      noItemsYet = catalog.isEmpty();
      if (store != null && !plan.dryRun() && noItemsYet) {
        Sha256.compileEarly(); // a first backup: it will hash everything the account holds
      }
      // A plain run right after an interrupted one continues that run's selection.
      continued = Continuation.of(plan.selection(), catalog);
      selection = continued.orElse(plan.selection());
      if (plan.mirror() && !(selection instanceof Selection.Ids)) {
        mirror = new Mirror(plan, selection, catalog, store, writers(), Instant.now());
        mirror.checkAttic();
      }
      lister = new Lister(plan, selection, catalog, store, recorder, stop, mirror);
      // Without a start date the run cannot start: it throws before runStarted, and records no run.
      since = lister.since();
      runRecorder = new RunRecorder(plan, selection, catalog, store);
      runRecorder.started(since);
    } catch (SQLException e) {
      throw Failures.catalogFailure(run.state(), e);
    }
    continued.ifPresent(c -> plan.listener().warning(Continuation.warning(c)));
    // The completeness report (internal/verify): it hears the ids listed, asks Flickr before
    // the run's end is recorded, and is written once the result is known.
    Completeness.Tracker completeness = Completeness.track(selection, since);
    if (report) {
      completeness.askCountEarly(plan.source()); // beside the listing, not after it
    }
    RuntimeException unexpected = null;
    try {
      // Only a destination no run of ours has written to: a killed first run may leave files
      // whose content its last batch had not yet made durable (LocalFolderStore), which must be
      // downloaded again, not taken for the Python tool's.
      if (store != null && noItemsYet && !(selection instanceof Selection.Favorites)
          && catalog.runCount(java.util.Set.of("own", "ids")) <= 1) {
        Adoption.adopt(store, catalog);
      }
      if (!plan.dryRun()) {
        Mirror.finishUnfinished(catalog, store, plan.listener()); // moves a killed run recorded
      }
      if (mirror != null) {
        mirror.snapshot(runRecorder.runId());
      }
      // Two pools, so that downloads go on while earlier items are synced to disk; the write
      // queue is short, since each entry holds an open pending file.
      int threads = plan.threads();
      Workers<Placement> writes = new Workers<>("write", 2 * threads, 2 * threads, this::write, Placement::discard,
          stop);
      Workers<Listed> fetches = new Workers<>("fetch", threads, Math.max(16, threads * 8),
          listed -> fetch(listed, placement -> {
            if (!writes.submit(placement)) {
              placement.discard(); // the run stopped
            }
          }), listed -> {}, stop);
      try {
        lister.list(since, listed -> {
          completeness.listed(listed.id());
          fetches.submit(listed);
        });
      } finally {
        fetches.finish();
        writes.finish();
      }
      recorder.flush();
      for (int pass = 0; pass < plan.retries() && !stop.stopped() && recorder.hasFailedItems(); pass++) {
        for (Listed again : recorder.takeRetryable()) {
          started.again(again.item().id()); // a retry pass starts the item again
          fetch(again, this::write);
        }
        recorder.flush();
      }
    } catch (BackupException e) {
      stop.stop(e);
    } catch (SQLException e) {
      stop.stop(plan.dryRun() ? new StoreException("dry run: the catalog cannot be read: " + e.getMessage(), e)
          : Failures.catalogFailure(run.state(), e));
    } catch (IOException e) {
      stop.stop(new StoreException((plan.dryRun() ? "dry run: " : "cannot use the destination: ") + e.getMessage(), e));
    } catch (RuntimeException e) {
      unexpected = e;
      stop.stop(new BackupException("the run stopped on an unexpected error: " + e, e));
    }
    recorder.flush();
    MirrorOutcome mirrored = MirrorOutcome.NOT_REQUESTED;
    if (plan.mirror() && mirror == null) {
      // A plain run continuing an interrupted run of explicit ids lists only those ids.
      mirrored = new MirrorOutcome(true, List.of(), Optional.of("this run continues an interrupted run of explicit"
          + " ids, which lists only those ids, so it cannot tell what is gone; nothing was moved to the attic"));
    } else if (mirror != null) {
      if (stop.stopped() || unexpected != null) {
        mirrored = new MirrorOutcome(true, List.of(), Optional.of("the run stopped, so nothing was moved to the attic"));
      } else {
        try {
          Set<String> failed = new HashSet<>();
          recorder.tally().failures().forEach(f -> failed.add(f.id().value()));
          mirrored = mirror.finish(lister, failed);
        } catch (SQLException e) {
          stop.stop(Failures.catalogFailure(run.state(), e));
          mirrored = new MirrorOutcome(true, List.of(), Optional.of("the catalog failed: " + e.getMessage()));
        } catch (RuntimeException e) {
          // Nothing already moved is undone; what was not moved stays in place.
          mirrored = new MirrorOutcome(true, List.of(), Optional.of("mirroring stopped on an unexpected error: " + e));
        }
      }
    }
    if (report && !stop.stopped()) {
      completeness.prepare(plan.source(), catalog, plan.stateDirectory(), lister.complete() && lister.confirmed(),
          plan.listener());
    }
    BackupResult result = runRecorder.finished(new RunRecorder.Listing(lister.listed(), lister.complete(),
        lister.confirmed(), lister.warnings(), since, lister.highWater()), recorder.tally(), seeds.tally(), stop,
        unexpected, mirrored);
    if (report) {
      completeness.write(catalog, plan.stateDirectory(), result, plan.listener());
    }
    return result;
  }

  /**
   * What the fetch stage hands the write stage: the planner's action and, for a fetch, the
   * downloaded file, which stays invisible until the writer commits it.
   */
  private record Placement(Action action, Fetched fetched) {
    /** Releases a placement that will not be written: its pending file is deleted. */
    void discard() {
      if (fetched != null) {
        try {
          fetched.close();
        } catch (IOException ignored) {
          // a .part file left behind is removed by the next run
        }
      }
    }
  }

  /** The fetch stage of one item: planner, then fetcher; what needs writing goes to {@code next}. Never throws. */
  private void fetch(Listed listed, Consumer<Placement> next) {
    if (stop.stopped()) {
      return;
    }
    PhotoId id = listed.item().id();
    try {
      Action action = planner.plan(listed);
      if (plan.dryRun()) {
        if (action instanceof Action.Fetch) {
          started.start(id, 0); // a dry run downloads nothing
          recorder.planned(id);
        } else {
          recorder.unchanged(id);
        }
        return;
      }
      if (action instanceof Action.Fetch f) {
        // itemStarted comes from the fetcher, when the media response says how long it is.
        next.accept(new Placement(f, fetcher.fetch(listed.item(), listed.homeFolder(),
            f.renditionOnDisk() ? f.previous() : null)));
      } else {
        started.start(id, 0);
        if (action instanceof Action.Refresh) {
          next.accept(new Placement(action, null));
        } else {
          recorder.unchanged(id, Writer.notOriginal(id, ((Action.Skip) action).substitute()));
        }
      }
    } catch (Exception e) {
      failed(listed, e);
    }
  }

  /** The write stage of one item: writer, then the recorder. Never throws. */
  private void write(Placement placement) {
    Listed listed = placement.action().listed();
    try {
      if (placement.action() instanceof Action.Fetch f) {
        try (Fetched fetched = placement.fetched()) {
          seeds.fetched(f.previous(), fetched); // a sample of a seeded item: compare the hashes
          if (fetched.kept()) {
            // The rendition on disk stands: only its metadata and links may need work.
            write(planner.current(listed, f.previous(), fetched.substitute()));
          } else {
            recorder.written(writer.place(f, fetched));
          }
        }
      } else if (placement.action() instanceof Action.Refresh r) {
        recorder.written(writer.refresh(r));
      }
    } catch (Exception e) {
      failed(listed, e);
    }
  }

  /** An item whose file stays: a refresh, or nothing (with the warning of a kept rendition). */
  private void write(Action action) throws Exception {
    if (action instanceof Action.Refresh r) {
      recorder.written(writer.refresh(r));
    } else if (action instanceof Action.Skip skip) {
      PhotoId id = skip.listed().item().id();
      recorder.unchanged(id, Writer.notOriginal(id, skip.substitute()));
    }
  }

  private void failed(Listed listed, Exception e) {
    Verdict verdict = Failures.classify(e, plan.stateDirectory());
    if (verdict instanceof Fatal fatal) {
      stop.stop(fatal.reason());
    } else if (verdict instanceof ItemFailed f) {
      recorder.failed(listed.item().id(), listed, f.kind(), f.message(), f.needsSession());
    }
  }
}
