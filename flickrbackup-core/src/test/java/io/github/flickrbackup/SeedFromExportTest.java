package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeExport;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.MediaFormat;
import io.github.flickrbackup.testkit.TestToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeding a destination from Flickr's data export (a {@link FakeExport} of the fake's
 * account), then a normal run: the run downloads only what the export lacks, what changed on
 * Flickr after it, and the sample it checks.
 */
@Timeout(120)
class SeedFromExportTest {
  static final Instant EXPORT = Instant.parse("2024-06-01T00:00:00Z");
  static final String HOLIDAYS = "72157600000000001";
  static final String FAMILY = "72157600000000002";

  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder().account(account()).build();

  @TempDir Path dir;

  /** A small account with the export's quirks: digits in title slugs, an untitled photo, videos. */
  static FakeAccount account() {
    FakeAccount.Builder b = FakeAccount.builder()
        .uploads(Instant.parse("2015-03-01T10:00:00Z"), Duration.ofDays(3))
        .set(HOLIDAYS, "Holidays 2019")
        .set(FAMILY, "Family");
    b.photo("5230303130", p -> p.title("IMG_1234").inSets(HOLIDAYS).imageDimensions().tags("sea", "sun"));
    b.photo("5230303131", p -> p.title("").format(MediaFormat.PNG).inSets(HOLIDAYS, FAMILY).imageDimensions());
    b.photo("5230303132", p -> p.title("Sunset 2020 at 5_30").inSets(FAMILY).imageDimensions()
        .geo(48.85, 2.35, 16));
    b.photo("5230303133", p -> p.title("gif").format(MediaFormat.GIF).imageDimensions().bytes(4096));
    b.video("5230303140", v -> v.title("Party").format(MediaFormat.MP4).inSets(FAMILY)); // missing from the export
    b.video("5230303141", v -> v.title("Clip 7").format(MediaFormat.MOV).inSets(HOLIDAYS));
    for (int i = 0; i < 14; i++) {
      String id = Long.toString(5230303150L + i);
      String set = i % 3 == 0 ? FAMILY : HOLIDAYS;
      b.photo(id, p -> p.title("DSC " + id.substring(6)).imageDimensions().inSets(set));
    }
    b.photo("5230303170", p -> p.title("changed later").imageDimensions());
    b.photo("5230303180", p -> p.title("uploaded after the export").imageDimensions());
    return b.build();
  }

