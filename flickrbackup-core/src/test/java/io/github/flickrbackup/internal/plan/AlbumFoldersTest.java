package io.github.flickrbackup.internal.plan;

import static io.github.flickrbackup.internal.plan.StubSource.album;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.internal.catalog.Catalog.AlbumRow;
import io.github.flickrbackup.internal.plan.Listed.AlbumFolder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlbumFoldersTest {
  static final String A1 = "72157600000000001";
  static final String A2 = "72157600000000002";
  static final String A3 = "72157600000000003";

  static List<String> folders(List<AlbumFolder> assigned) {
    return assigned.stream().map(AlbumFolder::folder).toList();
  }

  @Test
  void titlesSharedCaseInsensitivelyGetTheAlbumIdAndOthersTheirPlainName() {
    List<AlbumFolder> a = AlbumFolders.assign(List.of(album(A1, "Holidays", 1), album(A2, "HOLIDAYS", 1),
        album(A3, "Cats/Dogs", 1)), Map.of());
    assertThat(folders(a)).containsExactly("Holidays \u2013 " + A1, "HOLIDAYS \u2013 " + A2, "Cats_Dogs");
  }

  @Test
  void anAlbumKeepsItsFolderAndANewcomerWithTheSameNameGetsTheSuffix() {
    Map<String, AlbumRow> stored = Map.of(A1, new AlbumRow(A1, "Holidays", "Holidays", 1));
    List<AlbumFolder> a = AlbumFolders.assign(List.of(album(A1, "Holidays", 2), album(A2, "holidays", 2)), stored);
    assertThat(folders(a)).containsExactly("Holidays", "holidays \u2013 " + A2);
  }

  @Test
  void aRenamedAlbumGetsANewFolder() {
    Map<String, AlbumRow> stored = Map.of(A1, new AlbumRow(A1, "Holidays", "Holidays", 1));
    assertThat(folders(AlbumFolders.assign(List.of(album(A1, "Summer", 2)), stored))).containsExactly("Summer");
  }

  @Test
  void anItemsAlbumsFollowTheOwnersOrderAndUnknownAlbumsAreLeftOut() {
    AlbumFolders albums = AlbumFolders.of(AlbumFolders.assign(List.of(album(A1, "One", 1), album(A2, "Two", 1)),
        Map.of()), Map.of("1001", List.of(A1, A2)));
    assertThat(albums.of("1001")).extracting(AlbumFolder::folder).containsExactly("One", "Two");
    assertThat(albums.of("1002")).isEmpty();
    assertThat(albums.resolve(List.of(A3, A2))).extracting(AlbumFolder::folder).containsExactly("Two");
  }
}
