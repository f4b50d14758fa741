package io.github.flickrbackup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flickrbackup.internal.store.LocalFolderStore;
import io.github.flickrbackup.store.MediaStoreException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
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

  /** A tmpfs mounted over the root by {@link #arrange}, unmounted after the test. */
  private boolean mounted;

  @Override
  protected boolean arrange(Situation situation, StorePath path) throws Exception {
    switch (situation) {
      case FULL:
        // Smaller than the 1 MiB the test writes. Mounting needs root; elsewhere the test is skipped.
        return mounted = mount(root(), "size=256k");
      case READ_ONLY:
        return mounted = mount(root(), "ro,size=256k");
      case NOT_PERMITTED:
        Path locked = Files.createDirectories(root().resolve(path.folder().get(0)));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        // root writes regardless of permission bits: then there is nothing to test.
        return !Files.isWritable(locked);
      case LINK_OUT_OF_ROOT:
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(root().resolve(path.segments().get(0)), outside);
        return true;
      default:
        return super.arrange(situation, path);
    }
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      run("umount", root().toString());
    }
  }

  private static boolean mount(Path where, String options) {
    return run("mount", "-t", "tmpfs", "-o", options, "tmpfs", where.toString());
  }

  private static boolean run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().transferTo(OutputStream.nullOutputStream());
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void featuresAreHardLinksAndDurable() {
    assertThat(store.features()).isEqualTo(StoreFeatures.fileSystem());
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
    // The volume under the temp folder has room (as under a used-up quota): only the message tells.
    IOException e = LocalFolderStore.explain(new IOException("No space left on device"), root().resolve("1.jpg"));
    assertThat(e).hasMessageContaining("disk full")
        .isInstanceOfSatisfying(MediaStoreException.class, m -> assertThat(m.reason()).isEqualTo(Reason.NO_SPACE));
  }

  @Test
  void accessDeniedIsPermissionDeniedWhateverItsMessage() {
    // Running as root, a real permission failure cannot be produced here; the type is what counts.
    IOException e = LocalFolderStore.explain(
        new AccessDeniedException(root().resolve("1.jpg").toString(), null, "Zugriff verweigert"), root().resolve("1.jpg"));
    assertThat(e).hasMessageContaining("permission denied")
        .isInstanceOfSatisfying(MediaStoreException.class, m -> assertThat(m.reason()).isEqualTo(Reason.PERMISSION_DENIED));
  }

  @Test
  void unexplainedErrorsAreOtherAndKeepTheirMessage() {
    // EPERM is how some file systems refuse a hard link: it must not read as "permission denied".
    for (String message : List.of("Operation not permitted", "Input/output error", "Invalid cross-device link")) {
      IOException e = LocalFolderStore.explain(
          new FileSystemException(root().resolve("1.jpg").toString(), null, message), root().resolve("1.jpg"));
      assertThat(e).hasMessageContaining(message)
          .isInstanceOfSatisfying(MediaStoreException.class, m -> assertThat(m.reason()).isEqualTo(Reason.OTHER));
    }
  }

  @Test
  void linkingAcrossVolumesFallsBackToACopy() throws IOException {
    put(StorePath.of("A", "1.jpg"), "bytes");
    Path other = Files.createDirectories(root().resolve("B"));
    // Roomier than NEARLY_FULL, so that the cross-device error is not taken for a full disk.
    assumeTrue(mount(other, "size=8m"), "cannot mount a tmpfs here");
    try {
      store.link(StorePath.of("A", "1.jpg"), StorePath.of("B", "1.jpg"), false);
      assertThat(Files.readString(other.resolve("1.jpg"))).isEqualTo("bytes");
      assertThat(Files.getAttribute(other.resolve("1.jpg"), "unix:dev"))
          .isNotEqualTo(Files.getAttribute(root().resolve("A/1.jpg"), "unix:dev"));
    } finally {
      run("umount", other.toString());
    }
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
    // Each folder synced on its own (the way without a whole-file-system sync).
    LocalFolderStore deferring = LocalFolderStore.deferringFolderSyncs(dir.resolve("deferred"), false);
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

  private static void write(MediaStore store, StorePath p, String content) throws IOException {
    try (PendingWrite w = store.create(p)) {
      w.stream().write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      w.commit();
    }
  }

  @Test
  void aRunsStoreFindsAFolderAgainThatWasRemovedAfterItWasChecked() throws IOException {
    LocalFolderStore deferring = LocalFolderStore.deferringFolderSyncs(dir.resolve("deferred"), false);
    write(deferring, StorePath.of("a", "b", "1.jpg"), "x");
    deferring.sync(List.of(StorePath.of("a", "b", "1.jpg")));
    assertThat(deferring.folderSyncs()).isEqualTo(3); // a/b, a and the root
    Path b = deferring.root().resolve("a").resolve("b");
    Files.delete(b.resolve("1.jpg"));
    Files.delete(b);

    write(deferring, StorePath.of("a", "b", "2.jpg"), "y");

    assertThat(Files.readString(b.resolve("2.jpg"))).isEqualTo("y");
    // the re-created folder's name is synced with the next batch, as any new folder's
    deferring.sync(List.of(StorePath.of("a", "b", "2.jpg")));
    assertThat(deferring.folderSyncs()).isEqualTo(5); // a/b again, and a, which gained b again
  }

  @Test
  void aStoreThatMayLiveAcrossRunsChecksEveryPathAgain() throws IOException {
    write(store, StorePath.of("evil", "1.jpg"), "x");
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path evil = root().resolve("evil");
    Files.delete(evil.resolve("1.jpg"));
    Files.delete(evil);
    Files.createSymbolicLink(evil, outside);

    assertThatThrownBy(() -> write(store, StorePath.of("evil", "2.jpg"), "y"))
        .isInstanceOf(IOException.class).hasMessageContaining("symbolic link");
    try (var files = Files.list(outside)) {
      assertThat(files.count()).isZero();
    }
  }

  @Test
  void aRunsStoreStillWritesAfterItsMemoryOfCheckedFoldersStartedAfresh() throws IOException {
    LocalFolderStore deferring = LocalFolderStore.deferringFolderSyncs(dir.resolve("deferred"));
    int folders = LocalFolderStore.MAX_CHECKED_FOLDERS / 2 + 10; // two checked folders each: d and d/x
    for (int i = 0; i < folders; i++) {
      write(deferring, StorePath.of("d" + i, "x", "1.jpg"), "x");
    }
    write(deferring, StorePath.of("d0", "x", "2.jpg"), "y");
    assertThat(Files.readString(deferring.root().resolve("d0/x/2.jpg"))).isEqualTo("y");
    try (var entries = Files.list(deferring.root())) {
      assertThat(entries.count()).isEqualTo(folders);
    }
  }
}
