package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.MediaFormat;
import io.github.flickrbackup.testkit.TestToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An item backed up from a listing and by id (-d) gets the very same metadata files. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetadataParityTest {
  static final String SET_A = "72157600000000001";
  static final String SET_B = "72157600000000002";

  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.builder()
          .owner("12345678@N00", "alice", "Alice Example")
          .pathAlias("alice")
          .set(SET_A, "Holidays")
          .set(SET_B, "Robots")
          .photo("1001", p -> p.title("Robot").description("line one\nline two, caf\u00e9 50%")
              .tags("Green", "San Francisco").machineTags("geo:lat=51", "lens:type=17-55mm F/2.8")
              .geo(51.5, -0.12, 16).license("4").taken("2011-04-02 18:55:46").takenGranularity(4)
              .inSets(SET_A, SET_B))
          .video("1002", v -> v.title("Clip").format(MediaFormat.MOV).bytes(30_000).tags("clip")
              .machineTags("uploaded:by=flickrmobile").taken("2012-02-28 10:00:00").inSets(SET_A))
          .photo("1003", p -> p.format(MediaFormat.PNG).bytes(8_000).visibility(false, true, false)
              .taken("0000-00-00 00:00:00").takenUnknown(true))
          .build())
      .build();

  @TempDir Path dir;

  PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).maxAttempts(2).build();
  }

  BackupResult run(Path dest, Selection selection) throws BackupException {
    return FlickrBackup.run(BackupPlan.builder().source(source()).destination(dest).selection(selection)
        .metadataWriters(List.of(MetadataWriters.ini(), MetadataWriters.jsonSidecar())).build());
  }

  /** Every metadata file under a destination, by its path relative to it. */
  static Map<String, String> metadataFiles(Path dest) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dest)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String name = p.getFileName().toString();
        // the state folder's report.json is not an item's metadata
        if (Files.isRegularFile(p) && !dest.relativize(p).startsWith(".flickrbackup")
            && (name.endsWith(".txt") || name.endsWith(".json"))) {
          m.put(dest.relativize(p).toString(), Files.readString(p));
        }
      }
    }
    return m;
  }

  @Test
  void anItemBackedUpByIdGetsTheSameMetadataFilesAsAListedOne() throws Exception {
    Path listed = dir.resolve("listed");
    Path byId = dir.resolve("by-id");
    List<PhotoId> ids = fake.account().items().stream().map(i -> PhotoId.of(i.id())).toList();

    BackupResult fromListing = run(listed, Selection.updatedSince(Instant.EPOCH));
    BackupResult fromIds = run(byId, Selection.ids(ids));

    assertThat(fromListing.complete()).isTrue();
    assertThat(fromIds.complete()).isTrue();
    Map<String, String> expected = metadataFiles(listed);
    Map<String, String> actual = metadataFiles(byId);
    // Three items, one of them in two albums: 4 media files, each with a .txt and a .json.
    assertThat(expected).hasSize(8);
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    for (String path : expected.keySet()) {
      assertThat(actual.get(path)).as(path).isEqualTo(expected.get(path));
    }
  }

  @Test
  void theTagsLineHoldsEveryTagMachineTagsIncludedInBothModes() throws Exception {
    Path listed = dir.resolve("listed");
    Path byId = dir.resolve("by-id");
    run(listed, Selection.updatedSince(Instant.EPOCH));
    run(byId, Selection.ids(List.of(PhotoId.of("1001"))));

    FakeItem robot = fake.account().item("1001");
    String txt = "Holidays/2011/04/02/1001.jpg.txt";
    for (Path dest : List.of(listed, byId)) {
      List<String> lines = Files.readAllLines(dest.resolve(txt));
      String tagsLine = lines.stream().filter(l -> l.startsWith("tags = ")).findFirst().orElseThrow();
      // Flickr's normalised forms, as its tags extra gives them: machine tags keep "ns:pred=".
      assertThat(tagsLine).as(dest.toString()).isEqualTo("tags = green sanfrancisco geo:lat=51 lens:type=1755mmf28");
      assertThat(tagsLine.substring("tags = ".length()).split(" "))
          .hasSize(robot.tags().size() + robot.machineTags().size());
    }
  }
}
