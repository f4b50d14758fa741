package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.MediaContent;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.TestToken;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run "killed" mid-download: while one body is stalled half-way, the destination is
 * copied as it is on disk (what SIGKILL would leave: a .part file, a catalog without the
 * item); a run on that copy must clean up and finish only what was left. {@link KilledJvmTest}
 * kills a real process.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KilledRunTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(5).photos(40).sets(4).averageBytes(20_000)))
      .build();

  @TempDir Path dir;

  static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(100));

  PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).maxAttempts(2).build();
  }

  @Test
  void rerunAfterAKillMidDownloadFinishesOnlyWhatWasLeft() throws Exception {
    List<FakeItem> items = fake.account().items();
    String stalledId = items.get(items.size() / 2).id();
    CountDownLatch stalled = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PhotoSource stalling = new BackupEndToEndTest.FailingSource(source(), java.util.Set.of()) {
      @Override
      public MediaContent openMedia(RemoteItem item) throws SourceException {
        MediaContent real = super.openMedia(item);
        if (!item.id().value().equals(stalledId)) {
          return real;
        }
        return new Stalling(real, stalled, release);
      }
    };
    // Every other item is finished (its catalog row committed) before the "kill", so the copy
    // below is taken while nothing but the stalled body is being written, however slow the
    // machine is.
    CountDownLatch othersDone = new CountDownLatch(items.size() - 1);
    BackupListener countOthers = new BackupListener() {
      @Override
      public void itemFinished(PhotoId id, ItemOutcome outcome) {
        othersDone.countDown();
      }

      @Override
      public void itemFailed(ItemFailure failure) {
        othersDone.countDown();
      }
    };
    Path dest = dir.resolve("dest");
    Thread run = new Thread(() -> {
      try {
        FlickrBackup.run(BackupPlan.builder().source(stalling).destination(dest).threads(2).downloadRetry(FAST)
            .listener(countOthers)
            .selection(Selection.updatedSince(Instant.EPOCH)).build());
      } catch (BackupException e) {
        // the interrupted run may fail; the copy is what matters
      }
    });
    run.start();
    assertThat(stalled.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(othersDone.await(60, TimeUnit.SECONDS)).as("every other item finished").isTrue();

    Path killed = dir.resolve("killed");
    copyTree(dest, killed);
    release.countDown();
    run.interrupt();
    run.join(60_000);

    Map<String, List<Path>> before = BackupEndToEndTest.mediaFiles(killed);
    assertThat(before).doesNotContainKey(stalledId);
    try (Stream<Path> s = Files.walk(killed)) {
      assertThat(s.filter(p -> p.getFileName().toString().endsWith(".part")).count()).isGreaterThanOrEqualTo(1);
    }
    fake.stats().reset();

    BackupResult rerun = FlickrBackup.run(BackupPlan.builder().source(source()).destination(killed).downloadRetry(FAST)
        .selection(Selection.updatedSince(Instant.EPOCH)).build());

    assertThat(rerun.complete()).isTrue();
    assertThat(fake.stats().downloads(stalledId)).isEqualTo(1);
    for (String done : before.keySet()) {
      assertThat(fake.stats().downloads(done)).as("finished before the kill: " + done).isZero();
    }
    Map<String, List<Path>> after = BackupEndToEndTest.mediaFiles(killed);
    for (FakeItem item : items) {
      for (Path p : after.get(item.id())) {
        assertThat(BackupEndToEndTest.sha256(p)).isEqualTo(item.sha256());
      }
    }
    try (Stream<Path> s = Files.walk(killed)) {
      assertThat(s.filter(p -> p.getFileName().toString().endsWith(".part")).count()).isZero();
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.getFileName().toString().equals("lock")) {
          continue;
        }
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** A body that delivers half its bytes, then waits. */
  static final class Stalling implements MediaContent {
    private final MediaContent real;
    private final InputStream body;

    Stalling(MediaContent real, CountDownLatch stalled, CountDownLatch release) {
      this.real = real;
      long half = real.length().orElse(20_000) / 2;
      this.body = new FilterInputStream(real.body()) {
        long read;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (read >= half) {
            stalled.countDown();
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new IOException("connection reset (simulated kill)");
          }
          int n = super.read(b, off, (int) Math.min(len, half - read));
          read += Math.max(0, n);
          return n;
        }
      };
    }

    @Override
    public InputStream body() {
      return body;
    }

    @Override
    public OptionalLong length() {
      return real.length();
    }

    @Override
    public Optional<String> contentType() {
      return real.contentType();
    }

    @Override
    public Optional<String> fileName() {
      return real.fileName();
    }

    @Override
    public URI url() {
      return real.url();
    }

    @Override
    public void close() throws IOException {
      real.close();
    }
  }
}
