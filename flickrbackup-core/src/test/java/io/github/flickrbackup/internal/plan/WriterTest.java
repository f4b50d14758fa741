package io.github.flickrbackup.internal.plan;

import static io.github.flickrbackup.internal.plan.StubSource.album;
import static io.github.flickrbackup.internal.plan.StubSource.jpeg;
import static io.github.flickrbackup.internal.plan.StubSource.photo;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.ItemOutcome;
import io.github.flickrbackup.RetryPolicy;
import io.github.flickrbackup.internal.plan.Fetcher.Fetched;
import io.github.flickrbackup.internal.plan.Listed.AlbumFolder;
import io.github.flickrbackup.internal.plan.Writer.Written;
import io.github.flickrbackup.internal.store.LocalFolderStore;
import io.github.flickrbackup.WarningKind;
import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.source.MediaVariant;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.store.StorePath;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriterTest {
  static final AlbumFolder TRIPS = new AlbumFolder(album("72157600000000001", "Trips", 1), "Trips");
  static final AlbumFolder CATS = new AlbumFolder(album("72157600000000002", "Cats", 1), "Cats");

  @TempDir Path dir;
  LocalFolderStore store;
  final RemoteItem item = photo("1001", 100, "s1");
  final byte[] bytes = jpeg(20_000, 7);
  StubSource source;

  @BeforeEach
  void open() throws Exception {
    store = LocalFolderStore.deferringFolderSyncs(dir.resolve("dest"));
    source = new StubSource().item(item, bytes);
  }

  Writer writer(boolean storeOnce, boolean forceCopies) {
    return new Writer(source, store, List.of(MetadataWriters.ini(), MetadataWriters.jsonSidecar()), storeOnce,
        forceCopies);
  }

  Written place(Listed listed, Writer writer) throws Exception {
    Fetcher fetcher = new Fetcher(source, store, BackupListener.NONE, new StartedItems(BackupListener.NONE),
        new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)));
    try (Fetched f = fetcher.fetch(listed.item(), listed.homeFolder(), null)) {
      return writer.place(new Action.Fetch(listed, null), f);
    }
  }

  @Test
  void placedItemHasItsMediaMetadataAndLinkedCopiesAndNamesThemAll() throws Exception {
    Written w = place(new Listed(item, List.of(TRIPS, CATS)), writer(false, false));

    Path root = dir.resolve("dest");
    Path home = root.resolve("Trips/2012/02/28/1001.jpg");
    Path copy = root.resolve("Cats/2012/02/28/1001.jpg");
    assertThat(Files.readAllBytes(home)).isEqualTo(bytes);
    assertThat(Files.getAttribute(copy, "unix:ino")).isEqualTo(Files.getAttribute(home, "unix:ino"));
    assertThat(Files.readString(root.resolve("Trips/2012/02/28/1001.jpg.txt"))).contains("id = 1001");
    assertThat(root.resolve("Cats/2012/02/28/1001.jpg.json")).exists();
    assertThat(w.files()).extracting(StorePath::toString).containsExactlyInAnyOrder(
        "Trips/2012/02/28/1001.jpg", "Trips/2012/02/28/1001.jpg.txt", "Trips/2012/02/28/1001.jpg.json",
        "Cats/2012/02/28/1001.jpg", "Cats/2012/02/28/1001.jpg.txt", "Cats/2012/02/28/1001.jpg.json");
    assertThat(w.outcome()).isEqualTo(ItemOutcome.DOWNLOADED);
    assertThat(w.bytes()).isEqualTo(bytes.length);
    assertThat(w.change().row().primaryPath()).isEqualTo("Trips/2012/02/28/1001.jpg");
    assertThat(w.change().row().size()).isEqualTo(bytes.length);
    assertThat(w.change().albumPaths()).containsExactly(
        java.util.Map.entry(TRIPS.album().id(), "Trips/2012/02/28/1001.jpg"),
        java.util.Map.entry(CATS.album().id(), "Cats/2012/02/28/1001.jpg"));
  }

  @Test
  void forcedCopiesAreIndependentFiles() throws Exception {
    place(new Listed(item, List.of(TRIPS, CATS)), writer(false, true));
    Path root = dir.resolve("dest");
    assertThat(Files.getAttribute(root.resolve("Cats/2012/02/28/1001.jpg"), "unix:ino"))
        .isNotEqualTo(Files.getAttribute(root.resolve("Trips/2012/02/28/1001.jpg"), "unix:ino"));
    assertThat(Files.readAllBytes(root.resolve("Cats/2012/02/28/1001.jpg"))).isEqualTo(bytes);
  }

  @Test
  void storeOnceWritesOnlyTheHomeCopy() throws Exception {
    Written w = place(new Listed(item, List.of(TRIPS, CATS)), writer(true, false));
    assertThat(dir.resolve("dest/Cats")).doesNotExist();
    assertThat(w.change().albumPaths()).containsOnlyKeys(TRIPS.album().id());
  }

  @Test
  void refreshOfAMovedItemLinksItFromItsOldHomeWithoutDownloading() throws Exception {
    Written first = place(new Listed(item, List.of(TRIPS)), writer(false, false));
    source.media.clear(); // a refresh must not download

    Listed moved = new Listed(item, List.of(CATS, TRIPS));
    Written w = writer(false, false).refresh(new Action.Refresh(moved, first.change().row(),
        ItemPaths.of(moved, "jpg", false), true, null));

    Path root = dir.resolve("dest");
    assertThat(Files.readAllBytes(root.resolve("Cats/2012/02/28/1001.jpg"))).isEqualTo(bytes);
    assertThat(root.resolve("Cats/2012/02/28/1001.jpg.txt")).exists();
    assertThat(w.outcome()).isEqualTo(ItemOutcome.METADATA_ONLY);
    assertThat(w.bytes()).isZero();
    assertThat(w.change().row().sha256()).isEqualTo(first.change().row().sha256());
    assertThat(w.change().row().primaryPath()).isEqualTo("Cats/2012/02/28/1001.jpg");
  }

  @Test
  void aRenditionIsMarkedAndAnOriginalThatReplacesItLeavesItsOldFilesToDelete() throws Exception {
    MediaVariant siteMp4 = new MediaVariant("Site MP4", URI.create("https://www.flickr.com/photos/x/1001/play/site/1/"));
    Listed listed = new Listed(item, List.of(TRIPS));
    Written first;
    Fetcher fetcher = new Fetcher(source, store, BackupListener.NONE, new StartedItems(BackupListener.NONE),
        new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)));
    try (Fetched f = fetcher.fetch(item, "Trips", null)) {
      first = writer(false, false).place(new Action.Fetch(listed, null),
          new Fetched(f.write(), f.path(), f.ext(), f.size(), f.sha256(), siteMp4, false));
    }
    assertThat(first.change().row().rendition()).isEqualTo("Site MP4");
    assertThat(first.warning()).isNotNull().extracting(w -> w.kind()).isEqualTo(WarningKind.NOT_ORIGINAL);
    assertThat(Files.readString(dir.resolve("dest/Trips/2012/02/28/1001.jpg.txt"))).contains("Site MP4");

    // The original appears, and the item has moved to another album meanwhile.
    Listed moved = new Listed(item, List.of(CATS));
    Written second;
    try (Fetched f = fetcher.fetch(item, "Cats", null)) {
      second = writer(false, false).place(new Action.Fetch(moved, first.change().row(), false,
          first.change().albumPaths()), f);
    }
    assertThat(second.change().row().rendition()).isNull();
    assertThat(second.warning()).isNull();
    assertThat(second.obsolete()).extracting(StorePath::toString).containsExactly("Trips/2012/02/28/1001.jpg",
        "Trips/2012/02/28/1001.jpg.txt", "Trips/2012/02/28/1001.jpg.json");
    assertThat(dir.resolve("dest/Trips/2012/02/28/1001.jpg")).exists(); // deleted by the recorder, after recording
  }
}
