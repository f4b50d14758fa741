package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.TestToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileAccountTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(7).photos(120).sets(12).videoShare(0.1)
          .multiSetShare(0.3).averageBytes(5_000).hostile(true)))
      .build();

  @TempDir Path dir;

  @Test
  void hostileTitlesAndDatesStayInsideTheDestinationAndEveryTxtParses() throws Exception {
    TestToken t = fake.issueAccessToken();
    Path dest = dir.resolve("dest");
    BackupResult r = FlickrBackup.run(BackupPlan.builder()
        .source(FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
            .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
            .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).maxAttempts(2).build())
        .destination(dest)
        .selection(Selection.updatedSince(Instant.EPOCH))
        .downloadRetry(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(100)))
        .metadataWriters(List.of(MetadataWriters.ini(), MetadataWriters.jsonSidecar()))
        .build());

    // Only the items Flickr serves to a browser alone may fail, and they are reported as such.
    assertThat(r.failures()).allMatch(f -> f.kind() == FailureKind.NEEDS_WEB_SESSION
        || f.kind() == FailureKind.DOWNLOAD_FAILED || f.kind() == FailureKind.NOT_FOUND);
    assertThat(r.downloaded()).isGreaterThan(100);
    Path real = dest.toRealPath();
    long txts;
    try (Stream<Path> s = Files.walk(dest)) {
      List<Path> all = s.toList();
      for (Path p : all) {
        assertThat(p.toRealPath()).startsWith(real);
        assertThat(Files.isSymbolicLink(p)).isFalse();
        assertThat(p.getFileName().toString()).doesNotEndWith(".null");
      }
      txts = all.stream().filter(p -> p.toString().endsWith(".txt")).count();
      for (Path p : all) {
        if (p.toString().endsWith(".txt")) {
          List<String> lines = Files.readAllLines(p);
          // The Python tool's ten lines; a video saved from a rendition adds two that say so.
          assertThat(lines).as(p.toString()).hasSize(lines.contains("original = no") ? 12 : 10);
          assertThat(lines.get(0)).isEqualTo("[Information]");
        }
      }
    }
    assertThat(txts).isGreaterThan(100);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("dest");
    }
  }
}
