package io.github.flickrbackup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
