package io.github.flickrbackup.internal.plan;

import static io.github.flickrbackup.internal.plan.StubSource.album;
import static io.github.flickrbackup.internal.plan.StubSource.photo;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.ItemOutcome;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import io.github.flickrbackup.internal.plan.Listed.AlbumFolder;
import io.github.flickrbackup.internal.store.LocalFolderStore;
import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.source.MediaVariant;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.store.PendingWrite;
import io.github.flickrbackup.store.StorePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
  static final AlbumFolder TRIPS = new AlbumFolder(album("72157600000000001", "Trips", 1), "Trips");
  static final AlbumFolder CATS = new AlbumFolder(album("72157600000000002", "Cats", 1), "Cats");

  @TempDir Path dir;
  Catalog catalog;
  LocalFolderStore store;

  @BeforeEach
  void open() throws Exception {
    catalog = Catalog.open(dir.resolve("catalog.db"));
    store = new LocalFolderStore(dir.resolve("dest"));
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  Planner planner(boolean keepExisting, boolean verifyFiles, boolean dryRun) {
    return new Planner(catalog, store, List.of(MetadataWriters.ini()),
        new Planner.Options(false, keepExisting, verifyFiles, dryRun));
  }

  Planner planner() {
    return planner(false, false, false);
  }

  /** Puts an item's files in place and records it as done, as a finished run would. */
  void backedUp(RemoteItem item, String content, AlbumFolder... albums) throws Exception {
    Listed listed = new Listed(item, List.of(albums));
    ItemPaths paths = ItemPaths.of(listed, "jpg", false);
    for (StorePath p : paths.files(List.of(MetadataWriters.ini()))) {
      put(p, content);
    }
    catalog.record(List.of(new Catalog.Done(new ItemRow(item.id().value(), item.lastUpdate().getEpochSecond(),
        item.originalSecret(), "photo", "jpg", content.length(), Sha256.hex(digestOf(content)),
        paths.home().toString(), "done", 0, null, false, null), paths.membership())));
  }

  void put(StorePath p, String content) throws Exception {
    try (PendingWrite w = store.create(p)) {
      w.stream().write(content.getBytes(StandardCharsets.UTF_8));
      w.commit();
    }
  }

  static java.security.MessageDigest digestOf(String content) {
    java.security.MessageDigest md = Sha256.digest();
    md.update(content.getBytes(StandardCharsets.UTF_8));
    return md;
  }

  @Test
  void newItemIsFetched() throws Exception {
    Action a = planner().plan(new Listed(photo("1001", 100, "s1"), List.of(TRIPS)));
    assertThat(a).isInstanceOf(Action.Fetch.class);
    assertThat(a.outcome()).isEqualTo(ItemOutcome.DOWNLOADED);
  }

  @Test
  void unchangedItemIsSkipped() throws Exception {
    RemoteItem item = photo("1001", 100, "s1");
    backedUp(item, "bytes", TRIPS, CATS);
    assertThat(planner().plan(new Listed(item, List.of(TRIPS, CATS)))).isInstanceOf(Action.Skip.class);
  }

  @Test
  void newOriginalSecretIsFetchedAgainAsAnUpdate() throws Exception {
    backedUp(photo("1001", 100, "s1"), "bytes", TRIPS);
    Action a = planner().plan(new Listed(photo("1001", 200, "s2"), List.of(TRIPS)));
    assertThat(a).isInstanceOf(Action.Fetch.class);
    assertThat(a.outcome()).isEqualTo(ItemOutcome.UPDATED);
  }

  @Test
  void missingOrResizedLocalFileIsFetchedAgain() throws Exception {
    RemoteItem item = photo("1001", 100, "s1");
    backedUp(item, "bytes", TRIPS);
    StorePath home = ItemPaths.of(new Listed(item, List.of(TRIPS)), "jpg", false).home();
    put(home, "other length");
    assertThat(planner().plan(new Listed(item, List.of(TRIPS)))).isInstanceOf(Action.Fetch.class);
    store.delete(home);
    assertThat(planner().plan(new Listed(item, List.of(TRIPS)))).isInstanceOf(Action.Fetch.class);
    assertThat(planner(true, false, false).plan(new Listed(item, List.of(TRIPS)))).isInstanceOf(Action.Fetch.class);
  }

  @Test
  void keepExistingKeepsAFileOfTheWrongSize() throws Exception {
    RemoteItem item = photo("1001", 100, "s1");
    backedUp(item, "bytes", TRIPS);
    put(ItemPaths.of(new Listed(item, List.of(TRIPS)), "jpg", false).home(), "other length");
    assertThat(planner(true, false, false).plan(new Listed(item, List.of(TRIPS)))).isInstanceOf(Action.Skip.class);
  }

  @Test
  void verifyFilesFetchesAFileWhoseBytesChangedButNotItsSize() throws Exception {
    RemoteItem item = photo("1001", 100, "s1");
    backedUp(item, "bytes", TRIPS);
    put(ItemPaths.of(new Listed(item, List.of(TRIPS)), "jpg", false).home(), "BYTES");
    assertThat(planner().plan(new Listed(item, List.of(TRIPS)))).isInstanceOf(Action.Skip.class);
    assertThat(planner(false, true, false).plan(new Listed(item, List.of(TRIPS)))).isInstanceOf(Action.Fetch.class);
  }

  @Test
  void metadataChangeIsARefreshWithoutAMove() throws Exception {
    backedUp(photo("1001", 100, "s1"), "bytes", TRIPS);
    Action a = planner().plan(new Listed(photo("1001", 200, "s1"), List.of(TRIPS)));
    assertThat(a).isInstanceOfSatisfying(Action.Refresh.class, r -> assertThat(r.moved()).isFalse());
    assertThat(a.outcome()).isEqualTo(ItemOutcome.METADATA_ONLY);
  }

  @Test
  void newHomeAlbumIsARefreshThatMovesTheFile() throws Exception {
    RemoteItem item = photo("1001", 100, "s1");
    backedUp(item, "bytes", TRIPS);
    Action a = planner().plan(new Listed(item, List.of(CATS, TRIPS)));
    assertThat(a).isInstanceOfSatisfying(Action.Refresh.class, r -> {
      assertThat(r.moved()).isTrue();
      assertThat(r.paths().home().toString()).startsWith("Cats/");
      assertThat(r.paths().membership()).containsOnlyKeys(CATS.album().id(), TRIPS.album().id());
    });
  }

  @Test
  void missingCopyOrMetadataFileIsARefresh() throws Exception {
    RemoteItem item = photo("1001", 100, "s1");
    backedUp(item, "bytes", TRIPS, CATS);
    ItemPaths paths = ItemPaths.of(new Listed(item, List.of(TRIPS, CATS)), "jpg", false);
    store.delete(paths.copies().get(CATS.album().id()));
    assertThat(planner().plan(new Listed(item, List.of(TRIPS, CATS)))).isInstanceOf(Action.Refresh.class);

    RemoteItem other = photo("1002", 100, "s1");
    backedUp(other, "bytes", TRIPS);
    store.delete(ItemPaths.metadataOf(ItemPaths.of(new Listed(other, List.of(TRIPS)), "jpg", false).home(),
        MetadataWriters.ini()));
    assertThat(planner().plan(new Listed(other, List.of(TRIPS)))).isInstanceOf(Action.Refresh.class);
  }

  @Test
  void adoptedFileWhoseUrlNamesTheSecretIsNotFetched() throws Exception {
    RemoteItem item = photo("1001", 100, "abc123");
    Listed listed = new Listed(item, List.of());
    ItemPaths paths = ItemPaths.of(listed, "jpg", false);
    put(paths.home(), "bytes");
    catalog.adopt(List.of(new ItemRow("1001", 0, Adoption.ADOPTED + "https://x/1001_abc123_o.jpg", "photo", "jpg",
        5, "sha", paths.home().toString(), "done", 0, null, false, null)));
    Action a = planner().plan(listed);
    assertThat(a).isInstanceOf(Action.Refresh.class); // the row gets the real secret
  }

  @Test
  void dryRunDecidesFetchesOnly() throws Exception {
    backedUp(photo("1001", 100, "s1"), "bytes", TRIPS);
    Planner dry = planner(false, false, true);
    assertThat(dry.plan(new Listed(photo("1001", 200, "s1"), List.of(TRIPS)))).isInstanceOf(Action.Skip.class);
    assertThat(dry.plan(new Listed(photo("1002", 200, "s1"), List.of(TRIPS)))).isInstanceOf(Action.Fetch.class);
  }

  @Test
  void storeOnceRecordsOnlyTheHomeAlbum() {
    Listed listed = new Listed(photo("1001", 100, "s1"), List.of(TRIPS, CATS));
    assertThat(ItemPaths.of(listed, "jpg", true).membership()).isEqualTo(Map.of(TRIPS.album().id(),
        "Trips/2012/02/28/1001.jpg"));
    assertThat(ItemPaths.of(listed, "jpg", false).copies()).containsOnlyKeys(CATS.album().id());
  }

  @Test
  void aRenditionIsFetchedAgainToAskForTheOriginalAndKeptAsCurrentWhileThereIsNone() throws Exception {
    RemoteItem item = photo("1001", 100, "s1");
    backedUp(item, "bytes", TRIPS);
    ItemRow row = catalog.item("1001").orElseThrow();
    ItemRow rendition = new ItemRow(row.id(), row.lastUpdate(), row.originalSecret(), row.media(), row.ext(),
        row.size(), row.sha256(), row.primaryPath(), "done", 0, null, false, "Site MP4");
    catalog.record(List.of(new Catalog.Done(rendition, catalog.memberships("1001"))));
    Listed listed = new Listed(item, List.of(TRIPS));

    Action a = planner(true, false, false).plan(listed); // even with keepExisting
    assertThat(a).isInstanceOfSatisfying(Action.Fetch.class, f -> {
      assertThat(f.renditionOnDisk()).isTrue();
      assertThat(f.previousPaths()).containsOnlyKeys(TRIPS.album().id());
    });

    MediaVariant same = new MediaVariant("Site MP4", java.net.URI.create("https://www.flickr.com/x/play/site/1/"));
    assertThat(planner().current(listed, rendition, same)).isInstanceOfSatisfying(Action.Skip.class,
        skip -> assertThat(skip.substitute()).isEqualTo(same));
    MediaVariant other = new MediaVariant("720p", same.url());
    assertThat(planner().current(listed, rendition, other)).isInstanceOf(Action.Refresh.class);
  }
}
