package io.github.flickrbackup.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.internal.catalog.Catalog.AlbumRow;
import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import io.github.flickrbackup.internal.catalog.Catalog.RunRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
  @TempDir Path dir;

  private static final Set<String> LISTINGS = Set.of("own", "favorites");

  /** The items table as schema version 1 wrote it (a fixture of the old on-disk format). */
  private Path versionOneCatalog() throws SQLException {
    Path file = dir.resolve("catalog.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE items(id TEXT PRIMARY KEY, lastupdate INTEGER NOT NULL,"
          + " originalsecret TEXT NOT NULL, media TEXT NOT NULL, ext TEXT, size INTEGER, sha256 TEXT,"
          + " primary_path TEXT, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
          + " last_error TEXT, needs_session INTEGER NOT NULL DEFAULT 0)");
      s.execute("CREATE TABLE memberships(item_id TEXT NOT NULL, album_id TEXT NOT NULL,"
          + " path TEXT NOT NULL, PRIMARY KEY(item_id, album_id))");
      s.execute("CREATE TABLE albums(id TEXT PRIMARY KEY, title TEXT NOT NULL,"
          + " folder TEXT NOT NULL, date_update INTEGER NOT NULL, position INTEGER NOT NULL DEFAULT 0)");
      s.execute("CREATE TABLE album_members(album_id TEXT NOT NULL, item_id TEXT NOT NULL,"
          + " position INTEGER NOT NULL, PRIMARY KEY(album_id, item_id))");
      s.execute("CREATE TABLE runs(id INTEGER PRIMARY KEY AUTOINCREMENT, started INTEGER NOT NULL,"
          + " finished INTEGER, mode TEXT NOT NULL, high_water INTEGER, api_calls INTEGER, bytes INTEGER,"
          + " result TEXT)");
      s.execute("CREATE TABLE marks(selection TEXT PRIMARY KEY, high_water INTEGER NOT NULL)");
      s.execute("INSERT INTO items VALUES('1004', 1700000000, 'abcdef', 'video', 'mov', 40000, 'ff',"
          + " '2012/02/28/1004.mov', 'done', 0, NULL, 0)");
      s.execute("INSERT INTO marks VALUES('own', 1700000000)");
      s.execute("PRAGMA user_version=1");
    }
    return file;
  }

  private static int userVersion(Path db) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA user_version")) {
      return r.getInt(1);
    }
  }

  private static List<String> runColumns(Path db) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA table_info(runs)")) {
      while (r.next()) {
        columns.add(r.getString("name"));
      }
    }
    return columns;
  }

  @Test
  void aNewCatalogHasTheCurrentSchema() throws Exception {
    Path db = dir.resolve("catalog.db");
    Catalog.open(db).close();

    assertThat(userVersion(db)).isEqualTo(Catalog.SCHEMA_VERSION).isGreaterThanOrEqualTo(3);
    assertThat(runColumns(db)).contains("since");
  }

  @Test
  void aVersionOneCatalogIsMigratedWithItsRowsKept() throws Exception {
    Path db = dir.resolve("catalog.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      // The schema as version 1 wrote it, with a first run that was killed (never finished).
      s.execute("CREATE TABLE items(id TEXT PRIMARY KEY, lastupdate INTEGER NOT NULL,"
          + " originalsecret TEXT NOT NULL, media TEXT NOT NULL, ext TEXT, size INTEGER, sha256 TEXT,"
          + " primary_path TEXT, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
          + " last_error TEXT, needs_session INTEGER NOT NULL DEFAULT 0)");
      s.execute("CREATE TABLE runs(id INTEGER PRIMARY KEY AUTOINCREMENT, started INTEGER NOT NULL,"
          + " finished INTEGER, mode TEXT NOT NULL, high_water INTEGER, api_calls INTEGER, bytes INTEGER,"
          + " result TEXT)");
      s.execute("CREATE TABLE marks(selection TEXT PRIMARY KEY, high_water INTEGER NOT NULL)");
      s.execute("INSERT INTO items(id, lastupdate, originalsecret, media, state) VALUES('1001', 5, 'abc', 'photo', 'done')");
      s.execute("INSERT INTO runs(started, mode) VALUES(100, 'own')");
      s.execute("PRAGMA user_version=1");
    }

    try (Catalog catalog = Catalog.open(db)) {
      assertThat(catalog.item("1001")).hasValueSatisfying(row -> assertThat(row.done()).isTrue());
      RunRow run = catalog.lastRun(LISTINGS).orElseThrow();
      assertThat(run.mode()).isEqualTo("own");
      assertThat(run.since()).isEmpty();
      assertThat(run.interrupted()).isTrue();
    }
    assertThat(userVersion(db)).isEqualTo(Catalog.SCHEMA_VERSION);
  }

  @Test
  void remembersWhereEachRunStartedAndWhetherItFinished() throws Exception {
    try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
      Instant since = Instant.parse("2000-01-01T00:00:00Z");
      long own = catalog.runStarted(Instant.parse("2026-01-01T03:30:00Z"), "own", since);
      catalog.runStarted(Instant.parse("2026-01-01T04:00:00Z"), "ids", null);

      RunRow killed = catalog.lastRun(LISTINGS).orElseThrow();
      assertThat(killed.id()).isEqualTo(own);
      assertThat(killed.since()).contains(since);
      assertThat(killed.interrupted()).isTrue();

      catalog.runFinished(own, Instant.parse("2026-01-01T05:00:00Z"), since, 3, 10, "fatal: disk full");
      assertThat(catalog.lastRun(LISTINGS).orElseThrow().interrupted()).isTrue();

      long fav = catalog.runStarted(Instant.parse("2026-01-02T03:30:00Z"), "favorites", Instant.EPOCH);
      catalog.runFinished(fav, Instant.parse("2026-01-02T03:31:00Z"), null, 1, 0, "partial");
      RunRow done = catalog.lastRun(LISTINGS).orElseThrow();
      assertThat(done.mode()).isEqualTo("favorites");
      assertThat(done.interrupted()).isFalse();
      assertThat(catalog.lastRun(Set.of("own")).orElseThrow().id()).isEqualTo(own);
    }
  }

  @Test
  void noRunsMeansNoLastRun() throws Exception {
    try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
      assertThat(catalog.lastRun(LISTINGS)).isEmpty();
    }
  }

  @Test
  void aVersionOneCatalogGainsTheRenditionColumnAndKeepsItsRows() throws Exception {
    Path file = versionOneCatalog();
    try (Catalog c = Catalog.open(file)) {
      ItemRow row = c.item("1004").orElseThrow();
      assertThat(row.primaryPath()).isEqualTo("2012/02/28/1004.mov");
      assertThat(row.size()).isEqualTo(40_000);
      assertThat(row.rendition()).as("everything written before held its original").isNull();
      assertThat(c.mark("own")).isPresent();
      assertThat(c.renditionIds()).isEmpty();
      assertThat(c.moves()).as("the moves table of --mirror exists, empty").isEmpty();
      assertThat(c.unfinishedMoves()).isEmpty();
    }
    assertThat(userVersion(file)).isEqualTo(Catalog.SCHEMA_VERSION).isGreaterThanOrEqualTo(3);
    try (Catalog c = Catalog.open(file)) {
      c.record(List.of(new Catalog.Done(new ItemRow("1005", 1, "abc", "video", "mp4", 10_000, "ee",
          "2012/02/28/1005.mp4", "done", 0, null, false, "Site MP4"), Map.of())));
      assertThat(c.item("1005").orElseThrow().rendition()).isEqualTo("Site MP4");
      assertThat(c.renditionIds()).containsExactly("1005");
    }
  }

  @Test
  void theRenditionLookupReadsItsIndexNotEveryItem() throws Exception {
    Path migrated = versionOneCatalog();
    Path created = dir.resolve("created.db");
    Catalog.open(migrated).close();
    Catalog.open(created).close();
    for (Path db : List.of(migrated, created)) {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("EXPLAIN QUERY PLAN " + Catalog.RENDITION_IDS)) {
        StringBuilder plan = new StringBuilder();
        while (r.next()) {
          plan.append(r.getString("detail")).append('\n');
        }
        assertThat(plan.toString()).as(db.getFileName().toString()).contains("USING INDEX items_rendition")
            .doesNotContain("TEMP B-TREE");
      }
    }
  }

  @Test
  void countsTheOwnItemsAndTheFavoritesApart() throws Exception {
    try (Catalog c = Catalog.open(dir.resolve("catalog.db"))) {
      List<Catalog.Done> done = new ArrayList<>();
      for (String id : List.of("1", "2", "3", "4", "5")) {
        done.add(new Catalog.Done(row(id, "2012/02/28/" + id + ".jpg"), Map.of()));
      }
      c.record(done);
      c.addFavorites(List.of("4", "5", "99")); // 99: a favorite not listed yet, in no state

      assertThat(c.countIn(false, "done")).isEqualTo(3);
      assertThat(c.countIn(true, "done")).isEqualTo(2);
      assertThat(c.countIn(false, "pending")).isZero();
      assertThat(c.countIn(true, "pending")).isZero();
    }
  }

  @Test
  void aCatalogFromANewerVersionIsRefused() throws Exception {
    Path db = dir.resolve("catalog.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version=" + (Catalog.SCHEMA_VERSION + 1));
    }
    assertThatThrownBy(() -> Catalog.open(db)).isInstanceOf(SQLException.class).hasMessageContaining("newer");
  }

  static ItemRow row(String id, String path) {
    return new ItemRow(id, 100, "s", "photo", "jpg", 5, "sha", path, "done", 0, null, false, null);
  }

  @Test
  void aBatchOfChangesIsAppliedInOrder() throws Exception {
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("A", "A/1.jpg");
    paths.put("B", "B/1.jpg");
    try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
      catalog.record(List.of(
          new Catalog.Failed("1", 100, "photo", "DOWNLOAD_FAILED: 503", false),
          new Catalog.Done(row("1", "A/1.jpg"), paths),
          new Catalog.Failed("2", 100, "video", "NEEDS_WEB_SESSION: 404", true),
          new Catalog.Failed("3", 0, "photo", "NOT_FOUND: deleted", false),
          new Catalog.Gone("3")));

      assertThat(catalog.item("1")).get().extracting(ItemRow::state, ItemRow::attempts, ItemRow::lastError)
          .containsExactly("done", 0, null);
      assertThat(catalog.memberships("1")).containsExactly(Map.entry("A", "A/1.jpg"), Map.entry("B", "B/1.jpg"));
      assertThat(catalog.item("2")).get().extracting(ItemRow::state, ItemRow::needsSession)
          .containsExactly("pending", true);
      assertThat(catalog.item("3")).get().extracting(ItemRow::state).isEqualTo("gone");
      assertThat(catalog.pendingIds()).containsExactly("2");
    }
  }

  @Test
  void aFailingBatchRecordsNothing() throws Exception {
    ItemRow broken = new ItemRow("2", 100, "s", null, "jpg", 5, "sha", "x/2.jpg", "done", 0, null, false, null);
    try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
      assertThatThrownBy(() -> catalog.record(List.of(
          new Catalog.Done(row("1", "A/1.jpg"), Map.of()), new Catalog.Done(broken, Map.of()))))
          .isInstanceOf(SQLException.class); // media is NOT NULL
      assertThat(catalog.item("1")).isEmpty();
    }
  }

  @Test
  void albumsAreReplacedInOneGoKeepingUnlistedMembersAndForgettingGoneAlbums() throws Exception {
    try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
      catalog.replaceAlbums(List.of(new AlbumRow("A", "Trips", "Trips", 1), new AlbumRow("B", "Cats", "Cats", 1),
          new AlbumRow("C", "Old", "Old", 1)), Map.of("A", List.of("1", "2"), "B", List.of("2"), "C", List.of("3")));
      catalog.replaceAlbums(List.of(new AlbumRow("B", "Cats", "Cats", 2), new AlbumRow("A", "Trips", "Trips", 1)),
          Map.of("B", List.of("2", "4")));

      assertThat(catalog.albums().keySet()).containsExactly("B", "A");
      assertThat(catalog.albumsByItem()).isEqualTo(Map.of("1", List.of("A"), "2", List.of("B", "A"), "4",
          List.of("B")));
    }
  }

  @Test
  void aRunEndedInOrderUnlessItWasKilledOrStoppedByAFatalError() throws Exception {
    try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
      assertThat(catalog.lastRunEndedInOrder()).isFalse();
      long first = catalog.runStarted(Instant.EPOCH, "own", Instant.EPOCH);
      assertThat(catalog.lastRunEndedInOrder()).isFalse();
      catalog.runFinished(first, Instant.EPOCH, null, 1, 0, "partial");
      assertThat(catalog.lastRunEndedInOrder()).isTrue();
      long second = catalog.runStarted(Instant.EPOCH, "own", Instant.EPOCH);
      catalog.runFinished(second, Instant.EPOCH, null, 1, 0, "fatal: disk full");
      assertThat(catalog.lastRunEndedInOrder()).isFalse();
    }
  }
}
