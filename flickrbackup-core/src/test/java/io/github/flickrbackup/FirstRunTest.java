package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.TestToken;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A program that runs one plan every night: the first run is full, the next ones incremental. */
@Timeout(60)
class FirstRunTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(5).photos(12).sets(2).averageBytes(5_000)))
      .build();

  @TempDir Path dir;

  private PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder()
        .endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()))
        .build();
  }

  @Test
  void sinceLastRunOrStartsAFreshDestinationThereAndThenContinuesFromTheLastRun() throws Exception {
    try (PhotoSource source = source()) {
      BackupPlan plan = BackupPlan.builder().source(source).destination(dir.resolve("dest"))
          .selection(Selection.sinceLastRunOr(Instant.EPOCH)).build();

      BackupResult first = FlickrBackup.run(plan);
      assertThat(first.failures()).isEmpty();
      assertThat(first.downloaded()).isEqualTo(fake.account().items().size());

      String edited = fake.account().items().get(3).id();
      fake.account().editMetadata(edited, e -> e.title("edited after the first run"));
      fake.stats().reset();

      BackupResult second = FlickrBackup.run(plan);
      assertThat(second.downloaded()).isZero();
      assertThat(second.metadataOnly()).isEqualTo(1);
      // Incremental: only what changed since the mark is listed, not the whole account again.
      assertThat(second.listed()).isEqualTo(1);
      assertThat(fake.stats().mediaRequests()).isZero();
    }
  }

  @Test
  void theFallbackAppliesOnlyToSinceLastRun() {
    assertThatThrownBy(() -> new Selection.OwnItems(Instant.EPOCH, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Selection.sinceLastRunOr(Instant.EPOCH)).isEqualTo(new Selection.OwnItems(null, Instant.EPOCH));
    assertThat(Selection.sinceLastRun()).isNotEqualTo(Selection.sinceLastRunOr(Instant.EPOCH));
  }
}
