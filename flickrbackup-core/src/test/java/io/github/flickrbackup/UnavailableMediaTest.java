package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.testkit.Fault;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.MediaFormat;
import io.github.flickrbackup.testkit.TestToken;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media Flickr will not serve: videos that need a browser session, originals whose URL answers
 * 404 although Flickr still lists the item. Each failure must be quick and say what happened.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnavailableMediaTest {
  static final List<String> SESSION_VIDEOS = List.of("1101", "1102", "1103", "1104");

  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.builder()
          .owner("12345678@N00", "alice", "Alice Example")
          .photo("1001", p -> p.format(MediaFormat.JPEG).bytes(20_000))
          .photo("1002", p -> p.format(MediaFormat.PNG).bytes(8_000))
          .video("1101", v -> v.needsBrowserSession())
          .video("1102", v -> v.needsBrowserSession())
          .video("1103", v -> v.needsBrowserSession().format(MediaFormat.MOV))
          .video("1104", v -> v.needsBrowserSession())
          .build())
      .build();

  @TempDir Path dir;

  /** Every {@code retrying} event, from the source and from the engine. */
  final List<String> retries = Collections.synchronizedList(new ArrayList<>());
  final BackupListener listener = new BackupListener() {
    @Override
    public void retrying(String what, int attempt, Duration delay, Throwable cause) {
      retries.add(what);
    }
  };

  /** A source as the CLI builds it: default attempts and back-off. */
  PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()))
        .listener(listener).build();
  }

  BackupResult run(Path dest) throws BackupException {
    return FlickrBackup.run(BackupPlan.builder().source(source()).destination(dest).listener(listener)
        .selection(Selection.updatedSince(Instant.EPOCH)).build());
  }

  long mediaRequestsFor(String id) {
    return fake.requests().stream().map(r -> r.getUrl().encodedPath())
        .filter(p -> p.contains("/" + id + "/play/") || p.startsWith("/video/" + id + "/")
            || p.matches("/\\d+/" + id + "_.*"))
        .count();
  }

  long apiCallsFor(String method, String id) {
    return fake.requests().stream().filter(q -> method.equals(q.getUrl().queryParameter("method"))
        && id.equals(q.getUrl().queryParameter("photo_id"))).count();
  }

  static String catalogState(Path dest, String id) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dest.resolve(".flickrbackup/catalog.db"));
        PreparedStatement p = c.prepareStatement("SELECT state FROM items WHERE id=?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  @Test
  void aVideoThatNeedsASessionIsReportedAfterOneRequestAndOneGetSizesWithoutBackoff() throws Exception {
    BackupResult r = run(dir.resolve("dest"));

    assertThat(r.downloaded()).isEqualTo(2);
    assertThat(r.failures()).extracting(f -> f.id().value()).containsExactlyInAnyOrderElementsOf(SESSION_VIDEOS);
    assertThat(r.failures()).extracting(ItemFailure::kind).containsOnly(FailureKind.NEEDS_WEB_SESSION);
    for (String id : SESSION_VIDEOS) {
      assertThat(mediaRequestsFor(id)).as("media requests for " + id).isEqualTo(1);
    }
    assertThat(fake.stats().apiCalls("flickr.photos.getSizes")).isEqualTo(SESSION_VIDEOS.size());
    assertThat(retries).as("a 404 without a session is an answer, not a transient fault").isEmpty();
  }

  @Test
  void anOriginalThatAnswers404WhileFlickrListsItIsCheckedWithGetSizesAndNotCalledDeleted() throws Exception {
    fake.faults(Fault.cdnError(404).forItem("1001"));
    Path dest = dir.resolve("dest");
    BackupResult r = run(dest);

    ItemFailure f = r.failures().stream().filter(x -> x.id().value().equals("1001")).findFirst().orElseThrow();
    assertThat(f.kind()).isEqualTo(FailureKind.ORIGINAL_UNAVAILABLE);
    assertThat(f.kind().hint()).doesNotContain("deleted");
    assertThat(f.message()).doesNotContain("deleted").contains("getSizes");
    assertThat(apiCallsFor("flickr.photos.getSizes", "1001")).isEqualTo(1);
    assertThat(catalogState(dest, "1001")).as("kept pending for the next run, not marked gone").isEqualTo("pending");

    fake.clearFaults();
    BackupResult again = run(dest);
    assertThat(again.failures()).extracting(x -> x.id().value()).doesNotContain("1001");
    assertThat(catalogState(dest, "1001")).isEqualTo("done");
    assertThat(fake.stats().downloads("1001")).isEqualTo(1);
  }
}
