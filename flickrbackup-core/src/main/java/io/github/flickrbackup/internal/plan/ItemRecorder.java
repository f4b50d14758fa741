package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.FailureKind;
import io.github.flickrbackup.ItemFailure;
import io.github.flickrbackup.ItemOutcome;
import io.github.flickrbackup.ItemWarning;
import io.github.flickrbackup.StoreException;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.plan.Writer.Written;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.StorePath;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stage 6: records what happened to each item, in batches (group commit). One thread owns
 * the recording: it collects items until {@link CommitPolicy#maxItems()} are waiting or the
 * oldest has waited {@link CommitPolicy#maxDelay()}, then makes the names of all the
 * batch's files durable ({@link MediaStore#sync}, one fsync per folder; their content was
 * synced before it was renamed into place) and only then commits the batch's catalog rows
 * in one transaction (one fsync of the WAL). An item is {@code done} in the catalog only
 * once its files are durable, so a kill at any moment loses at most the batch in flight,
 * whose items the next run fetches again. The listener hears {@code itemFinished} and
 * {@code itemFailed} when the item is recorded, and the counts of the result count only
 * recorded items.
 */
final class ItemRecorder implements AutoCloseable {
  /**
   * When a batch is recorded.
   *
   * @param maxItems items per batch at most
   * @param maxDelay how long the first item of a batch waits at most
   */
  record CommitPolicy(int maxItems, Duration maxDelay) {
    /** 256 items or one second: a few fsyncs a second at most, and little to redo after a kill. */
    static final CommitPolicy DEFAULT = new CommitPolicy(256, Duration.ofSeconds(1));

    CommitPolicy {
      if (maxItems < 1) {
        throw new IllegalArgumentException("maxItems must be at least 1, not " + maxItems);
      }
      if (maxDelay.isNegative()) {
        throw new IllegalArgumentException("maxDelay must not be negative: " + maxDelay);
      }
    }
  }

  /** One thing to record, in the order it was handed over. */
  private sealed interface Entry permits Done, Unchanged, Planned, Failed, Gone, Flush, Close {}

  private record Done(Written written) implements Entry {}

  private record Unchanged(PhotoId id, ItemWarning warning) implements Entry {}

  private record Planned(PhotoId id) implements Entry {}

  private record Failed(Listed listed, ItemFailure failure, Catalog.Failed change) implements Entry {}

  private record Gone(Catalog.Gone change) implements Entry {}

  private record Flush(CountDownLatch done) implements Entry {}

  private record Close() implements Entry {}

  private final Catalog catalog;
  private final MediaStore store;
  private final BackupListener listener;
  private final StartedItems started;
  private final CommitPolicy policy;
  private final boolean dryRun;
  private final StopSignal stop;
  private final Path state;
  private final BlockingQueue<Entry> inbox;
  private final Thread thread;

  private final AtomicInteger downloaded = new AtomicInteger();
  private final AtomicInteger updated = new AtomicInteger();
  private final AtomicInteger metadataOnly = new AtomicInteger();
  private final AtomicInteger unchanged = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final List<PhotoId> planned = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, ItemFailure> failures = new ConcurrentHashMap<>();
  private final Map<String, ItemWarning> itemWarnings = new ConcurrentHashMap<>();
  private final Map<String, Listed> failedItems = new ConcurrentHashMap<>();
  private final AtomicLong batches = new AtomicLong();

  /**
   * @param store the store whose files are synced before each batch, or {@code null} (dry run)
   * @param state the state folder, to explain catalog failures
   */
  ItemRecorder(Catalog catalog, MediaStore store, BackupListener listener, StartedItems started, CommitPolicy policy,
      boolean dryRun, StopSignal stop, Path state) {
    this.catalog = catalog;
    this.store = store;
    this.listener = listener;
    this.started = started;
    this.policy = policy;
    this.dryRun = dryRun;
    this.stop = stop;
    this.state = state;
    this.inbox = new ArrayBlockingQueue<>(Math.max(64, 2 * policy.maxItems()));
    this.thread = new Thread(this::run, "flickrbackup-recorder");
    thread.setDaemon(true);
    thread.start();
  }

  /** An item whose files are in place. */
  void written(Written w) {
    put(new Done(w));
  }

  /** An item that needed nothing; nothing is written for it. */
  void unchanged(PhotoId id) {
    unchanged(id, null);
  }

  /**
   * An item that needed nothing, with a warning about it (its file is still a rendition).
   *
   * @param warning the warning, or null
   */
  void unchanged(PhotoId id, ItemWarning warning) {
    put(new Unchanged(id, warning));
  }

  /** Dry run: an item that would be fetched. */
  void planned(PhotoId id) {
    put(new Planned(id));
  }

  /**
   * An item failed; it stays pending.
   *
   * @param id the item
   * @param listed the item as listed, to retry it; {@code null} when it could not be listed
   */
  void failed(PhotoId id, Listed listed, FailureKind kind, String message, boolean needsSession) {
    started.start(id, -1); // failed before a media response (if any) said how long it is
    RemoteItem item = listed == null ? null : listed.item();
    Catalog.Failed change = new Catalog.Failed(id.value(), item == null ? 0 : item.lastUpdate().getEpochSecond(),
        item == null ? "photo" : item.media().name().toLowerCase(Locale.ROOT), kind + ": " + message, needsSession);
    put(new Failed(listed, new ItemFailure(id, kind, message), change));
  }

  /** Flickr no longer has the item: its row is marked so, its local files stay. */
  void gone(PhotoId id) {
    put(new Gone(new Catalog.Gone(id.value())));
  }

  /** Waits until everything handed over so far is recorded (or could not be: the run is then stopped). */
  void flush() {
    CountDownLatch done = new CountDownLatch(1);
    put(new Flush(done));
    uninterruptibly(() -> {
      while (!done.await(100, TimeUnit.MILLISECONDS)) {
        if (!thread.isAlive()) {
          throw new IllegalStateException("the recorder thread died");
        }
      }
    });
  }

  /** Records what is waiting and ends the recorder's thread. */
  @Override
  public void close() {
    put(new Close());
    uninterruptibly(thread::join);
  }

  /**
   * Hands an entry over. An interrupted caller still hands it over (the recorder is quick to
   * take it): what was done must be recorded, and an interrupted run still ends in order.
   */
  private void put(Entry e) {
    uninterruptibly(() -> {
      while (!inbox.offer(e, 100, TimeUnit.MILLISECONDS)) {
        if (!thread.isAlive()) {
          throw new IllegalStateException("the recorder thread died");
        }
      }
    });
  }

  private interface Wait {
    void run() throws InterruptedException;
  }

  private static void uninterruptibly(Wait wait) {
    boolean interrupted = false;
    while (true) {
      try {
        wait.run();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Entry> batch = new ArrayList<>(policy.maxItems());
    long deadline = 0;
    try {
      while (true) {
        Entry next = batch.isEmpty() ? inbox.take()
            : inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (next == null) {
          record(batch); // the oldest item has waited long enough
        } else if (next instanceof Flush f) {
          record(batch);
          f.done().countDown();
        } else if (next instanceof Close) {
          record(batch);
          return;
        } else {
          if (batch.isEmpty()) {
            deadline = System.nanoTime() + policy.maxDelay().toNanos();
          }
          batch.add(next);
          if (batch.size() >= policy.maxItems()) {
            record(batch);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Syncs the batch's files, commits its rows, then tells the listener; clears the batch. */
  private void record(List<Entry> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<Entry> entries = List.copyOf(batch);
    batch.clear();
    if (!dryRun && !commit(entries)) {
      return; // not recorded: the run is stopped, and the next run does these items again
    }
    batches.incrementAndGet();
    for (Entry e : entries) {
      announce(e);
    }
  }

  private boolean commit(List<Entry> entries) {
    List<Catalog.ItemChange> changes = new ArrayList<>(entries.size());
    List<StorePath> files = new ArrayList<>();
    for (Entry e : entries) {
      if (e instanceof Done d) {
        changes.add(d.written().change());
        files.addAll(d.written().files());
      } else if (e instanceof Failed f) {
        changes.add(f.change());
      } else if (e instanceof Gone g) {
        changes.add(g.change());
      }
    }
    try {
      if (store != null && !files.isEmpty() && store.features().durable()) {
        store.sync(files);
      }
    } catch (IOException | RuntimeException e) {
      stop.stop(new StoreException("cannot make the destination's files durable: " + e.getMessage(), e));
      return false;
    }
    try {
      catalog.record(changes);
      return true;
    } catch (SQLException e) {
      stop.stop(Failures.catalogFailure(state, e));
      return false;
    }
  }

  private void announce(Entry e) {
    try {
      if (e instanceof Done d) {
        Written w = d.written();
        deleteObsolete(w);
        warn(w.warning());
        count(w.outcome());
        bytes.addAndGet(w.bytes());
        listener.itemFinished(PhotoId.of(w.change().id()), w.outcome());
      } else if (e instanceof Unchanged u) {
        warn(u.warning());
        unchanged.incrementAndGet();
        if (!dryRun) {
          listener.itemFinished(u.id(), ItemOutcome.UNCHANGED);
        }
      } else if (e instanceof Planned p) {
        planned.add(p.id());
        listener.itemFinished(p.id(), ItemOutcome.PLANNED);
      } else if (e instanceof Failed f) {
        String id = f.failure().id().value();
        failures.put(id, f.failure());
        if (f.listed() != null) {
          failedItems.put(id, f.listed());
        }
        listener.itemFailed(f.failure());
      }
    } catch (RuntimeException listenerFailed) {
      // A listener must not throw; if it does, recording goes on regardless.
    }
  }

  /**
   * Deletes the files of a rendition the item's new files replaced. Only now that the new
   * files are recorded: a crash before leaves stray files, never a missing one. A file that
   * cannot be deleted is a warning; the item itself is done.
   */
  private void deleteObsolete(Written w) {
    for (StorePath file : w.obsolete()) {
      try {
        store.delete(file);
      } catch (IOException e) {
        listener.warning(w.change().id() + ": could not remove the replaced rendition " + file + ": " + e.getMessage());
      }
    }
  }

  private void warn(ItemWarning warning) {
    if (warning != null) {
      itemWarnings.put(warning.id().value(), warning);
      listener.warning(warning.id() + ": " + warning.message());
    }
  }

  private void count(ItemOutcome outcome) {
    switch (outcome) {
      case DOWNLOADED -> downloaded.incrementAndGet();
      case UPDATED -> updated.incrementAndGet();
      case METADATA_ONLY -> metadataOnly.incrementAndGet();
      default -> unchanged.incrementAndGet();
    }
  }

  /**
   * Takes this run's failed items that another pass could cure out of the failures, to be
   * handled again. Call after {@link #flush()}.
   *
   * @return the items to try again
   */
  List<Listed> takeRetryable() {
    List<Listed> again = new ArrayList<>();
    for (Listed listed : List.copyOf(failedItems.values())) {
      ItemFailure f = failures.get(listed.id());
      if (f == null || Failures.worthRetrying(f.kind())) {
        failures.remove(listed.id());
        failedItems.remove(listed.id());
        again.add(listed);
      }
    }
    return again;
  }

  /** @return whether any failed item could be tried again */
  boolean hasFailedItems() {
    return !failedItems.isEmpty();
  }

  int unchangedSoFar() {
    return unchanged.get();
  }

  /** @return the recorded counts and failures, after {@link #flush()} */
  Tally tally() {
    List<ItemFailure> failed = new ArrayList<>(failures.values());
    failed.sort((a, b) -> a.id().compareTo(b.id()));
    List<PhotoId> plannedIds;
    synchronized (planned) {
      plannedIds = List.copyOf(planned);
    }
    List<ItemWarning> warned = new ArrayList<>(itemWarnings.values());
    warned.sort((a, b) -> a.id().compareTo(b.id()));
    return new Tally(downloaded.get(), updated.get(), metadataOnly.get(), unchanged.get(), bytes.get(), failed,
        warned, plannedIds, batches.get());
  }

  /**
   * What was recorded.
   *
   * @param batches batches committed (for tests of batching)
   */
  record Tally(int downloaded, int updated, int metadataOnly, int unchanged, long bytes, List<ItemFailure> failures,
      List<ItemWarning> itemWarnings, List<PhotoId> planned, long batches) {}
}
