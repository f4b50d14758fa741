package example.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import example.client.PublicPhotos.FlickrError;
import example.client.PublicPhotos.Photo;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.FakeStats;
import io.github.flickrbackup.testkit.Fault;
import io.github.flickrbackup.testkit.FaultScope;
import io.github.flickrbackup.testkit.MediaFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The client against the testkit's fake Flickr: real HTTP on 127.0.0.1, a scripted account. */
@Timeout(60)
class PublicPhotosTest {
  private static final String ALICE = "12345678@N00";

  @FakeFlickrServer // started before each test, closed after
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.builder()
          .owner(ALICE, "alice", "Alice Example")
          .photo("1001", p -> p.title("Robot").bytes(30_000))
          .photo("1002", p -> p.title("Beach").format(MediaFormat.PNG).bytes(12_000))
          .photo("1003", p -> p.title("Diary").visibility(false, true, false))   // friends only
          .photo("1004", p -> p.title("Street").bytes(8_000))
          .photo("1005", p -> p.title("Dog").format(MediaFormat.GIF))
          .build())
      .consumer("my-key", "my-secret")
      .build();

  @TempDir Path dir;

  /** Short time-outs and back-off keep the fault tests fast; 2 photos a page make the listing page. */
  private PublicPhotos client() {
    OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(2)).build();
    return new PublicPhotos(http, fake.restUrl(), "my-key", 2, Duration.ofMillis(10));
  }

  private static String sha256(Path p) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }

  @Test
  void listsEveryPublicPhotoPageByPage() throws Exception {
    List<Photo> photos = client().list(ALICE);

    assertThat(photos).extracting(Photo::id).containsExactlyInAnyOrder("1001", "1002", "1004", "1005");
    FakeStats stats = fake.stats();
    assertThat(stats.apiCalls("flickr.people.getPhotos")).isEqualTo(2); // 4 public photos, 2 a page
    assertThat(stats.apiCalls()).isEqualTo(2);
  }

  @Test
  void downloadsOriginalsByteForByte() throws Exception {
    PublicPhotos client = client();
    long bytes = 0;
    for (Photo photo : client.list(ALICE)) {
      Path file = client.download(photo, dir);
      assertThat(sha256(file)).as(photo.id()).isEqualTo(fake.account().item(photo.id()).sha256());
      bytes += Files.size(file);
    }
    assertThat(fake.stats().downloads("1001")).isEqualTo(1);
    assertThat(fake.stats().mediaBytes()).isEqualTo(bytes);
    assertThat(dir.resolve("1002.png")).exists();
  }

  @Test
  void aServerErrorIsTriedAgain() throws Exception {
    fake.faults(Fault.httpError(503).scopedTo(FaultScope.API).onFirst(1));

    assertThat(client().list(ALICE)).hasSize(4);

    assertThat(fake.stats().faultsInjected()).isEqualTo(1);
    assertThat(fake.stats().apiCalls("flickr.people.getPhotos")).isEqualTo(3);
  }

  @Test
  void aConnectionDroppedMidDownloadIsTriedAgain() throws Exception {
    fake.faults(Fault.resetAfter(1_000).forItem("1001").onFirst(1));
    PublicPhotos client = client();
    Photo robot = client.list(ALICE).stream().filter(p -> p.id().equals("1001")).findFirst().orElseThrow();

    Path file = client.download(robot, dir);

    assertThat(sha256(file)).isEqualTo(fake.account().item("1001").sha256());
    assertThat(fake.stats().downloads("1001")).isEqualTo(2);
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(file); // no partial file behind
    }
  }

  @Test
  void flickrsOwnErrorIsReportedWithItsCodeAndNotRepeated() {
    fake.faults(Fault.apiError(105).forMethod("flickr.people.getPhotos").always());

    assertThatThrownBy(() -> client().list(ALICE))
        .isInstanceOfSatisfying(FlickrError.class, e -> assertThat(e.code()).isEqualTo(105));
    assertThat(fake.stats().apiCalls("flickr.people.getPhotos")).isEqualTo(1);
  }

  @Test
  void changesOnFlickrShowOnTheNextListing() throws Exception {
    PublicPhotos client = client();
    Photo before = client.list(ALICE).stream().filter(p -> p.id().equals("1004")).findFirst().orElseThrow();

    fake.account().editMetadata("1004", e -> e.title("Street, renamed"));
    fake.account().addPhoto("1006", p -> p.title("New upload"));
    fake.account().delete("1005");

    List<Photo> after = client.list(ALICE);
    assertThat(after).extracting(Photo::id).containsExactlyInAnyOrder("1001", "1002", "1004", "1006");
    Photo street = after.stream().filter(p -> p.id().equals("1004")).findFirst().orElseThrow();
    assertThat(street.title()).isEqualTo("Street, renamed");
    assertThat(street.lastUpdate()).isAfter(before.lastUpdate());
  }
}
