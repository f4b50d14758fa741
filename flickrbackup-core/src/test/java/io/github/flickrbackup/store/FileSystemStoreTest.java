package io.github.flickrbackup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.internal.store.LocalFolderStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemStoreTest extends MediaStoreContract {
  @TempDir Path dir;

  @Override
  protected MediaStore newStore() throws IOException {
    return FileSystemStore.at(dir.resolve("dest"));
  }

  private Path root() {
    return dir.resolve("dest");
  }

  @Test
  void featuresAreHardLinksAndDurable() {
    assertThat(store.features()).isEqualTo(new StoreFeatures(true, true));
  }

  @Test
  void linkedCopiesShareAnInode() throws IOException {
    put(StorePath.of("A", "1.jpg"), "bytes");
    store.link(StorePath.of("A", "1.jpg"), StorePath.of("B", "1.jpg"), false);
    assertThat(Files.getAttribute(root().resolve("A/1.jpg"), "unix:ino"))
        .isEqualTo(Files.getAttribute(root().resolve("B/1.jpg"), "unix:ino"));
    store.link(StorePath.of("A", "1.jpg"), StorePath.of("C", "1.jpg"), true);
    assertThat(Files.getAttribute(root().resolve("C/1.jpg"), "unix:ino"))
        .isNotEqualTo(Files.getAttribute(root().resolve("A/1.jpg"), "unix:ino"));
  }

  @Test
  void pendingWriteIsAHiddenPartFileInTheSameFolder() throws IOException {
    try (PendingWrite w = store.create(StorePath.of("x", "1.jpg"))) {
      w.stream().write(1);
      w.stream().flush();
      try (var files = Files.list(root().resolve("x"))) {
        List<String> names = files.map(p -> p.getFileName().toString()).toList();
        assertThat(names).hasSize(1);
        assertThat(names.get(0)).startsWith(".1.jpg.").endsWith(".part");
      }
    }
  }

  @Test
  void refusesToWriteThroughASymbolicLink() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(root().resolve("evil"), outside);
    assertThatThrownBy(() -> put(StorePath.of("evil", "1.jpg"), "x"))
        .isInstanceOf(IOException.class).hasMessageContaining("symbolic link");
    try (var files = Files.list(outside)) {
      assertThat(files.count()).isZero();
    }
  }

  @Test
  void walkSkipsTemporaryFilesAndTheStateFolder() throws IOException {
    put(StorePath.of("1.jpg"), "x");
    Files.createDirectories(root().resolve(".flickrbackup"));
    Files.writeString(root().resolve(".flickrbackup/catalog.db"), "db");
    Files.writeString(root().resolve(".2.jpg.abcdefghij.part"), "partial");
    List<String> all = new ArrayList<>();
    store.walk(f -> all.add(f.path().toString()));
    assertThat(all).containsExactly("1.jpg");
  }

  @Test
  void staleTemporaryFilesOfAKilledRunAreRemoved() throws IOException {
    Files.createDirectories(root().resolve("a"));
    Files.writeString(root().resolve("a/.2.jpg.abcdefghij.part"), "partial");
    assertThat(((LocalFolderStore) store).removeStaleTemporaryFiles()).isEqualTo(1);
    assertThat(root().resolve("a/.2.jpg.abcdefghij.part")).doesNotExist();
  }

  @Test
  void diskFullMessagesSayDiskFull() {
    IOException e = LocalFolderStore.explain(new IOException("No space left on device"), root().resolve("1.jpg"));
    assertThat(e).hasMessageContaining("disk full");
    assertThat(LocalFolderStore.isFatal(e)).isTrue();
  }

  @Test
  void eachCommitSyncsItsFolderAndTheParentOfEveryNewFolder() throws IOException {
    LocalFolderStore local = (LocalFolderStore) store;
    put(StorePath.of("a", "b", "1.jpg"), "x");
    assertThat(local.folderSyncs()).isEqualTo(3); // a/b, and the new entries b in a and a in the root
    put(StorePath.of("a", "b", "2.jpg"), "y");
    assertThat(local.folderSyncs()).isEqualTo(4);
  }

  @Test
  void aDeferringStoreLeavesFolderSyncsToSyncWhichSyncsEachFolderOnce() throws IOException {
    LocalFolderStore deferring = LocalFolderStore.deferringFolderSyncs(dir.resolve("deferred"));
    List<StorePath> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      StorePath p = StorePath.of("a", "b", i + ".jpg");
      try (PendingWrite w = deferring.create(p)) {
        w.stream().write(i);
        w.commit();
      }
      written.add(p);
      deferring.link(p, StorePath.of("c", i + ".jpg"), false);
      written.add(StorePath.of("c", i + ".jpg"));
    }
    assertThat(deferring.folderSyncs()).isZero();
    assertThat(deferring.stat(StorePath.of("c", "3.jpg"))).map(StoredFile::size).contains(1L);

    deferring.sync(written);
    // a/b and c, plus the folders that gained a new folder: the root and a.
    assertThat(deferring.folderSyncs()).isEqualTo(4);
    deferring.sync(written.subList(0, 1));
    assertThat(deferring.folderSyncs()).isEqualTo(5);
  }
}
