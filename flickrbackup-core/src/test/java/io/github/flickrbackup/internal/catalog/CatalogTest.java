package io.github.flickrbackup.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.internal.catalog.Catalog.AlbumRow;
import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
  @TempDir Path dir;
  Catalog catalog;

  @BeforeEach
  void open() throws Exception {
    catalog = Catalog.open(dir.resolve("catalog.db"));
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  static ItemRow row(String id, String path) {
    return new ItemRow(id, 100, "s", "photo", "jpg", 5, "sha", path, "done", 0, null, false);
  }

  @Test
  void aBatchOfChangesIsAppliedInOrder() throws Exception {
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("A", "A/1.jpg");
    paths.put("B", "B/1.jpg");
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

  @Test
  void aFailingBatchRecordsNothing() throws Exception {
    ItemRow broken = new ItemRow("2", 100, "s", null, "jpg", 5, "sha", "x/2.jpg", "done", 0, null, false);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalog.record(List.of(
        new Catalog.Done(row("1", "A/1.jpg"), Map.of()), new Catalog.Done(broken, Map.of()))))
        .isInstanceOf(java.sql.SQLException.class); // media is NOT NULL
    assertThat(catalog.item("1")).isEmpty();
  }

  @Test
  void albumsAreReplacedInOneGoKeepingUnlistedMembersAndForgettingGoneAlbums() throws Exception {
    catalog.replaceAlbums(List.of(new AlbumRow("A", "Trips", "Trips", 1), new AlbumRow("B", "Cats", "Cats", 1),
        new AlbumRow("C", "Old", "Old", 1)), Map.of("A", List.of("1", "2"), "B", List.of("2"), "C", List.of("3")));
    catalog.replaceAlbums(List.of(new AlbumRow("B", "Cats", "Cats", 2), new AlbumRow("A", "Trips", "Trips", 1)),
        Map.of("B", List.of("2", "4")));

    assertThat(catalog.albums().keySet()).containsExactly("B", "A");
    assertThat(catalog.albumsByItem()).isEqualTo(Map.of("1", List.of("A"), "2", List.of("B", "A"), "4", List.of("B")));
  }
}