  private PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder()
        .endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()))
        .build();
  }

  private FakeExport.Written export() {
    return FakeExport.of(fake.account()).exportDate(EXPORT).omit("5230303180").strayFile("holiday_2019_o.jpg")
        .writeTo(dir.resolve("export"));
  }

  private BackupResult run(Path dest) throws Exception {
    try (PhotoSource source = source()) {
      return FlickrBackup.run(BackupPlan.builder().source(source).destination(dest)
          .selection(Selection.sinceLastRun()).build());
    }
  }

  @Test
  void aRunAfterSeedingDownloadsOnlyWhatTheExportLacksWhatChangedAfterItAndTheSample() throws Exception {
    FakeExport.Written export = export();
    fake.account().editMetadata("5230303170", e -> e.title("edited after the export")
        .lastUpdate(EXPORT.plus(Duration.ofDays(30))));
    Path dest = dir.resolve("dest");

    SeedResult seed = FlickrBackup.seedFromExport(SeedOptions.of(dest, export.zips()));

    int exported = export.mediaNames().size();
    assertThat(seed.seeded()).isEqualTo(exported).isEqualTo(fake.account().items().size() - 2);
    assertThat(seed.bytes()).isEqualTo(export.mediaBytes());
    assertThat(seed.withoutMedia()).containsExactly(PhotoId.of("5230303140"));
    assertThat(seed.unmatched()).singleElement().satisfies(u -> {
      assertThat(u.file()).endsWith("data-download-1.zip!holiday_2019_o.jpg");
      assertThat(u.reason()).contains("no photo_<id>.json");
    });
    assertThat(seed.alreadyPresent()).isEmpty();
    // The zip times say when the export was made; a day earlier is the date kept (no zone in zips).
    assertThat(seed.exportDate()).isEqualTo(EXPORT.minus(Duration.ofDays(1)));
    assertThat(fake.stats().mediaRequests()).isZero();
    try (Catalog catalog = Catalog.open(dest.resolve(".flickrbackup/catalog.db"))) {
      assertThat(catalog.seededCount()).isEqualTo(exported);
      assertThat(catalog.exportDate("5230303130")).contains(seed.exportDate());
      // Recorded as a finished "seed" run, which a plain run does not take for one to continue.
      assertThat(catalog.lastRun(java.util.Set.of("seed")).orElseThrow().result()).isEqualTo("complete");
      assertThat(catalog.lastRun(java.util.Set.of("own", "favorites"))).isEmpty();
    }

    fake.stats().reset();
    BackupResult run = run(dest);

    assertThat(run.failures()).isEmpty();
    SeedChecks checks = run.seedChecks();
    assertThat(checks.changedAfterExport()).isEqualTo(1);
    assertThat(checks.mismatched()).isZero();
    assertThat(checks.sampled()).isGreaterThanOrEqualTo(1);
    assertThat(checks.sampleMatches()).isEqualTo(checks.sampled());
    assertThat(checks.confirmed() + checks.sampled() + checks.changedAfterExport()).isEqualTo(exported);
    List<String> sampled = new ArrayList<>();
    for (String id : export.mediaNames().keySet()) {
      if (!id.equals("5230303170") && fake.stats().downloads(id) > 0) {
        sampled.add(id);
      }
    }
    assertThat(sampled).hasSize(checks.sampled());
    List<String> fetched = new ArrayList<>(List.of("5230303140", "5230303180", "5230303170"));
    fetched.addAll(sampled);
    long expectedBytes = 0;
    for (String id : fetched) {
      assertThat(fake.stats().downloads(id)).as("downloads of %s", id).isEqualTo(1);
      expectedBytes += fake.account().item(id).bytes();
    }
    for (FakeItem item : fake.account().items()) {
      if (!fetched.contains(item.id())) {
        assertThat(fake.stats().downloads(item.id())).as("downloads of %s", item.id()).isZero();
      }
    }
    assertThat(fake.stats().mediaBytes()).isEqualTo(expectedBytes);
    assertThat(run.downloaded()).isEqualTo(2); // what the export lacked
    assertThat(run.updated()).isEqualTo(1 + checks.sampled());
    try (Catalog catalog = Catalog.open(dest.resolve(".flickrbackup/catalog.db"))) {
      assertThat(catalog.seededCount()).isZero();
      assertThat(catalog.item("5230303130").orElseThrow().originalSecret())
          .isEqualTo(fake.account().item("5230303130").originalSecret());
    }

    // The same tree, byte for byte, as a plain backup of the account: seeding put every file
    // where a run puts it, and the run rewrote the metadata from the listing.
    Path plain = dir.resolve("plain");
    try (PhotoSource source = source()) {
      FlickrBackup.run(BackupPlan.builder().source(source).destination(plain)
          .selection(Selection.sinceLastRunOr(Instant.EPOCH)).build());
    }
    assertThat(tree(dest)).isEqualTo(tree(plain));

    fake.stats().reset();
    BackupResult again = run(dest);
    assertThat(again.seedChecks()).isEqualTo(SeedChecks.NONE);
    assertThat(fake.stats().mediaRequests()).isZero();
  }

  @Test
  void zipsAndUnpackedFoldersMayBeMixed() throws Exception {
    FakeExport.Written export = export();
    Path part2 = unzip(export.metadataZips().get(1), dir.resolve("unpacked/meta2"));
    Path media1 = unzip(export.mediaZips().get(0), dir.resolve("unpacked/media1"));
    Path dest = dir.resolve("dest");

    SeedResult seed = FlickrBackup.seedFromExport(SeedOptions.of(dest,
        List.of(media1, export.metadataZips().get(0), export.mediaZips().get(1), part2)));

    assertThat(seed.seeded()).isEqualTo(export.mediaNames().size());
    assertThat(seed.withoutMedia()).containsExactly(PhotoId.of("5230303140"));
    assertThat(seed.unmatched()).singleElement()
        .satisfies(u -> assertThat(u.file()).endsWith("holiday_2019_o.jpg"));
    FakeItem clip = fake.account().item("5230303141");
    assertThat(export.mediaNames().get(clip.id())).isEqualTo("clip_7_5230303141.mov");
    assertThat(export.mediaNames().get("5230303131")).endsWith("_o.png").startsWith("5230303131_");
    assertThat(export.mediaNames().get("5230303130")).isEqualTo("img_1234_5230303130_o.jpg");
    Path clipFile = dest.resolve("Holidays 2019/2015/03/16/5230303141.mov");
    assertThat(clipFile).exists();
    assertThat(Files.size(clipFile)).isEqualTo(clip.bytes());
    assertThat(dest.resolve("Holidays 2019/2015/03/16/5230303141.mov.txt")).content().contains("title = Clip 7");
    // A second album gets a link, as a run makes it.
    assertThat(dest.resolve("Family/2015/03/04/5230303131.png")).exists();

    SeedResult again = FlickrBackup.seedFromExport(SeedOptions.of(dest, export.zips()));
    assertThat(again.seeded()).isZero();
    assertThat(again.alreadyPresent()).hasSize(export.mediaNames().size());
  }

  @Test
  void aFileThatDisagreesWithTheListingIsFetchedAgain() throws Exception {
    FakeExport.Written export = export();
    // The listing now says 1600x1200 for a photo whose exported file declares 8x8.
    fake.account().editMetadata("5230303150", e -> e.dimensions(1600, 1200).lastUpdate(EXPORT.minus(Duration.ofDays(400))));
    Path dest = dir.resolve("dest");
    FlickrBackup.seedFromExport(SeedOptions.of(dest, export.zips()));
    fake.stats().reset();

    BackupResult run = run(dest);

    assertThat(run.seedChecks().mismatched()).isEqualTo(1);
    assertThat(fake.stats().downloads("5230303150")).isEqualTo(1);
  }

  @Test
  void anExportWithoutMetadataIsRefusedWithAMessage() throws Exception {
    FakeExport.Written export = export();
    Path dest = dir.resolve("dest");
    assertThatThrownBy(() -> FlickrBackup.seedFromExport(SeedOptions.of(dest, export.mediaZips())))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("no photo_<id>.json");
    Path notZip = Files.writeString(dir.resolve("notes.zip"), "not a zip");
    assertThatThrownBy(() -> FlickrBackup.seedFromExport(SeedOptions.of(dest, List.of(notZip))))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("is not a zip file");
  }

  private static Path unzip(Path zip, Path to) throws IOException {
    Files.createDirectories(to);
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path f = to.resolve(e.getName());
        Files.copy(in, f);
        Files.setLastModifiedTime(f, e.getLastModifiedTime());
      }
    }
    return to;
  }

  /** Every file under a destination (state folder aside), with its size and first bytes. */
  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String rel = root.relativize(p).toString();
        if (Files.isRegularFile(p) && !rel.startsWith(".flickrbackup") && !rel.equals(".stamp")) {
          try (InputStream in = Files.newInputStream(p)) {
            m.put(rel, Files.size(p) + ":" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())));
          } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return m;
  }
}
