package io.github.flickrbackup.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
  @TempDir Path dir;

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

  private static int userVersion(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA user_version")) {
      return r.getInt(1);
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
    }
    assertThat(userVersion(file)).isEqualTo(Catalog.SCHEMA_VERSION).isEqualTo(2);
    try (Catalog c = Catalog.open(file)) {
      c.itemDone(new ItemRow("1005", 1, "abc", "video", "mp4", 10_000, "ee", "2012/02/28/1005.mp4", "done", 0,
          null, false, "Site MP4"), Map.of());
      assertThat(c.item("1005").orElseThrow().rendition()).isEqualTo("Site MP4");
      assertThat(c.renditionIds()).containsExactly("1005");
    }
  }

  @Test
  void aCatalogFromANewerVersionIsRefused() throws Exception {
    Path file = versionOneCatalog();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version=" + (Catalog.SCHEMA_VERSION + 1));
    }
    assertThatThrownBy(() -> Catalog.open(file)).isInstanceOf(SQLException.class).hasMessageContaining("newer");
  }
}
