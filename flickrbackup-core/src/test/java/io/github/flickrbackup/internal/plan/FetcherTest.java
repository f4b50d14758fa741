package io.github.flickrbackup.internal.plan;

import static io.github.flickrbackup.internal.plan.StubSource.content;
import static io.github.flickrbackup.internal.plan.StubSource.jpeg;
import static io.github.flickrbackup.internal.plan.StubSource.photo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.RetryPolicy;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.internal.plan.Fetcher.Fetched;
import io.github.flickrbackup.internal.store.LocalFolderStore;
import io.github.flickrbackup.source.MediaContent;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.store.StorePath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherTest {
  static final RetryPolicy THREE_QUICK = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1));

  @TempDir Path dir;
  LocalFolderStore store;
  final RemoteItem item = photo("1001", 100, "s1");

  @BeforeEach
  void open() throws IOException {
    store = new LocalFolderStore(dir.resolve("dest"));
  }

  List<String> filesOnDisk() throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("dest"))) {
      return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void fetchedOriginalIsHashedAndPendingUnderTheSniffedName() throws Exception {
    byte[] bytes = jpeg(70_000, 1);
    StubSource source = new StubSource().item(item, bytes);
    try (Fetched f = new Fetcher(source, store, BackupListener.NONE, new StartedItems(BackupListener.NONE), THREE_QUICK).fetch(item, "Trips", null)) {
      assertThat(f.path()).isEqualTo(StorePath.of("Trips", "2012", "02", "28", "1001.jpg"));
      assertThat(f.size()).isEqualTo(bytes.length);
      assertThat(f.sha256()).isEqualTo(HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
      assertThat(store.stat(f.path())).isEmpty(); // nothing visible until the writer commits
      f.write().commit();
      assertThat(store.stat(f.path())).map(s -> s.size()).contains((long) bytes.length);
    }
  }

  @Test
  void anHtmlPageIsRefusedAfterEveryAttemptAndNothingIsLeft() throws Exception {
    AtomicInteger opened = new AtomicInteger();
    StubSource source = new StubSource() {
      @Override
      public MediaContent openMedia(RemoteItem i) {
        opened.incrementAndGet();
        byte[] html = "<html><body>Service unavailable</body></html>".getBytes(StandardCharsets.UTF_8);
        return content(html, OptionalLong.of(html.length));
      }
    };
    Fetcher fetcher = new Fetcher(source, store, BackupListener.NONE, new StartedItems(BackupListener.NONE), THREE_QUICK);
    assertThatThrownBy(() -> fetcher.fetch(item, null, null))
        .isInstanceOf(Failures.CorruptMedia.class).hasMessageContaining("unrecognised bytes");
    assertThat(opened).hasValue(3);
    assertThat(filesOnDisk()).isEmpty();
  }

  @Test
  void aBodyShorterThanAnnouncedIsRefusedAndItsPartialFileRemoved() throws Exception {
    byte[] bytes = jpeg(10_000, 2);
    StubSource source = new StubSource() {
      @Override
      public MediaContent openMedia(RemoteItem i) {
        return content(bytes, OptionalLong.of(bytes.length + 1));
      }
    };
    Fetcher fetcher = new Fetcher(source, store, BackupListener.NONE, new StartedItems(BackupListener.NONE), new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)));
    assertThatThrownBy(() -> fetcher.fetch(item, null, null))
        .isInstanceOf(Failures.CorruptMedia.class).hasMessageContaining("announced");
    assertThat(filesOnDisk()).isEmpty();
  }

  @Test
  void aConnectionResetMidBodyIsRetriedAndTheListenerHearsIt() throws Exception {
    byte[] bytes = jpeg(50_000, 3);
    AtomicInteger opened = new AtomicInteger();
    StubSource source = new StubSource() {
      @Override
      public MediaContent openMedia(RemoteItem i) {
        MediaContent whole = content(bytes, OptionalLong.of(bytes.length));
        if (opened.incrementAndGet() > 1) {
          return whole;
        }
        InputStream broken = new InputStream() {
          int read;

          @Override
          public int read() throws IOException {
            if (read++ >= 1000) {
              throw new IOException("connection reset");
            }
            return whole.body().read();
          }
        };
        return new MediaContent() {
          @Override
          public InputStream body() {
            return broken;
          }

          @Override
          public OptionalLong length() {
            return whole.length();
          }

          @Override
          public Optional<String> contentType() {
            return whole.contentType();
          }

          @Override
          public Optional<String> fileName() {
            return whole.fileName();
          }

          @Override
          public java.net.URI url() {
            return whole.url();
          }

          @Override
          public void close() {}
        };
      }
    };
    List<String> retries = new java.util.concurrent.CopyOnWriteArrayList<>();
    BackupListener listener = new BackupListener() {
      @Override
      public void retrying(String what, int attempt, Duration delay, Throwable cause) {
        retries.add(what + " #" + attempt);
      }
    };
    try (Fetched f = new Fetcher(source, store, listener, new StartedItems(listener), THREE_QUICK).fetch(item, null, null)) {
      assertThat(f.size()).isEqualTo(bytes.length);
    }
    assertThat(opened).hasValue(2);
    assertThat(retries).containsExactly("download 1001 #1");
    assertThat(filesOnDisk()).isEmpty(); // the failed attempt's .part is gone, the fetched one discarded on close
  }

  @Test
  void anUnavailableItemIsNotRetried() {
    AtomicInteger opened = new AtomicInteger();
    StubSource source = new StubSource() {
      @Override
      public MediaContent openMedia(RemoteItem i) throws SourceException {
        opened.incrementAndGet();
        throw new io.github.flickrbackup.ItemUnavailableException(i.id(),
            io.github.flickrbackup.FailureKind.NOT_FOUND, "gone");
      }
    };
    assertThatThrownBy(() -> new Fetcher(source, store, BackupListener.NONE, new StartedItems(BackupListener.NONE), THREE_QUICK).fetch(item, null, null))
        .isInstanceOf(io.github.flickrbackup.ItemUnavailableException.class);
    assertThat(opened).hasValue(1);
  }
}
