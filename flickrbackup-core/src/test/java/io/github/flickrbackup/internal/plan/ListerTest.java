package io.github.flickrbackup.internal.plan;

import static io.github.flickrbackup.internal.plan.StubSource.album;
import static io.github.flickrbackup.internal.plan.StubSource.jpeg;
import static io.github.flickrbackup.internal.plan.StubSource.photo;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.FailureKind;
import io.github.flickrbackup.ItemFailure;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.Catalog.AlbumRow;
import io.github.flickrbackup.internal.plan.ItemRecorder.CommitPolicy;
import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.RemoteItem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
class ListerTest {
  static final String A1 = "72157600000000001";
  static final String A2 = "72157600000000002";
  static final String A3 = "72157600000000003";

  @TempDir Path dir;
  Catalog catalog;
  final StopSignal stop = new StopSignal();
  final List<Listed> handed = new CopyOnWriteArrayList<>();
  final List<ItemFailure> failures = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() throws Exception {
    catalog = Catalog.open(dir.resolve("catalog.db"));
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  BackupPlan plan(PhotoSource source, Selection selection) {
    return BackupPlan.builder().source(source).destination(dir.resolve("dest")).selection(selection).threads(4)
        .build();
  }

  Lister lister(BackupPlan plan, ItemRecorder recorder) {
    return new Lister(plan, plan.selection(), catalog, null, recorder, stop);
  }

  ItemRecorder recorder() {
    BackupListener listener = new BackupListener() {
      @Override
      public void itemFailed(ItemFailure failure) {
        failures.add(failure);
      }
    };
    return new ItemRecorder(catalog, null, listener, new StartedItems(listener), CommitPolicy.DEFAULT, false, stop,
        dir);
  }

  void list(PhotoSource source, Selection selection) throws Exception {
    try (ItemRecorder recorder = recorder()) {
      Lister lister = lister(plan(source, selection), recorder);
      lister.list(lister.since(), handed::add);
      recorder.flush();
    }
  }

  static List<String> albumIds(Listed l) {
    return l.albums().stream().map(a -> a.album().id()).toList();
  }

  @Test
  void noItemIsHandedOnBeforeTheMembershipOfChangedAlbumsIsKnown() throws Exception {
    CountDownLatch listingStarted = new CountDownLatch(1);
    StubSource source = new StubSource() {
      @Override
      public void listUpdated(Instant since, Consumer<? super RemoteItem> sink) throws SourceException {
        listingStarted.countDown();
        super.listUpdated(since, sink);
      }

      @Override
      public void listAlbumMembers(Album album, Consumer<? super PhotoId> sink) throws SourceException {
        await(listingStarted); // members arrive only after the listing has begun
        super.listAlbumMembers(album, sink);
      }
    };
    source.albums.add(album(A1, "Trips", 10));
    source.albums.add(album(A2, "Cats", 10));
    source.item(photo("1001", 100, "s"), jpeg(100, 1), A2, A1).item(photo("1002", 100, "s"), jpeg(100, 2));

    list(source, Selection.updatedSince(Instant.EPOCH));

    assertThat(handed).hasSize(2);
    // Album order is the owner's (A1 first), whatever the order of the member lists.
    assertThat(albumIds(handed.get(0))).containsExactly(A1, A2);
    assertThat(handed.get(0).homeFolder()).isEqualTo("Trips");
    assertThat(albumIds(handed.get(1))).isEmpty();
  }

  @Test
  void aNewItemIsHandedOnAheadOfTheAlbumsOnceItsHomeIsCertainAndTheOthersWhenAllAreRead() throws Exception {
    CountDownLatch aheadHanded = new CountDownLatch(1);
    CountDownLatch catsRead = new CountDownLatch(1);
    StubSource source = new StubSource() {
      @Override
      public void listAlbumMembers(Album album, Consumer<? super PhotoId> sink) throws SourceException {
        if (album.id().equals(A2)) {
          await(aheadHanded); // Cats answers only once an item was handed on without it
          super.listAlbumMembers(album, sink);
          catsRead.countDown();
        } else {
          super.listAlbumMembers(album, sink);
        }
      }
    };
    source.albums.add(album(A1, "Trips", 10));
    source.albums.add(album(A2, "Cats", 10));
    source.item(photo("1001", 100, "s"), jpeg(100, 1), A2, A1) // home Trips: certain once Trips is read
        .item(photo("1002", 100, "s"), jpeg(100, 2), A2) // home Cats: waits for Cats
        .item(photo("1003", 100, "s"), jpeg(100, 3)) // in no album: waits for every album
        .item(photo("1004", 100, "s"), jpeg(100, 4), A1); // known to the catalog: waits for every album
    catalog.record(List.of(new Catalog.Failed("1004", 100, "photo", "DOWNLOAD_FAILED: 503", false)));
    List<String> albumsReadWhenHanded = new CopyOnWriteArrayList<>();

    try (ItemRecorder recorder = recorder()) {
      Lister lister = lister(plan(source, Selection.updatedSince(Instant.EPOCH)), recorder);
      lister.list(lister.since(), l -> {
        albumsReadWhenHanded.add(l.id() + (catsRead.getCount() == 0 ? " after Cats" : " before Cats"));
        handed.add(l);
        aheadHanded.countDown();
      });
    }

    assertThat(albumsReadWhenHanded).containsExactly("1001 before Cats", "1002 after Cats", "1003 after Cats",
        "1004 after Cats");
    assertThat(handed).extracting(l -> l.id() + " " + l.homeFolder() + " " + albumIds(l)).containsExactly(
        "1001 Trips [" + A1 + ", " + A2 + "]", "1002 Cats [" + A2 + "]", "1003 null []", "1004 Trips [" + A1 + "]");
  }

  @Test
  void changedAlbumsAreListedInParallelAndUnchangedOnesNotAtAll() throws Exception {
    catalog.replaceAlbums(List.of(new AlbumRow(A3, "Old", "Old", 10)), Map.of(A3, List.of("1003")));
    CountDownLatch bothInFlight = new CountDownLatch(2);
    List<String> memberCalls = new CopyOnWriteArrayList<>();
    StubSource source = new StubSource() {
      @Override
      public void listAlbumMembers(Album album, Consumer<? super PhotoId> sink) throws SourceException {
        memberCalls.add(album.id());
        bothInFlight.countDown();
        await(bothInFlight); // one call after another would wait here for ever (the test times out)
        super.listAlbumMembers(album, sink);
      }
    };
    source.albums.add(album(A1, "Trips", 10));
    source.albums.add(album(A2, "Cats", 10));
    source.albums.add(album(A3, "Old", 10));
    source.item(photo("1001", 100, "s"), jpeg(100, 1), A1).item(photo("1002", 100, "s"), jpeg(100, 2), A2)
        .item(photo("1003", 100, "s"), jpeg(100, 3));

    list(source, Selection.updatedSince(Instant.EPOCH));

    assertThat(memberCalls).containsExactlyInAnyOrder(A1, A2);
    assertThat(handed).extracting(l -> l.id() + ":" + albumIds(l))
        .containsExactly("1001:[" + A1 + "]", "1002:[" + A2 + "]", "1003:[" + A3 + "]");
    assertThat(catalog.albums()).containsOnlyKeys(A1, A2, A3);
  }

  @Test
  void repeatedItemsAreHandedOnOnceAndTheHighWaterMarkIsTheNewestListed() throws Exception {
    StubSource source = new StubSource();
    source.item(photo("1001", 300, "s"), jpeg(100, 1)).item(photo("1002", 500, "s"), jpeg(100, 2));
    source.listing.add(photo("1001", 300, "s")); // a later page repeats an item

    try (ItemRecorder recorder = recorder()) {
      Lister lister = lister(plan(source, Selection.updatedSince(Instant.EPOCH)), recorder);
      lister.list(lister.since(), handed::add);
      assertThat(lister.listed()).isEqualTo(2);
      assertThat(lister.complete()).isTrue();
      assertThat(lister.highWater()).contains(Instant.ofEpochSecond(500));
    }
    assertThat(handed).extracting(Listed::id).containsExactly("1001", "1002");
  }

  @Test
  void itemsLeftPendingByEarlierRunsAreLookedUpWithTheirAlbums() throws Exception {
    catalog.record(List.of(new Catalog.Failed("1001", 100, "photo", "DOWNLOAD_FAILED: 503", false)));
    StubSource source = new StubSource();
    source.albums.add(album(A1, "Trips", 10));
    source.item(photo("1001", 100, "s"), jpeg(100, 1), A1);
    source.item(photo("1002", 900, "s"), jpeg(100, 2));

    list(source, Selection.updatedSince(Instant.ofEpochSecond(500))); // 1001 is older than the start

    assertThat(handed).extracting(l -> l.id() + ":" + albumIds(l))
        .containsExactly("1002:[]", "1001:[" + A1 + "]");
  }

  @Test
  void anExplicitIdFlickrDoesNotKnowIsReportedOnceAndMarkedGone() throws Exception {
    StubSource source = new StubSource();
    source.item(photo("1001", 100, "s"), jpeg(100, 1));

    list(source, Selection.ids(List.of(PhotoId.of("1001"), PhotoId.of("4242"))));

    assertThat(handed).extracting(Listed::id).containsExactly("1001");
    assertThat(failures).extracting(f -> f.id().value() + " " + f.kind()).containsExactly("4242 " + FailureKind.NOT_FOUND);
    assertThat(catalog.item("4242")).get().extracting(Catalog.ItemRow::state).isEqualTo("gone");
  }

  @Test
  void aPlainRunWithoutHistoryAsksForAStartDateBeforeAnyCall() throws Exception {
    StubSource source = new StubSource();
    try (ItemRecorder recorder = recorder()) {
      Lister lister = lister(plan(source, Selection.sinceLastRun()), recorder);
      org.assertj.core.api.Assertions.assertThatThrownBy(lister::since)
          .isInstanceOf(io.github.flickrbackup.NoEarlierRunException.class)
          .hasMessageContaining("Selection.sinceLastRunOr");
    }
    assertThat(source.apiCalls()).isZero();
  }

  static void await(CountDownLatch latch) throws SourceException {
    try {
      if (!latch.await(50, TimeUnit.SECONDS)) {
        throw new SourceException("waited in vain");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted");
    }
  }
}
