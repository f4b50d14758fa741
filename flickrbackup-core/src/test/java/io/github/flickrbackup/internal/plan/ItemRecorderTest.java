package io.github.flickrbackup.internal.plan;

import static io.github.flickrbackup.internal.plan.StubSource.photo;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.FailureKind;
import io.github.flickrbackup.ItemFailure;
import io.github.flickrbackup.ItemOutcome;
import io.github.flickrbackup.StoreException;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import io.github.flickrbackup.internal.plan.ItemRecorder.CommitPolicy;
import io.github.flickrbackup.internal.plan.Writer.Written;
import io.github.flickrbackup.internal.store.LocalFolderStore;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.PendingWrite;
import io.github.flickrbackup.store.StoreFeatures;
import io.github.flickrbackup.store.StorePath;
import io.github.flickrbackup.store.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ItemRecorderTest {
  @TempDir Path dir;
  Catalog catalog;
  final StopSignal stop = new StopSignal();
  final List<String> events = new CopyOnWriteArrayList<>();
  final BackupListener listener = new BackupListener() {
    @Override
    public void itemFinished(PhotoId id, ItemOutcome outcome) {
      events.add(id + " " + outcome);
    }

    @Override
    public void itemFailed(ItemFailure failure) {
      events.add(failure.id() + " " + failure.kind());
    }
  };

  @BeforeEach
  void open() throws Exception {
    catalog = Catalog.open(dir.resolve("catalog.db"));
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  static Written written(String id, String... files) {
    List<StorePath> paths = new ArrayList<>();
    for (String f : files) {
      paths.add(StorePath.parse(f));
    }
    ItemRow row = new ItemRow(id, 100, "s", "photo", "jpg", 5, "sha", files[0], "done", 0, null, false, null);
    return new Written(new Catalog.Done(row, Map.of()), paths, ItemOutcome.DOWNLOADED, 5);
  }

  boolean recorded(String id) throws Exception {
    return catalog.item(id).map(ItemRow::done).orElse(false);
  }

  @Test
  void aBatchIsRecordedWhenItIsFullAndNotBefore() throws Exception {
    CountDownLatch threeHeard = new CountDownLatch(3);
    BackupListener counting = new BackupListener() {
      @Override
      public void itemFinished(PhotoId id, ItemOutcome outcome) {
        threeHeard.countDown();
      }
    };
    try (ItemRecorder r = new ItemRecorder(catalog, null, counting, new StartedItems(counting), new CommitPolicy(3, Duration.ofHours(1)), false,
        stop, dir)) {
      r.written(written("1", "a/1.jpg"));
      r.written(written("2", "a/2.jpg"));
      assertThat(threeHeard.getCount()).isEqualTo(3);
      assertThat(recorded("1")).isFalse(); // two of three: the batch waits (an hour, here)
      r.written(written("3", "a/3.jpg"));
      assertThat(threeHeard.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(recorded("1") && recorded("2") && recorded("3")).isTrue();
      assertThat(r.tally().batches()).isEqualTo(1);
    }
  }

  @Test
  void theOldestItemWaitsAtMostTheDelay() throws Exception {
    CountDownLatch heard = new CountDownLatch(1);
    BackupListener l = new BackupListener() {
      @Override
      public void itemFinished(PhotoId id, ItemOutcome outcome) {
        heard.countDown();
      }
    };
    try (ItemRecorder r = new ItemRecorder(catalog, null, l, new StartedItems(l), new CommitPolicy(1000, Duration.ofMillis(20)), false,
        stop, dir)) {
      r.written(written("1", "a/1.jpg"));
      // no flush, no full batch: only the delay can record it
      assertThat(heard.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(recorded("1")).isTrue();
    }
  }

  @Test
  void filesAreSyncedOncePerBatchBeforeTheirRowsAreCommitted() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    MediaStore store = new SyncRecordingStore() {
      @Override
      public void sync(Collection<StorePath> files) throws IOException {
        try {
          order.add("sync " + files.size() + " files, item 1 recorded: " + recorded("1"));
        } catch (Exception e) {
          throw new IOException(e);
        }
      }
    };
    try (ItemRecorder r = new ItemRecorder(catalog, store, listener, new StartedItems(listener), new CommitPolicy(100, Duration.ofHours(1)), false,
        stop, dir)) {
      r.written(written("1", "a/1.jpg", "a/1.jpg.txt"));
      r.written(written("2", "b/2.jpg", "b/2.jpg.txt", "c/2.jpg"));
      r.flush();
    }
    assertThat(order).containsExactly("sync 5 files, item 1 recorded: false");
    assertThat(recorded("1") && recorded("2")).isTrue();
    assertThat(events).containsExactly("1 DOWNLOADED", "2 DOWNLOADED");
  }

  @Test
  void aBatchWhoseFilesCannotBeSyncedIsNotRecordedAndStopsTheRun() throws Exception {
    MediaStore store = new SyncRecordingStore() {
      @Override
      public void sync(Collection<StorePath> files) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    try (ItemRecorder r = new ItemRecorder(catalog, store, listener, new StartedItems(listener), new CommitPolicy(100, Duration.ofHours(1)), false,
        stop, dir)) {
      r.written(written("1", "a/1.jpg"));
      r.flush();
      assertThat(r.tally().downloaded()).isZero();
    }
    assertThat(recorded("1")).isFalse();
    assertThat(events).isEmpty();
    assertThat(stop.reason()).get().isInstanceOf(StoreException.class);
  }

  @Test
  void failuresAndGoneItemsAreRecordedInOrderAndRetryableOnesCanBeTakenBack() throws Exception {
    Listed flaky = new Listed(photo("7", 100, "s"), List.of());
    try (ItemRecorder r = new ItemRecorder(catalog, null, listener, new StartedItems(listener), CommitPolicy.DEFAULT, false, stop, dir)) {
      r.failed(PhotoId.of("7"), flaky, FailureKind.DOWNLOAD_FAILED, "503", false);
      r.failed(PhotoId.of("8"), new Listed(photo("8", 100, "s"), List.of()), FailureKind.NEEDS_WEB_SESSION, "404",
          true);
      r.failed(PhotoId.of("9"), null, FailureKind.NOT_FOUND, "deleted", false);
      r.gone(PhotoId.of("9"));
      r.flush();
      assertThat(catalog.item("7")).get().extracting(ItemRow::state, ItemRow::lastError)
          .containsExactly("pending", "DOWNLOAD_FAILED: 503");
      assertThat(catalog.item("8")).get().extracting(ItemRow::needsSession).isEqualTo(true);
      assertThat(catalog.item("9")).get().extracting(ItemRow::state).isEqualTo("gone");
      assertThat(events).containsExactly("7 DOWNLOAD_FAILED", "8 NEEDS_WEB_SESSION", "9 NOT_FOUND");
      assertThat(r.takeRetryable()).containsExactly(flaky);
      assertThat(r.tally().failures()).extracting(f -> f.id().value()).containsExactly("8", "9");
    }
  }

  @Test
  void aDryRunRecordsNothingButCountsAndPlans() throws Exception {
    try (ItemRecorder r = new ItemRecorder(catalog, null, listener, new StartedItems(listener), CommitPolicy.DEFAULT, true, stop, dir)) {
      r.planned(PhotoId.of("1"));
      r.unchanged(PhotoId.of("2"));
      r.failed(PhotoId.of("3"), null, FailureKind.NOT_FOUND, "deleted", false);
      r.flush();
      assertThat(r.tally().planned()).extracting(PhotoId::value).containsExactly("1");
      assertThat(r.tally().unchanged()).isEqualTo(1);
    }
    assertThat(catalog.isEmpty()).isTrue();
    assertThat(events).containsExactly("1 PLANNED", "3 NOT_FOUND");
  }

  @Test
  void aDeferringFolderStoreSyncsEachFolderOncePerBatch() throws Exception {
    // Each file and folder synced on its own (the way without a whole-file-system sync).
    LocalFolderStore store = LocalFolderStore.deferringFolderSyncs(dir.resolve("dest"), false);
    List<String> files = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      for (String f : new String[] {"Trips/2012/02/28/" + i + ".jpg", "Trips/2012/02/28/" + i + ".jpg.txt",
          "Cats/2012/02/28/" + i + ".jpg"}) {
        try (PendingWrite w = store.create(StorePath.parse(f))) {
          w.stream().write(1);
          w.commit();
        }
        files.add(f);
      }
    }
    assertThat(store.folderSyncs()).isZero(); // commits left their folders to the batch
    assertThat(store.fileSyncs()).isZero(); // and the content of their new files
    try (ItemRecorder r = new ItemRecorder(catalog, store, listener, new StartedItems(listener), new CommitPolicy(100, Duration.ofHours(1)), false,
        stop, dir)) {
      for (int i = 0; i < 10; i++) {
        r.written(written(Integer.toString(i), files.get(3 * i), files.get(3 * i + 1), files.get(3 * i + 2)));
      }
      r.flush();
    }
    // Two leaf folders, plus the parents that gained a new folder: dest, Trips, Trips/2012,
    // Trips/2012/02, Cats, Cats/2012, Cats/2012/02.
    assertThat(store.folderSyncs()).isEqualTo(2 + 7);
    // Each new file's content waited for the batch too.
    assertThat(store.fileSyncs()).isEqualTo(30);
  }

  @Test
  void obsoleteFilesAreDeletedOnlyOnceTheirItemIsRecordedAndWarningsAreKept() throws Exception {
    LocalFolderStore store = LocalFolderStore.deferringFolderSyncs(dir.resolve("dest"));
    StorePath old = StorePath.of("Trips", "1.mp4");
    try (PendingWrite w = store.create(old)) {
      w.stream().write(1);
      w.commit();
    }
    ItemRow row = new ItemRow("1", 100, "s", "video", "mov", 5, "sha", "Cats/1.mov", "done", 0, null, false, null);
    io.github.flickrbackup.ItemWarning warning = new io.github.flickrbackup.ItemWarning(PhotoId.of("2"),
        io.github.flickrbackup.WarningKind.NOT_ORIGINAL, "a rendition");
    List<String> warnings = new CopyOnWriteArrayList<>();
    BackupListener l = new BackupListener() {
      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
    try (ItemRecorder r = new ItemRecorder(catalog, store, l, new StartedItems(l),
        new CommitPolicy(100, Duration.ofHours(1)), false, stop, dir)) {
      r.written(new Written(new Catalog.Done(row, Map.of()), List.of(), ItemOutcome.UPDATED, 5, null, List.of(old)));
      r.unchanged(PhotoId.of("2"), warning);
      assertThat(store.stat(old)).isPresent(); // not recorded yet: the old file stays
      r.flush();
      assertThat(store.stat(old)).isEmpty();
      assertThat(r.tally().itemWarnings()).containsExactly(warning);
    }
    assertThat(warnings).containsExactly("2: a rendition");
  }

  @Test
  void anItemThatFailsBeforeItStartedIsStartedWithUnknownBytesFirst() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    BackupListener l = new BackupListener() {
      @Override
      public void itemStarted(PhotoId id, long expectedBytes) {
        heard.add("started " + id + " " + expectedBytes);
      }

      @Override
      public void itemFailed(ItemFailure failure) {
        heard.add("failed " + failure.id());
      }
    };
    StartedItems started = new StartedItems(l);
    try (ItemRecorder r = new ItemRecorder(catalog, null, l, started, CommitPolicy.DEFAULT, false, stop, dir)) {
      started.start(PhotoId.of("1"), 1234);
      r.failed(PhotoId.of("1"), null, FailureKind.DOWNLOAD_FAILED, "reset", false);
      r.failed(PhotoId.of("2"), null, FailureKind.NOT_FOUND, "deleted", false);
      started.again(PhotoId.of("1"));
      r.failed(PhotoId.of("1"), null, FailureKind.DOWNLOAD_FAILED, "reset again", false);
      r.flush();
    }
    assertThat(heard).containsExactly("started 1 1234", "started 2 -1", "started 1 -1", "failed 1", "failed 2",
        "failed 1");
  }

  /** A store that only counts as durable; the tests override {@link #sync}. */
  abstract static class SyncRecordingStore implements MediaStore {
    @Override
    public StoreFeatures features() {
      return new StoreFeatures(false, true);
    }

    @Override
    public Optional<StoredFile> stat(StorePath path) {
      return Optional.empty();
    }

    @Override
    public PendingWrite create(StorePath path) {
      throw new UnsupportedOperationException();
    }

    @Override
    public InputStream open(StorePath path) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void link(StorePath existing, StorePath target, boolean forceCopy) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean delete(StorePath path) {
      return false;
    }

    @Override
    public void walk(Consumer<? super StoredFile> visitor) {}
  }
}
