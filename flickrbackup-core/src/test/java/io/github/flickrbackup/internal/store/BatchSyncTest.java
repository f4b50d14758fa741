package io.github.flickrbackup.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flickrbackup.store.PendingWrite;
import io.github.flickrbackup.store.StorePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a run's store makes a batch durable: one file-system sync, or each file and folder. */
class BatchSyncTest {
  @TempDir Path dir;

  private static void write(LocalFolderStore store, StorePath p, String content) throws IOException {
    try (PendingWrite w = store.create(p)) {
      w.stream().write(content.getBytes(StandardCharsets.UTF_8));
      w.commit();
    }
  }

  private static List<StorePath> writeThree(LocalFolderStore store) throws IOException {
    List<StorePath> files = List.of(StorePath.of("Trips", "2012", "1.jpg"), StorePath.of("Trips", "2012", "1.jpg.txt"),
        StorePath.of("Cats", "2.jpg"));
    for (StorePath p : files) {
      write(store, p, p.toString());
    }
    return files;
  }

  @Test
  void newFilesWaitForTheBatchWhichIsOneSyncOfTheFileSystem() throws IOException {
    assumeTrue(FileSystemSync.system() != null, "syncfs is trusted on Linux 5.8 and later only");
    LocalFolderStore store = LocalFolderStore.deferringFolderSyncs(dir.resolve("dest"));
    List<StorePath> files = writeThree(store);
    assertThat(store.fileSyncs()).isZero();

    store.sync(files);

    assertThat(store.fileSystemSyncs()).isEqualTo(1);
    assertThat(store.fileSyncs()).isZero();
    assertThat(store.folderSyncs()).isZero();
    store.sync(List.of()); // nothing written since: nothing to do
    assertThat(store.fileSystemSyncs()).isEqualTo(1);
  }

  @Test
  void aFewNamesAreSyncedOneByOneNotWithTheWholeFileSystem() throws IOException {
    Path calls = dir.resolve("calls.txt");
    // Records its calls and succeeds: it must not be called for a file and its folder.
    FileSystemSync recording = FileSystemSync.command(List.of("sh", "-c", "echo \"$1\" >> '" + calls + "'", "sh"));
    LocalFolderStore store = LocalFolderStore.deferringFolderSyncs(dir.resolve("dest"), recording);
    StorePath stamp = StorePath.of(".stamp");
    write(store, stamp, "1330387200");

    store.sync(List.of(stamp)); // the file's content and the root's new name: two fsyncs

    assertThat(calls).doesNotExist();
    assertThat(store.fileSystemSyncs()).isZero();
    assertThat(store.fileSyncs()).isEqualTo(1);
    assertThat(store.folderSyncs()).isEqualTo(1);

    writeThree(store); // three files in new folders: seven names, one file-system sync
    store.sync(List.of());
    assertThat(Files.readAllLines(calls)).containsExactly(store.root().toString());
    assertThat(store.fileSystemSyncs()).isEqualTo(1);
    assertThat(store.fileSyncs()).isEqualTo(1);
  }

  @Test
  void aFileThatReplacesAnotherIsSyncedBeforeItsRenameInEveryMode() throws IOException {
    LocalFolderStore store = LocalFolderStore.deferringFolderSyncs(dir.resolve("dest"));
    StorePath p = StorePath.of("Trips", "1.jpg.txt");
    write(store, p, "old");
    assertThat(store.fileSyncs()).isZero();
    write(store, p, "new");
    assertThat(store.fileSyncs()).isEqualTo(1); // the old version is never lost before the new one is durable
    assertThat(Files.readString(store.root().resolve("Trips/1.jpg.txt"))).isEqualTo("new");
  }

  @Test
  void aLargeNewFileIsSyncedAsItIsCommittedAndItsFolderWaitsForTheBatch() throws IOException {
    Path calls = dir.resolve("calls.txt");
    // Records its calls and fails, so that the batch's sync is counted file by file.
    FileSystemSync failing = FileSystemSync.command(List.of("sh", "-c", "echo \"$1\" >> '" + calls + "'; exit 1", "sh"));
    LocalFolderStore store = LocalFolderStore.deferringFolderSyncs(dir.resolve("dest"), failing);
    StorePath large = StorePath.of("Trips", "1.mp4");
    StorePath small = StorePath.of("Trips", "1.mp4.txt");
    write(store, small, "x".repeat((int) LocalFolderStore.SYNC_AT_COMMIT_FROM - 1));
    assertThat(store.fileSyncs()).isZero();
    try (PendingWrite w = store.create(large)) {
      w.stream().write(new byte[(int) LocalFolderStore.SYNC_AT_COMMIT_FROM]);
      w.commit();
    }
    assertThat(store.fileSyncs()).as("the large file, at its commit").isEqualTo(1);

    store.sync(List.of(large, small));

    // The batch syncs the small file's content, not the large one's again, and the folders.
    assertThat(store.fileSyncs()).isEqualTo(2);
    assertThat(store.folderSyncs()).as("Trips, and the root that gained it").isEqualTo(2);
    assertThat(Files.size(store.root().resolve("Trips/1.mp4"))).isEqualTo(LocalFolderStore.SYNC_AT_COMMIT_FROM);
  }

  @Test
  void whenTheFileSystemSyncFailsEachFileAndFolderIsSyncedAndItIsNotTriedAgain() throws IOException {
    Path calls = dir.resolve("calls.txt");
    // Stands for a `sync` without -f, or one that reports a write error: it fails.
    FileSystemSync failing = FileSystemSync.command(List.of("sh", "-c", "echo \"$1\" >> '" + calls + "'; exit 1", "sh"));
    LocalFolderStore store = LocalFolderStore.deferringFolderSyncs(dir.resolve("dest"), failing);
    List<StorePath> files = writeThree(store);

    store.sync(files);

    assertThat(Files.readAllLines(calls)).containsExactly(store.root().toString());
    assertThat(store.fileSystemSyncs()).isZero();
    assertThat(store.fileSyncs()).isEqualTo(3);
    // Trips/2012 and Cats, plus the folders that gained a new folder: the root and Trips.
    assertThat(store.folderSyncs()).isEqualTo(4);

    write(store, StorePath.of("Cats", "3.jpg"), "3");
    store.sync(List.of(StorePath.of("Cats", "3.jpg")));
    assertThat(Files.readAllLines(calls)).hasSize(1);
    assertThat(store.fileSyncs()).isEqualTo(4);
  }

  @Test
  void theKernelVersionDecidesWhetherSyncfsReportsWriteErrors() {
    assertThat(FileSystemSync.kernelAtLeast("6.1.0-28-amd64", 5, 8)).isTrue();
    assertThat(FileSystemSync.kernelAtLeast("5.8.0", 5, 8)).isTrue();
    assertThat(FileSystemSync.kernelAtLeast("5.10.55+", 5, 8)).isTrue();
    assertThat(FileSystemSync.kernelAtLeast("5.4.0-150-generic", 5, 8)).isFalse();
    assertThat(FileSystemSync.kernelAtLeast("4.4.302+", 5, 8)).isFalse();
    assertThat(FileSystemSync.kernelAtLeast("", 5, 8)).isFalse();
    assertThat(FileSystemSync.kernelAtLeast("unknown", 5, 8)).isFalse();
  }
}
