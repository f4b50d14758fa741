package io.github.flickrbackup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flickrbackup.store.MediaStoreException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link MediaStore} contract as tests. A store proves itself by extending this class:
 *
 * <pre>{@code
 * class MyStoreTest extends MediaStoreContract {
 *   @Override protected MediaStore newStore() { return new MyStore(...); }
 * }
 * }</pre>
 *
 * Each test gets a fresh, empty store from {@link #newStore()}.
 *
 * <h2>Test dependencies</h2>
 * The class ships alone in core's test-jar, which brings none of its own dependencies (Maven
 * does not resolve a test-jar's test scope). Put these three on the test class path:
 * <pre>{@code
 * <dependency>
 *   <groupId>io.github.flickrbackup</groupId>
 *   <artifactId>flickrbackup-core</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * <dependency>
 *   <groupId>org.junit.jupiter</groupId>      <!-- it is a JUnit Jupiter test class (5.x or 6.x) -->
 *   <artifactId>junit-jupiter</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * <dependency>
 *   <groupId>org.assertj</groupId>            <!-- its assertions (3.x) -->
 *   <artifactId>assertj-core</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 * The versions flickrbackup is tested with: JUnit 6.1.3, AssertJ 3.27.7. Nothing else is
 * needed: no fake Flickr, no network.
 *
 * <p>The typed failures ({@link MediaStoreException.Reason}) are tested too. Missing files
 * need nothing from the store's test. For the others the test sets the store up through
 * {@link #arrange(Situation, StorePath)}; a store test overrides it for the situations it can
 * produce (a full volume, a read-only mount, a link out of the root), and the tests of the
 * others are skipped, not failed.
 */
public abstract class MediaStoreContract {
  /** The store under test, fresh for each test. */
  protected MediaStore store;

  /**
   * Makes a new, empty store.
   *
   * @return the store
   * @throws Exception if it cannot be made
   */
  protected abstract MediaStore newStore() throws Exception;

  /**
   * Situations that make a store fail in a known way. The test calls
   * {@link #arrange(Situation, StorePath)} on a fresh store, then expects the stated reason.
   */
  protected enum Situation {
    /** Writing 1 MiB anywhere fails: the store is full. Expects {@code NO_SPACE}. */
    FULL,
    /** No file can be created: the store is read-only. Expects {@code READ_ONLY}. */
    READ_ONLY,
    /**
     * The store may not write in the folder of the given path. Expects
     * {@code PERMISSION_DENIED} when writing there.
     */
    NOT_PERMITTED,
    /**
     * A folder on the way to the given path leads outside the store (a symbolic link, for a
     * file system). Expects {@code REFUSED_PATH} when writing, reading or looking it up.
     */
    LINK_OUT_OF_ROOT,
    /**
     * A file stands where the given path's folder must be. Expects {@code REFUSED_PATH}
     * when writing there. The default {@link #arrange} sets this up by writing that file
     * through the store, for a store with {@link StoreFeatures#folders()}; for one without
     * (object stores, where a name may be a file and a folder at once) the test is skipped.
     */
    FILE_WHERE_FOLDER_SHOULD_BE,
    /**
     * A folder (holding a file) stands at the given path. Expects {@code REFUSED_PATH} when
     * writing there. The default {@link #arrange} writes a file inside it through the store;
     * as above, only for a store with {@link StoreFeatures#folders()}.
     */
    FOLDER_WHERE_FILE_SHOULD_BE
  }

  /**
   * Puts the fresh store into a situation, if this store can be put into it. Override to opt
   * in; undo the situation in your own {@code @AfterEach}.
   *
   * @param situation what to set up
   * @param path the path the test will then use
   * @return true if the situation is set up; false skips the test
   * @throws Exception if setting it up failed
   */
  protected boolean arrange(Situation situation, StorePath path) throws Exception {
    // The two layout conflicts can be made through any store's own API; the rest cannot.
    // Without folders of its own (object stores) there is no conflict to make.
    if (!store.features().folders()) {
      return false;
    }
    if (situation == Situation.FILE_WHERE_FOLDER_SHOULD_BE && !path.folder().isEmpty()) {
      put(new StorePath(path.folder()), "a file, not a folder");
      return true;
    }
    if (situation == Situation.FOLDER_WHERE_FILE_SHOULD_BE) {
      put(path.resolve("inside.jpg"), "a file in a folder");
      return true;
    }
    return false;
  }

  @BeforeEach
  void createStore() throws Exception {
    store = newStore();
  }

  /**
   * Writes a file atomically.
   *
   * @param path where
   * @param text what
   * @throws IOException if writing fails
   */
  protected void put(StorePath path, String text) throws IOException {
    try (PendingWrite w = store.create(path)) {
      w.stream().write(text.getBytes(StandardCharsets.UTF_8));
      w.commit();
    }
  }

  /**
   * Reads a file.
   *
   * @param path where
   * @return its text
   * @throws IOException if reading fails
   */
  protected String read(StorePath path) throws IOException {
    try (InputStream in = store.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private List<String> walk() throws IOException {
    List<String> all = new ArrayList<>();
    store.walk(f -> all.add(f.path() + "=" + f.size()));
    all.sort(null);
    return all;
  }

  @Test
  void committedWriteIsVisibleWithItsSize() throws IOException {
    StorePath p = StorePath.of("Holidays", "2012", "02", "28", "1001.jpg");
    put(p, "hello");
    assertThat(read(p)).isEqualTo("hello");
    assertThat(store.stat(p)).contains(new StoredFile(p, 5));
  }

  @Test
  void nothingIsVisibleBeforeCommit() throws IOException {
    StorePath p = StorePath.of("a", "1.jpg");
    try (PendingWrite w = store.create(p)) {
      w.stream().write(new byte[100]);
      w.stream().flush();
      assertThat(store.stat(p)).isEmpty();
      assertThat(walk()).isEmpty();
      w.commit();
    }
    assertThat(store.stat(p)).map(StoredFile::size).contains(100L);
  }

  @Test
  void closingWithoutCommitLeavesNothing() throws IOException {
    StorePath p = StorePath.of("a", "1.jpg");
    try (PendingWrite w = store.create(p)) {
      w.stream().write(new byte[100]);
    }
    assertThat(store.stat(p)).isEmpty();
    assertThat(walk()).isEmpty();
  }

  @Test
  void abortedReplacementKeepsTheOldContent() throws IOException {
    StorePath p = StorePath.of("1.jpg");
    put(p, "old");
    try (PendingWrite w = store.create(p)) {
      w.stream().write("new but abandoned".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(read(p)).isEqualTo("old");
  }

  @Test
  void commitReplacesExistingContent() throws IOException {
    StorePath p = StorePath.of("1.jpg");
    put(p, "old content");
    put(p, "new");
    assertThat(read(p)).isEqualTo("new");
    assertThat(store.stat(p)).map(StoredFile::size).contains(3L);
  }

  private void assumeArranged(Situation situation, StorePath path) throws Exception {
    assumeTrue(arrange(situation, path), () -> "this store's test cannot arrange " + situation);
  }

  private static Consumer<MediaStoreException> reason(MediaStoreException.Reason expected) {
    return e -> assertThat(e.reason()).as("reason of: %s", e.getMessage()).isEqualTo(expected);
  }

  @Test
  void missingFileIsEmptyStatAndNoSuchFileOnOpen() throws IOException {
    StorePath p = StorePath.of("nope", "1.jpg");
    assertThat(store.stat(p)).isEqualTo(Optional.empty());
    assertThatThrownBy(() -> store.open(p)).isInstanceOf(NoSuchFileException.class);
    assertThat(store.delete(p)).isFalse();
  }

  @Test
  void deleteRemovesAFile() throws IOException {
    StorePath p = StorePath.of("x", "1.jpg");
    put(p, "x");
    assertThat(store.delete(p)).isTrue();
    assertThat(store.stat(p)).isEmpty();
  }

  @Test
  void walkListsEveryCommittedFileOnce() throws IOException {
    put(StorePath.of("a", "1.jpg"), "1");
    put(StorePath.of("b", "c", "2.jpg"), "22");
    put(StorePath.of("3.jpg.txt"), "333");
    assertThat(walk()).containsExactly("3.jpg.txt=3", "a/1.jpg=1", "b/c/2.jpg=2");
  }

  @Test
  void linkMakesAnIndependentlyReadableSecondCopy() throws IOException {
    StorePath a = StorePath.of("A", "1.jpg");
    StorePath b = StorePath.of("B", "1.jpg");
    put(a, "same bytes");
    store.link(a, b, false);
    assertThat(read(b)).isEqualTo("same bytes");
    store.link(a, StorePath.of("C", "1.jpg"), true);
    assertThat(read(StorePath.of("C", "1.jpg"))).isEqualTo("same bytes");
    store.delete(a);
    assertThat(read(b)).isEqualTo("same bytes");
  }

  @Test
  void linkReplacesAnExistingTarget() throws IOException {
    StorePath a = StorePath.of("A", "1.jpg");
    StorePath b = StorePath.of("B", "1.jpg");
    put(a, "new");
    put(b, "old");
    store.link(a, b, false);
    assertThat(read(b)).isEqualTo("new");
  }

  @Test
  void syncOfCommittedAndLinkedFilesKeepsThemAsTheyAre() throws IOException {
    StorePath a = StorePath.of("A", "1.jpg");
    StorePath b = StorePath.of("B", "1.jpg");
    put(a, "bytes");
    store.link(a, b, false);
    store.sync(List.of(a, b));
    store.sync(List.of());
    assertThat(read(a)).isEqualTo("bytes");
    assertThat(read(b)).isEqualTo("bytes");
    assertThat(walk()).containsExactly("A/1.jpg=5", "B/1.jpg=5");
  }

  @Test
  void moveTakesTheFileToItsNewPathWithItsBytes() throws IOException {
    StorePath a = StorePath.of("Holidays", "2012", "1001.jpg");
    StorePath b = StorePath.of(".flickrbackup", "attic", "2026-01-01T00-00-00.000Z", "Holidays", "2012", "1001.jpg");
    put(a, "the only copy");
    store.move(a, b);
    assertThat(store.stat(a)).isEmpty();
    assertThat(read(b)).isEqualTo("the only copy");
    assertThat(store.stat(b)).map(StoredFile::size).contains(13L);
  }

  @Test
  void moveNeverReplacesAFileAndLeavesBothAsTheyWere() throws IOException {
    StorePath a = StorePath.of("A", "1.jpg");
    StorePath b = StorePath.of("B", "1.jpg");
    put(a, "mine");
    put(b, "theirs");
    assertThatThrownBy(() -> store.move(a, b)).isInstanceOfSatisfying(MediaStoreException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED_PATH));
    assertThat(read(a)).isEqualTo("mine");
    assertThat(read(b)).isEqualTo("theirs");
  }

  @Test
  void movingAMissingFileIsNotFoundAndCreatesNothing() throws IOException {
    assertThatThrownBy(() -> store.move(StorePath.of("none.jpg"), StorePath.of("B", "1.jpg")))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(walk()).isEmpty();
  }

  @Test
  void linkOfAMissingFileFails() {
    assertThatThrownBy(() -> store.link(StorePath.of("none.jpg"), StorePath.of("B", "1.jpg"), false))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentWritesToDifferentFilesAllLand() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        int n = i;
        futures.add(pool.submit(() -> {
          put(StorePath.of("same", "folder", n + ".jpg"), "item " + n);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(walk()).hasSize(64);
    assertThat(read(StorePath.of("same", "folder", "17.jpg"))).isEqualTo("item 17");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentWritesToOneFileLeaveOneWholeVersion() throws Exception {
    StorePath p = StorePath.of("contended.jpg");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        String body = String.valueOf((char) ('a' + i % 26)).repeat(10_000);
        futures.add(pool.submit(() -> {
          put(p, body);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    String content = read(p);
    assertThat(content).hasSize(10_000);
    assertThat(content.chars().distinct().count()).isEqualTo(1);
  }

  private static <E extends IOException> Consumer<E> classifiedAs(Reason expected) {
    return e -> assertThat(MediaStoreException.reasonOf(e)).as("reason of: %s", e).isEqualTo(expected);
  }

  @Test
  void openingAMissingFileIsNotFound() throws IOException {
    put(StorePath.of("a", "1.jpg"), "x");
    // NoSuchFileException rather than MediaStoreException, so that callers catching it keep working.
    assertThatThrownBy(() -> store.open(StorePath.of("a", "2.jpg")).close())
        .isInstanceOfSatisfying(NoSuchFileException.class, classifiedAs(Reason.NOT_FOUND));
    assertThatThrownBy(() -> store.open(StorePath.of("b", "1.jpg")).close())
        .isInstanceOfSatisfying(NoSuchFileException.class, classifiedAs(Reason.NOT_FOUND));
  }

  @Test
  void linkingFromAMissingFileIsNotFoundAndCreatesNothing() throws IOException {
    StorePath target = StorePath.of("B", "1.jpg");
    assertThatThrownBy(() -> store.link(StorePath.of("A", "none.jpg"), target, false))
        .isInstanceOfSatisfying(IOException.class, classifiedAs(Reason.NOT_FOUND));
    assertThatThrownBy(() -> store.link(StorePath.of("A", "none.jpg"), target, true))
        .isInstanceOfSatisfying(IOException.class, classifiedAs(Reason.NOT_FOUND));
    assertThat(store.stat(target)).isEmpty();
  }

  @Test
  void writingUnderAFileIsARefusedPath() throws Exception {
    StorePath p = StorePath.of("a", "b", "1.jpg");
    assumeArranged(Situation.FILE_WHERE_FOLDER_SHOULD_BE, p);
    List<String> before = walk();
    assertThatThrownBy(() -> put(p, "x"))
        .isInstanceOfSatisfying(MediaStoreException.class, reason(Reason.REFUSED_PATH));
    assertThatThrownBy(() -> store.link(StorePath.of("a", "b"), p, false))
        .isInstanceOfSatisfying(MediaStoreException.class, reason(Reason.REFUSED_PATH));
    assertThat(walk()).isEqualTo(before);
  }

  @Test
  void writingOverAFolderIsARefusedPath() throws Exception {
    StorePath p = StorePath.of("a", "1.jpg");
    put(StorePath.of("2.jpg"), "y");
    assumeArranged(Situation.FOLDER_WHERE_FILE_SHOULD_BE, p);
    List<String> before = walk();
    assertThatThrownBy(() -> put(p, "x"))
        .isInstanceOfSatisfying(MediaStoreException.class, reason(Reason.REFUSED_PATH));
    assertThatThrownBy(() -> store.link(StorePath.of("2.jpg"), p, false))
        .isInstanceOfSatisfying(MediaStoreException.class, reason(Reason.REFUSED_PATH));
    assertThat(walk()).isEqualTo(before);
  }

  @Test
  void aFolderLeadingOutOfTheStoreIsARefusedPathForEveryOperation() throws Exception {
    StorePath p = StorePath.of("out", "1.jpg");
    put(StorePath.of("inside.jpg"), "x");
    assumeArranged(Situation.LINK_OUT_OF_ROOT, p);
    assertThatThrownBy(() -> put(p, "x"))
        .isInstanceOfSatisfying(MediaStoreException.class, reason(Reason.REFUSED_PATH));
    assertThatThrownBy(() -> store.open(p).close())
        .isInstanceOfSatisfying(MediaStoreException.class, reason(Reason.REFUSED_PATH));
    assertThatThrownBy(() -> store.stat(p))
        .isInstanceOfSatisfying(MediaStoreException.class, reason(Reason.REFUSED_PATH));
    assertThatThrownBy(() -> store.link(StorePath.of("inside.jpg"), p, false))
        .isInstanceOfSatisfying(MediaStoreException.class, reason(Reason.REFUSED_PATH));
    assertThatThrownBy(() -> store.delete(p))
        .isInstanceOfSatisfying(MediaStoreException.class, reason(Reason.REFUSED_PATH));
  }

  @Test
  void aFullStoreFailsWithNoSpaceAndLeavesNothing() throws Exception {
    StorePath p = StorePath.of("a", "big.jpg");
    assumeArranged(Situation.FULL, p);
    List<String> before = walk();
    byte[] mib = new byte[1024 * 1024];
    assertThatThrownBy(() -> {
      try (PendingWrite w = store.create(p)) {
        w.stream().write(mib);
        w.commit();
      }
    }).isInstanceOfSatisfying(MediaStoreException.class, reason(Reason.NO_SPACE));
    assertThat(store.stat(p)).isEmpty();
    assertThat(walk()).isEqualTo(before);
  }

  @Test
  void aReadOnlyStoreFailsWithReadOnly() throws Exception {
    StorePath p = StorePath.of("a", "1.jpg");
    assumeArranged(Situation.READ_ONLY, p);
    assertThatThrownBy(() -> put(p, "x"))
        .isInstanceOfSatisfying(MediaStoreException.class, reason(Reason.READ_ONLY));
    assertThat(store.stat(p)).isEmpty();
  }

  @Test
  void aFolderTheStoreMayNotWriteFailsWithPermissionDenied() throws Exception {
    StorePath p = StorePath.of("locked", "1.jpg");
    assumeArranged(Situation.NOT_PERMITTED, p);
    assertThatThrownBy(() -> put(p, "x"))
        .isInstanceOfSatisfying(MediaStoreException.class, reason(Reason.PERMISSION_DENIED));
  }
}
