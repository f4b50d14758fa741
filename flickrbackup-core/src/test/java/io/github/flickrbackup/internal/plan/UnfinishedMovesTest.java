package io.github.flickrbackup.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.Catalog.MoveRow;
import io.github.flickrbackup.internal.store.LocalFolderStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed between recording its moves and making them: the next run finishes them. */
class UnfinishedMovesTest {
  @TempDir Path dir;

  @Test
  void movesRecordedButNotMadeAreMadeByTheNextRunAndMadeOnesAreOnlyMarked() throws Exception {
    Path dest = Files.createDirectories(dir.resolve("dest"));
    Files.createDirectories(dest.resolve("Holidays/2012"));
    Files.writeString(dest.resolve("Holidays/2012/1001.jpg"), "not moved yet");
    Files.createDirectories(dest.resolve(".flickrbackup/attic/T/Holidays/2012"));
    Files.writeString(dest.resolve(".flickrbackup/attic/T/Holidays/2012/1002.jpg"), "moved before the kill");
    LocalFolderStore store = new LocalFolderStore(dest);
    try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
      catalog.planMoves(1, List.of(
          new MoveRow(0, "1001", "DELETED_ON_FLICKR", "Holidays/2012/1001.jpg",
              ".flickrbackup/attic/T/Holidays/2012/1001.jpg", false),
          new MoveRow(0, "1002", "DELETED_ON_FLICKR", "Holidays/2012/1002.jpg",
              ".flickrbackup/attic/T/Holidays/2012/1002.jpg", false)), List.of(), Map.of());
      assertThat(catalog.unfinishedMoves()).hasSize(2);

      int finished = Mirror.finishUnfinished(catalog, store, BackupListener.NONE);

      assertThat(finished).isEqualTo(2);
      assertThat(catalog.unfinishedMoves()).isEmpty();
      assertThat(catalog.moves()).hasSize(2);
    }
    assertThat(dest.resolve("Holidays/2012/1001.jpg")).doesNotExist();
    assertThat(dest.resolve(".flickrbackup/attic/T/Holidays/2012/1001.jpg")).hasContent("not moved yet");
    assertThat(dest.resolve(".flickrbackup/attic/T/Holidays/2012/1002.jpg")).hasContent("moved before the kill");
  }
}
