package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.MediaFormat;
import io.github.flickrbackup.testkit.TestToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A video whose original Flickr does not offer (no {@code Video Original} in getSizes): its
 * largest rendition is saved and marked as not the original, until the original appears.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VideoWithoutOriginalTest {
  static final String TRIPS = "72157600000000001";
  static final String BEST = "72157600000000002";
  static final String VIDEO = "1004";

  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.builder()
          .owner("12345678@N00", "alice", "Alice Example")
          .set(TRIPS, "Trips")
          .set(BEST, "Best of")
          .photo("1001", p -> p.taken("2012-02-27 09:00:00").inSets(TRIPS)
              .uploaded(Instant.parse("2020-01-01T00:00:00Z")))
          // Uploaded before the photo, so that a later incremental listing does not list it again.
          .video(VIDEO, v -> v.withoutVideoOriginal().format(MediaFormat.MOV).bytes(40_000)
              .taken("2012-02-28 10:00:00").inSets(TRIPS, BEST).uploaded(Instant.parse("2019-01-01T00:00:00Z")))
          .build())
      .build();

  @TempDir Path dir;

  PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).maxAttempts(2).build();
  }

  /** Warnings heard by the plan's listener. */
  final List<String> heard = Collections.synchronizedList(new ArrayList<>());

  BackupResult run(Path dest) throws BackupException {
    return run(dest, Selection.updatedSince(Instant.EPOCH));
  }

  BackupResult run(Path dest, Selection selection) throws BackupException {
    heard.clear();
    return FlickrBackup.run(BackupPlan.builder().source(source()).destination(dest)
        .listener(new BackupListener() {
          @Override
          public void warning(String message) {
            heard.add(message);
          }
        })
        .metadataWriters(List.of(MetadataWriters.ini(), MetadataWriters.jsonSidecar()))
        .selection(selection).build());
  }

  long apiCallsFor(String method, String id) {
    return fake.requests().stream().filter(q -> method.equals(q.getUrl().queryParameter("method"))
        && id.equals(q.getUrl().queryParameter("photo_id"))).count();
  }

  static String catalogRendition(Path dest, String id) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dest.resolve(".flickrbackup/catalog.db"));
        PreparedStatement p = c.prepareStatement("SELECT rendition FROM items WHERE id=?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        assertThat(r.next()).as("catalog row of " + id).isTrue();
        return r.getString(1);
      }
    }
  }

  @Test
  void theLargestRenditionIsSavedAndMarkedAsNotTheOriginalWithoutFailingTheRun() throws Exception {
    Path dest = dir.resolve("dest");
    BackupResult r = run(dest);

    assertThat(r.failures()).isEmpty();
    assertThat(r.complete()).isTrue();
    assertThat(r.downloaded()).isEqualTo(2);
    assertThat(r.itemWarnings()).singleElement().satisfies(w -> {
      assertThat(w.id().value()).isEqualTo(VIDEO);
      assertThat(w.kind()).isEqualTo(WarningKind.NOT_ORIGINAL);
      assertThat(w.message()).contains("Site MP4");
    });
    assertThat(heard).singleElement().asString().contains(VIDEO).contains("Site MP4");
    assertThat(catalogRendition(dest, VIDEO)).isEqualTo("Site MP4");
    assertThat(catalogRendition(dest, "1001")).isNull();
    FakeItem video = fake.account().item(VIDEO);
    Path saved = dest.resolve("Trips/2012/02/28/1004.mp4");
    assertThat(Files.readAllBytes(saved)).isEqualTo(video.renditionBytes("Site MP4"));
    assertThat(Files.readAllBytes(dest.resolve("Best of/2012/02/28/1004.mp4"))).isEqualTo(video.renditionBytes("Site MP4"));
    assertThat(Files.readString(Path.of(saved + ".txt")))
        .contains("url = " + fake.baseUrl() + "photos/12345678@N00/1004/play/site/" + video.secret() + "/")
        .contains("original = no\nrendition = Site MP4\n");
    assertThat(Files.readString(Path.of(saved + ".json"))).contains("\"original\" : false")
        .contains("\"rendition\" : \"Site MP4\"");
    assertThat(Files.readString(dest.resolve("Trips/2012/02/27/1001.jpg.txt"))).doesNotContain("original =");
  }

  @Test
  void theRenditionIsKeptWhileFlickrHasNoOriginalAndReplacedWhenOneAppears() throws Exception {
    Path dest = dir.resolve("dest");
    run(dest);
    Path rendition = dest.resolve("Trips/2012/02/28/1004.mp4");
    long written = Files.getLastModifiedTime(rendition).toMillis();

    long getInfo = apiCallsFor("flickr.photos.getInfo", VIDEO);
    long getSizes = apiCallsFor("flickr.photos.getSizes", VIDEO);
    BackupResult again = run(dest, Selection.sinceLastRun());
    assertThat(again.failures()).isEmpty();
    assertThat(again.downloaded() + again.updated()).isZero();
    assertThat(again.itemWarnings()).extracting(w -> w.id().value()).containsExactly(VIDEO);
    assertThat(apiCallsFor("flickr.photos.getInfo", VIDEO) - getInfo).as("not listed, yet asked about").isEqualTo(1);
    // One getSizes describes the item as a listing would (its Original size), one asks what media
    // Flickr offers now; no more, and no media request beyond the rendition's.
    assertThat(apiCallsFor("flickr.photos.getSizes", VIDEO) - getSizes).isEqualTo(2);
    assertThat(Files.getLastModifiedTime(rendition).toMillis()).as("not written again").isEqualTo(written);

    fake.account().setVideoOriginal(VIDEO, true);
    BackupResult later = run(dest, Selection.sinceLastRun());
    assertThat(later.failures()).isEmpty();
    assertThat(later.itemWarnings()).isEmpty();
    assertThat(later.updated()).isEqualTo(1);
    assertThat(catalogRendition(dest, VIDEO)).isNull();
    FakeItem video = fake.account().item(VIDEO);
    Path original = dest.resolve("Trips/2012/02/28/1004.mov");
    assertThat(Files.readAllBytes(original)).isEqualTo(video.mediaBytes());
    assertThat(Files.readAllBytes(dest.resolve("Best of/2012/02/28/1004.mov"))).isEqualTo(video.mediaBytes());
    assertThat(Files.readString(Path.of(original + ".txt"))).contains("/play/orig/").doesNotContain("original =");
    assertThat(rendition).as("the rendition made way for the original").doesNotExist();
    assertThat(Path.of(rendition + ".txt")).doesNotExist();
    assertThat(dest.resolve("Best of/2012/02/28/1004.mp4")).doesNotExist();
    assertThat(fake.stats().downloads(VIDEO)).isEqualTo(1);
  }
}
