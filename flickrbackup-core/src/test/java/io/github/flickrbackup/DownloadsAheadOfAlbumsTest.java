package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.Fault;
import io.github.flickrbackup.testkit.TestToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first run downloads new items while the last albums are still being read, and ends with
 * the same files, in the same folders, as a run that waited for every album; when an album
 * cannot be read, the run stops and places none of the items it downloaded ahead.
 */
@Timeout(60)
class DownloadsAheadOfAlbumsTest {
  /** 12 albums: the lister reads 8 at a time, so the 12th call is for one of the last 4. */
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(7).photos(80).sets(12).averageBytes(5_000)))
      .build();

  @TempDir Path dir;

  private PhotoSource source(RetryPolicy apiRetry) {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder()
        .endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()))
        .retry(apiRetry)
        .build();
  }

  private BackupResult run(Path dest, BackupListener listener) throws Exception {
    return run(dest, listener, RetryPolicy.apiDefault());
  }

  private BackupResult run(Path dest, BackupListener listener, RetryPolicy apiRetry) throws Exception {
    try (PhotoSource source = source(apiRetry)) {
      return FlickrBackup.run(BackupPlan.builder().source(source).destination(dest)
          .selection(Selection.updatedSince(Instant.EPOCH)).listener(listener).build());
    }
  }

  @Test
  void newItemsAreDownloadedWhileTheLastAlbumIsReadAndEndUpWhereAWaitingRunPutsThem() throws Exception {
    Path waited = dir.resolve("waited");
    assertThat(run(waited, new BackupListener() {}).failures()).isEmpty();

    // The 12th album call answers 1.5 s late: the items of the first 8 albums need not wait for it.
    fake.faults(Fault.latency(Duration.ofMillis(1_500)).forMethod("flickr.photosets.getPhotos").everyNth(12));
    List<String> events = new CopyOnWriteArrayList<>();
    Path ahead = dir.resolve("ahead");
    BackupResult result = run(ahead, new BackupListener() {
      @Override
      public void albumsRead(int done, int total) {
        if (done == total && total > 0) {
          events.add("all albums read");
        }
      }

      @Override
      public void itemStarted(PhotoId id, long expectedBytes) {
        events.add("item started");
      }
    });

    assertThat(result.failures()).isEmpty();
    assertThat(result.downloaded()).isEqualTo(fake.account().items().size());
    assertThat(events).contains("all albums read");
    assertThat(events.get(0)).isEqualTo("item started");
    assertThat(files(ahead)).isEqualTo(files(waited));
  }

  @Test
  void whenTheLastAlbumCannotBeReadTheRunStopsAndNoItemDownloadedAheadIsPlaced() throws Exception {
    Path waited = dir.resolve("waited");
    assertThat(run(waited, new BackupListener() {}).failures()).isEmpty();

    // The 12th album call answers late, so that items go ahead, and then fails; no retries.
    fake.faults(Fault.latency(Duration.ofMillis(1_500)).forMethod("flickr.photosets.getPhotos").everyNth(12),
        Fault.httpError(500).forMethod("flickr.photosets.getPhotos").everyNth(12));
    List<String> started = new CopyOnWriteArrayList<>();
    Path dest = dir.resolve("failed");
    BackupListener listener = new BackupListener() {
      @Override
      public void itemStarted(PhotoId id, long expectedBytes) {
        started.add(id.value());
      }
    };
    assertThatThrownBy(() -> run(dest, listener, new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1))))
        .isInstanceOf(SourceException.class).hasMessageContaining("flickr.photosets.getPhotos");

    // Items were downloaded while the albums were read, but none was placed or recorded: their
    // albums, which the links and metadata files need, were never known.
    assertThat(started).isNotEmpty();
    assertThat(files(dest)).isEmpty();
    fake.clearFaults();
    BackupResult again = run(dest, new BackupListener() {});
    assertThat(again.failures()).isEmpty();
    assertThat(again.downloaded()).isEqualTo(fake.account().items().size());
    assertThat(files(dest)).isEqualTo(files(waited));
  }

  /** Every file under a destination but the program's state: its path and size. */
  private static Map<String, Long> files(Path dest) throws IOException {
    Map<String, Long> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dest)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String rel = dest.relativize(p).toString().replace('\\', '/');
        if (Files.isRegularFile(p) && !rel.startsWith(".flickrbackup") && !rel.startsWith("catalog")) {
          files.put(rel, Files.size(p));
        }
      }
    }
    return files;
  }
}
