package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.MediaFormat;
import io.github.flickrbackup.testkit.TestToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModesTest {
  static final String SET = "72157600000000001";

  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.builder()
          .owner("12345678@N00", "alice", "Alice Example")
          .set(SET, "Holidays")
          .set("72157600000000002", "Holidays")
          .photo("1001", p -> p.title("Robot").taken("2011-04-02 18:55:46").format(MediaFormat.JPEG).bytes(20_000)
              .inSets(SET, "72157600000000002"))
          .photo("1003", p -> p.taken("0000-00-00 00:00:00").format(MediaFormat.PNG).bytes(8_000))
          .video("1002", v -> v.format(MediaFormat.MOV).bytes(30_000).taken("2012-02-28 10:00:00").inSets(SET))
          .video("1004", v -> v.format(MediaFormat.MP4).bytes(30_000).taken("2012-02-28 10:00:00")
              .needsBrowserSession())
          .favorite("2001", "99999999@N00", f -> f.title("Someone else's").taken("2010-01-02 03:04:05"))
          .build())
      .build();

  @TempDir Path dir;

  PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).maxAttempts(2).build();
  }

  @Test
  void explicitIdsGoToTheirAlbumsAndDuplicateTitlesStayApart() throws Exception {
    Path dest = dir.resolve("dest");
    BackupResult r = FlickrBackup.run(BackupPlan.builder().source(source()).destination(dest)
        .selection(Selection.ids(List.of(PhotoId.of("1001"), PhotoId.of("1002")))).build());
    assertThat(r.downloaded()).isEqualTo(2);
    assertThat(dest.resolve("Holidays \u2013 " + SET + "/2011/04/02/1001.jpg")).exists();
    assertThat(dest.resolve("Holidays \u2013 72157600000000002/2011/04/02/1001.jpg")).exists();
    assertThat(dest.resolve("Holidays \u2013 " + SET + "/2012/02/28/1002.mov")).exists();
    assertThat(Files.readString(dest.resolve("Holidays \u2013 " + SET + "/2012/02/28/1002.mov.txt")))
        .contains("/play/orig/");
  }

  @Test
  void videoNeedingABrowserSessionIsReportedAndUnknownDatesUseTheUploadDate() throws Exception {
    Path dest = dir.resolve("dest");
    BackupResult r = FlickrBackup.run(BackupPlan.builder().source(source()).destination(dest)
        .selection(Selection.updatedSince(java.time.Instant.EPOCH)).build());
    assertThat(r.failures()).extracting(ItemFailure::kind).containsExactly(FailureKind.NEEDS_WEB_SESSION);
    assertThat(r.failures()).extracting(f -> f.id().value()).containsExactly("1004");
    try (var s = Files.walk(dest)) {
      Path png = s.filter(p -> p.getFileName().toString().equals("1003.png")).findFirst().orElseThrow();
      assertThat(dest.relativize(png).toString()).doesNotStartWith("0000").matches("\\d{4}/\\d{2}/\\d{2}/1003.png");
      assertThat(Files.readString(png.resolveSibling("1003.png.txt"))).contains("taken = 0000-00-00 00:00:00");
    }
  }

  @Test
  void favoritesAreFiledByDateOutsideAlbums() throws Exception {
    Path dest = dir.resolve("dest");
    BackupResult r = FlickrBackup.run(BackupPlan.builder().source(source()).destination(dest)
        .selection(Selection.favorites()).build());
    assertThat(r.downloaded()).isEqualTo(1);
    assertThat(dest.resolve("2010/01/02/2001.jpg")).exists();
  }
}
