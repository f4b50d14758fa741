package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.MediaContent;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.TestToken;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Whole-download retries are a setting of the plan, not a knob shared by every run in the JVM. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DownloadRetryTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(11).photos(4).sets(1).averageBytes(20_000)))
      .build();

  @TempDir Path dir;

  PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()))
        .retry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(10)))
        .build();
  }

  /** The real source, except that the first body of {@code id} breaks off after 100 bytes. */
  PhotoSource cutOnce(String id) {
    return new BackupEndToEndTest.FailingSource(source(), Set.of()) {
      private boolean cut;

      @Override
      public synchronized MediaContent openMedia(RemoteItem item) throws SourceException {
        MediaContent real = super.openMedia(item);
        if (!item.id().value().equals(id) || cut) {
          return real;
        }
        cut = true;
        return new CutShort(real, 100);
      }
    };
  }

  /** A body that delivers its first bytes, then fails as a dropped connection does. */
  static final class CutShort implements MediaContent {
    private final MediaContent real;
    private final InputStream body;

    CutShort(MediaContent real, long after) {
      this.real = real;
      this.body = new FilterInputStream(real.body()) {
        long read;

        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (read >= after) {
            throw new IOException("connection reset (simulated)");
          }
          int n = super.read(b, off, (int) Math.min(len, after - read));
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

  /** Records download retries (the source's own retries are not heard: it has no listener). */
  static final class Retries implements BackupListener {
    final List<String> what = new CopyOnWriteArrayList<>();
    final List<Duration> delays = new CopyOnWriteArrayList<>();

    @Override
    public void retrying(String what, int attempt, Duration delay, Throwable cause) {
      this.what.add(what + " #" + attempt);
      delays.add(delay);
    }
  }

  @Test
  void aBodyCutShortIsDownloadedAgainWithThePlansBackoff() throws Exception {
    String id = fake.account().items().get(0).id();
    Retries retries = new Retries();

    BackupResult r = FlickrBackup.run(BackupPlan.builder().source(cutOnce(id)).destination(dir.resolve("dest"))
        .selection(Selection.updatedSince(Instant.EPOCH)).retries(0).listener(retries)
        .downloadRetry(new RetryPolicy(2, Duration.ofMillis(40), Duration.ofSeconds(1)))
        .build());

    assertThat(r.failures()).isEmpty();
    assertThat(fake.stats().downloads(id)).isEqualTo(2);
    assertThat(retries.what).containsExactly("download " + id + " #1");
    // Equal jitter: the first wait is between half the base delay and the base delay.
    assertThat(retries.delays.get(0)).isBetween(Duration.ofMillis(20), Duration.ofMillis(40));
  }

  @Test
  void oneAttemptMeansABodyCutShortFailsTheItem() throws Exception {
    String id = fake.account().items().get(0).id();
    Retries retries = new Retries();

    BackupResult r = FlickrBackup.run(BackupPlan.builder().source(cutOnce(id)).destination(dir.resolve("dest"))
        .selection(Selection.updatedSince(Instant.EPOCH)).retries(0).listener(retries)
        .downloadRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO))
        .build());

    assertThat(r.failures()).extracting(f -> f.id().value()).containsExactly(id);
    assertThat(r.failures().get(0).kind()).isEqualTo(FailureKind.DOWNLOAD_FAILED);
    assertThat(fake.stats().downloads(id)).isEqualTo(1);
    assertThat(retries.what).isEmpty();
  }

  @Test
  void plansAndSourcesDefaultToDocumentedPolicies() {
    BackupPlan plan = BackupPlan.builder().source(source()).destination(dir).build();
    assertThat(plan.downloadRetry()).isEqualTo(RetryPolicy.downloadDefault());
    assertThat(RetryPolicy.downloadDefault())
        .isEqualTo(new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(60)));
    assertThat(RetryPolicy.apiDefault()).isEqualTo(new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60)));
    assertThat(plan.toBuilder().build().downloadRetry()).isEqualTo(plan.downloadRetry());
  }

  @Test
  void aRetryPolicyRefusesNonsenseWithAMessage() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> new RetryPolicy(21, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("between 1 and 20");
    assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofMillis(-1), Duration.ZERO))
        .hasMessageContaining("baseDelay");
    assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("maxDelay");
    assertThatThrownBy(() -> new RetryPolicy(2, Duration.ZERO, Duration.ofHours(2)))
        .hasMessageContaining("1 hour");
    assertThatThrownBy(() -> new RetryPolicy(2, null, Duration.ZERO)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> BackupPlan.builder().downloadRetry(null)).isInstanceOf(NullPointerException.class);
  }
}
