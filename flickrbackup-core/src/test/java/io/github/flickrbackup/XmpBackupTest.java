package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flickrbackup.internal.metadata.ExifTool;
import io.github.flickrbackup.metadata.ItemRecord;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.metadata.XmpNaming;
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

/**
 * How XMP sidecars live in a backup: rewritten without downloading when only metadata changes,
 * never touching media, named {@code ID.xmp} for Lightroom, and never taken for media.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XmpBackupTest {
  static final String VIDEO = "1004";

  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder().account(FakeAccount.builder()
      .set("100", "Trips")
      .set("200", "Best of")
      .photo("1001", p -> p.title("first").taken("2012-02-27 09:00:00").inSets("100", "200")
          .uploaded(Instant.parse("2020-01-01T00:00:00Z")))
      .photo("1002", p -> p.title("second").taken("2012-02-27 10:00:00").uploaded(Instant.parse("2020-01-02T00:00:00Z")))
      .photo("1003", p -> p.title("third").taken("2012-02-27 11:00:00").inSets("200")
          .uploaded(Instant.parse("2020-01-03T00:00:00Z")))
      .video(VIDEO, v -> v.withoutVideoOriginal().format(MediaFormat.MOV).bytes(40_000).title("clip")
          .taken("2012-02-28 10:00:00").inSets("100").uploaded(Instant.parse("2019-01-01T00:00:00Z")))
      .build()).build();

  @TempDir Path dir;

  private PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).maxAttempts(2).build();
  }

  private BackupResult run(Path dest, Selection selection, List<MetadataWriter> writers) throws Exception {
    try (PhotoSource source = source()) {
      return FlickrBackup.run(BackupPlan.builder().source(source).destination(dest).selection(selection)
          .metadataWriters(writers).build());
    }
  }

  /** Relative path to SHA-256 of every media file (names {@code ID.EXT} with a media extension). */
  private static Map<String, String> mediaHashes(Path dest) throws Exception {
    Map<String, String> m = new TreeMap<>();
    for (Path p : files(dest, "\\d+\\.(jpg|png|gif|mp4|mov)")) {
      m.put(dest.relativize(p).toString(), XmpSidecarTest.sha256(p));
    }
    return m;
  }

  private static List<Path> files(Path dest, String regex) throws IOException {
    try (Stream<Path> s = Files.walk(dest)) {
      return s.filter(Files::isRegularFile).filter(p -> !p.startsWith(dest.resolve(".flickrbackup")))
          .filter(p -> p.getFileName().toString().matches(regex)).sorted().toList();
    }
  }

  @Test
  void aMetadataOnlyChangeRewritesTheSidecarsWithoutDownloadingOrTouchingMedia() throws Exception {
    ExifTool.require();
    Path dest = dir.resolve("dest");
    List<MetadataWriter> xmp = List.of(MetadataWriters.xmpSidecar());
    assertThat(run(dest, Selection.updatedSince(Instant.EPOCH), xmp).failures()).isEmpty();
    Map<String, String> before = mediaHashes(dest);
    assertThat(before).hasSize(5); // 1001 in both albums, 1002, 1003, the rendition of the video
    FakeItem photo = fake.account().item("1001");
    assertThat(before.get("Trips/2012/02/27/1001.jpg")).isEqualTo(photo.sha256());

    fake.account().editMetadata("1001", e -> e.title("a new <title> & more").tags("renamed"));
    fake.stats().reset();
    BackupResult r = run(dest, Selection.sinceLastRun(), xmp);

    assertThat(r.failures()).isEmpty();
    assertThat(r.metadataOnly()).isEqualTo(1);
    assertThat(r.downloaded() + r.updated()).isZero();
    // Each run asks again for the original of the video saved as a rendition: count the photos.
    for (String p : List.of("1001", "1002", "1003")) {
      assertThat(fake.stats().downloads(p)).as("downloads of " + p).isZero();
    }
    assertThat(mediaHashes(dest)).isEqualTo(before);
    List<JsonNode> read = ExifTool.read(List.of(dest.resolve("Trips/2012/02/27/1001.jpg.xmp"),
        dest.resolve("Best of/2012/02/27/1001.jpg.xmp")));
    for (JsonNode x : read) {
      assertThat(x.path("XMP-dc:Title").asText()).isEqualTo("a new <title> & more");
      assertThat(x.path("XMP-dc:Subject").toString()).contains("renamed");
    }
  }

  @Test
  void turningXmpOnForAnExistingBackupWritesSidecarsOnAFullListingWithoutDownloading() throws Exception {
    Path dest = dir.resolve("dest");
    run(dest, Selection.updatedSince(Instant.EPOCH), List.of());
    Map<String, String> before = mediaHashes(dest);
    assertThat(files(dest, ".*\\.xmp")).isEmpty();

    fake.stats().reset();
    BackupResult r = run(dest, Selection.updatedSince(Instant.EPOCH), List.of(MetadataWriters.xmpSidecar()));

    assertThat(r.failures()).isEmpty();
    // A full listing asks again for the video's original, so only the photos are counted here.
    for (String photo : List.of("1001", "1002", "1003")) {
      assertThat(fake.stats().downloads(photo)).as("downloads of " + photo).isZero();
    }
    assertThat(r.metadataOnly()).isEqualTo(4);
    assertThat(mediaHashes(dest)).isEqualTo(before);
    for (String media : before.keySet()) {
      assertThat(dest.resolve(media + ".xmp")).as("sidecar of " + media).isRegularFile();
    }
  }

  @Test
  void lightroomNamingWritesIdXmpBesideEveryCopyAndKeepsItWhenTheOriginalReplacesARendition() throws Exception {
    Path dest = dir.resolve("dest");
    List<MetadataWriter> lr = List.of(MetadataWriters.xmpSidecar(XmpNaming.LIGHTROOM));
    assertThat(run(dest, Selection.updatedSince(Instant.EPOCH), lr).failures()).isEmpty();
    assertThat(dest.resolve("Trips/2012/02/27/1001.xmp")).isRegularFile();
    assertThat(dest.resolve("Best of/2012/02/27/1001.xmp")).isRegularFile();
    assertThat(dest.resolve("Trips/2012/02/28/1004.mp4")).isRegularFile();
    assertThat(dest.resolve("Trips/2012/02/28/1004.xmp")).isRegularFile();
    assertThat(files(dest, ".*\\.[a-z0-9]+\\.xmp")).isEmpty();

    // The original (a .mov) appears: the .mp4 rendition goes, its ID.xmp (the same name) stays, rewritten.
    fake.account().setVideoOriginal(VIDEO, true);
    BackupResult r = run(dest, Selection.updatedSince(Instant.EPOCH), lr);
    assertThat(r.failures()).isEmpty();
    assertThat(dest.resolve("Trips/2012/02/28/1004.mov")).isRegularFile();
    assertThat(dest.resolve("Trips/2012/02/28/1004.mp4")).doesNotExist();
    assertThat(dest.resolve("Trips/2012/02/28/1004.xmp")).isRegularFile();
    assertThat(Files.readString(dest.resolve("Trips/2012/02/28/1004.xmp"))).doesNotContain("Rendition");
  }

  @Test
  void adoptionAndFindMissingDoNotTakeSidecarsForMedia() throws Exception {
    Path first = dir.resolve("first");
    run(first, Selection.updatedSince(Instant.EPOCH),
        List.of(MetadataWriters.xmpSidecar(XmpNaming.LIGHTROOM), MetadataWriters.jsonSidecar()));
    // Also a darktable-named sidecar, as digiKam would add: ID.EXT.xmp beside ID.xmp.
    Files.writeString(first.resolve("Trips/2012/02/27/1001.jpg.xmp"), "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>");
    Path python = dir.resolve("python");
    for (Path p : files(first, ".*")) {
      Path target = python.resolve(first.relativize(p).toString());
      Files.createDirectories(target.getParent());
      Files.copy(p, target);
    }
    fake.stats().reset();
    BackupResult r = run(python, Selection.sinceLastRun(), List.of(MetadataWriters.xmpSidecar(XmpNaming.LIGHTROOM)));
    assertThat(r.complete()).isTrue();
    assertThat(r.downloaded() + r.updated()).isZero();
    assertThat(fake.stats().mediaBytes()).isZero();
    assertThat(Files.readString(python.resolve("Trips/2012/02/27/1001.xmp"))).contains("first");

    Path csv = dir.resolve("missing.csv");
    assertThat(FlickrBackup.findMissing(python, csv)).isZero();
    Files.delete(python.resolve("Best of/2012/02/27/1003.jpg"));
    assertThat(FlickrBackup.findMissing(python, csv)).isEqualTo(1);
    assertThat(Files.readAllLines(csv)).hasSize(2).last().asString().startsWith("1003,");
  }

  @Test
  void aWriterThatReplacesTheExtensionMayNotUseAMediaExtension() {
    MetadataWriter clobbering = new MetadataWriter() {
      @Override
      public String fileSuffix() {
        return ".JPG";
      }

      @Override
      public boolean replacesExtension() {
        return true;
      }

      @Override
      public byte[] render(ItemRecord record) {
        return new byte[0];
      }
    };
    assertThatThrownBy(() -> BackupPlan.builder().metadataWriters(List.of(clobbering)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("with '.JPG': such a suffix must be one "
            + "part and not a media extension");
    MetadataWriter twoParts = new MetadataWriter() {
      @Override
      public String fileSuffix() {
        return ".jpg.txt"; // ID.jpg.txt: the INI writer's file
      }

      @Override
      public boolean replacesExtension() {
        return true;
      }

      @Override
      public byte[] render(ItemRecord record) {
        return new byte[0];
      }
    };
    assertThatThrownBy(() -> BackupPlan.builder().metadataWriters(List.of(twoParts)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("with '.jpg.txt'");
    assertThat(BackupPlan.builder().metadataWriters(List.of(MetadataWriters.xmpSidecar(XmpNaming.LIGHTROOM))))
        .isNotNull();
  }
}
