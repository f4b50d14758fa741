package io.github.flickrbackup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MediaStore#move}'s default (copy, sync, compare, then delete), through a store that
 * does not override it: the whole contract holds, and a copy that does not match never costs
 * the original.
 */
class DefaultMoveTest extends MediaStoreContract {
  @TempDir Path dir;
  /** What the store did, in order, for the ordering test. */
  final List<String> calls = new ArrayList<>();
  /** When true, copies made by link lose their last byte (a broken server-side copy). */
  boolean corruptCopies;

  @Override
  protected MediaStore newStore() throws IOException {
    MediaStore inner = FileSystemStore.at(dir.resolve("dest"));
    return new MediaStore() {
      @Override public StoreFeatures features() {
        return StoreFeatures.objectStore();
      }

      @Override public Optional<StoredFile> stat(StorePath path) throws IOException {
        return inner.stat(path);
      }

      @Override public PendingWrite create(StorePath path) throws IOException {
        return inner.create(path);
      }

      @Override public InputStream open(StorePath path) throws IOException {
        return inner.open(path);
      }

      @Override public void link(StorePath existing, StorePath target, boolean forceCopy) throws IOException {
        calls.add("copy " + target);
        if (!corruptCopies) {
          inner.link(existing, target, true);
          return;
        }
        byte[] bytes;
        try (InputStream in = inner.open(existing)) {
          bytes = in.readAllBytes();
        }
        try (PendingWrite w = inner.create(target)) {
          w.stream().write(bytes, 0, bytes.length - 1);
          w.commit();
        }
      }

      @Override public boolean delete(StorePath path) throws IOException {
        calls.add("delete " + path);
        return inner.delete(path);
      }

      @Override public void walk(Consumer<? super StoredFile> visitor) throws IOException {
        inner.walk(visitor);
      }

      @Override public void sync(Collection<StorePath> files) {
        calls.add("sync " + files);
      }
    };
  }

  @Test
  void theDefaultMoveDeletesTheOriginalOnlyAfterTheCopyIsSynced() throws IOException {
    StorePath a = StorePath.of("A", "1.jpg");
    StorePath b = StorePath.of("attic", "A", "1.jpg");
    put(a, "bytes");
    calls.clear();

    store.move(a, b);

    assertThat(calls).containsSubsequence("copy " + b, "sync [" + b + "]", "delete " + a);
    assertThat(calls.indexOf("delete " + a)).isGreaterThan(calls.indexOf("sync [" + b + "]"));
    assertThat(read(b)).isEqualTo("bytes");
  }

  @Test
  void aCopyThatDoesNotMatchIsDeletedAndTheOriginalStays() throws IOException {
    StorePath a = StorePath.of("A", "1.jpg");
    StorePath b = StorePath.of("attic", "A", "1.jpg");
    put(a, "the only copy");
    corruptCopies = true;

    assertThatThrownBy(() -> store.move(a, b)).isInstanceOf(MediaStoreException.class)
        .hasMessageContaining("does not hold the same bytes");

    assertThat(read(a)).isEqualTo("the only copy");
    assertThat(store.stat(b)).isEmpty();
    assertThat(calls).doesNotContain("delete " + a);
  }
}
