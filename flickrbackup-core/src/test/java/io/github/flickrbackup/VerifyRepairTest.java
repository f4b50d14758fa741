package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.VerifyProblem.Kind;
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
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link FlickrBackup#verify} and {@link FlickrBackup#repair} against damage a test plants. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VerifyRepairTest {
  static final String TRIPS = "72157600000000001";
  static final String CATS = "72157600000000002";

  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.builder()
          .owner("12345678@N00", "alice", "Alice Example")
          .set(TRIPS, "Trips")
          .set(CATS, "Cats")
          .photo("1001", p -> p.taken("2011-04-02 18:55:46").format(MediaFormat.JPEG).bytes(20_000)
              .inSets(TRIPS, CATS))
          .photo("1002", p -> p.taken("2011-04-03 10:00:00").format(MediaFormat.JPEG).bytes(15_000).inSets(TRIPS))
          .photo("1003", p -> p.taken("2011-04-04 10:00:00").format(MediaFormat.PNG).bytes(9_000))
          .photo("1004", p -> p.taken("2011-04-05 10:00:00").format(MediaFormat.JPEG).bytes(12_000)
              .inSets(TRIPS, CATS))
          .photo("1005", p -> p.taken("2011-04-06 10:00:00").format(MediaFormat.JPEG).bytes(11_000))
          .photo("1006", p -> p.taken("2011-04-07 10:00:00").format(MediaFormat.JPEG).bytes(10_000).inSets(CATS))
          .video("1007", v -> v.format(MediaFormat.MP4).bytes(30_000).taken("2012-02-28 10:00:00").inSets(TRIPS))
          .photo("1008", p -> p.taken("2011-04-08 10:00:00").format(MediaFormat.JPEG).bytes(8_000).inSets(TRIPS, CATS))
          .build())
      .build();

  @TempDir Path dir;
  final List<PhotoSource> sources = new ArrayList<>();

  @AfterEach
  void closeSources() {
    sources.forEach(PhotoSource::close);
  }

  PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    PhotoSource s = FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).maxAttempts(2).build();
    sources.add(s);
    return s;
  }

  BackupPlan plan(Path dest) {
    return BackupPlan.builder().source(source()).destination(dest).selection(Selection.sinceLastRunOr(Instant.EPOCH))
        .build();
  }

  Path backedUp() throws Exception {
    Path dest = dir.resolve("dest");
    BackupResult r = FlickrBackup.run(plan(dest));
    assertThat(r.complete()).as("%s", r).isTrue();
    return dest;
  }

  @Test
  void aSoundBackupIsWhole() throws Exception {
    Path dest = backedUp();
    VerifyResult r = FlickrBackup.verify(plan(dest));
    assertThat(r.found()).isEmpty();
    assertThat(r.whole()).isTrue();
    assertThat(r.items()).isEqualTo(8);
    // every media file and copy is read: 8 items, 6 further copies (1001, 1004, 1008 in both sets)
    long mediaBytes = fake.account().items().stream().mapToLong(i -> i.bytes() * (i.sets().size() > 1 ? 2 : 1)).sum();
    assertThat(r.bytes()).isEqualTo(mediaBytes);
  }

  @Test
  void verifyFindsExactlyThePlantedDamageAndRepairRestoresItWithOneDownloadPerDamagedMediaFile() throws Exception {
    Path dest = backedUp();
    Map<String, String> before = hashes(dest);
    Path p1001 = dest.resolve("Trips/2011/04/02/1001.jpg");
    Path p1002 = dest.resolve("Trips/2011/04/03/1002.jpg");
    Path p1003 = only(dest, "1003.png");
    Path p1004copy = dest.resolve("Cats/2011/04/05/1004.jpg");
    Path p1005 = only(dest, "1005.jpg");
    Path p1006txt = dest.resolve("Cats/2011/04/07/1006.jpg.txt");
    Path p1007txt = dest.resolve("Trips/2012/02/28/1007.mp4.txt");
    Path p1008copy = dest.resolve("Cats/2011/04/08/1008.jpg");
    for (Path p : List.of(p1001, p1002, p1003, p1004copy, p1005, p1006txt, p1007txt, p1008copy)) {
      assertThat(p).as("the test's layout").exists();
    }

    // 1001: one byte flipped, same size (its album copy is a hard link: damaged with it)
    byte[] b = Files.readAllBytes(p1001);
    b[b.length / 2] ^= 0x5a;
    Files.write(p1001, b);
    // 1002: truncated
    Files.write(p1002, java.util.Arrays.copyOf(Files.readAllBytes(p1002), 1000));
    // 1003: media gone
    Files.delete(p1003);
    // 1004: the Cats copy replaced by other bytes (no longer a link to the original)
    Files.delete(p1004copy);
    Files.write(p1004copy, new byte[12_000]);
    // 1005: its metadata file gone
    Files.delete(p1005.resolveSibling("1005.jpg.txt"));
    // 1006: metadata rewritten for another original (an old secret in its url)
    String secret = fake.account().item("1006").originalSecret();
    Files.writeString(p1006txt, Files.readString(p1006txt).replace(secret, "0123456789"));
    // 1007: nothing wrong with the video; 1008: the Cats copy and its metadata gone
    Files.delete(p1008copy);
    // unknown files
    Path stray = dest.resolve("Trips/2011/04/02/holiday.jpg");
    Files.writeString(stray, "mine");
    Path strayId = dest.resolve("2011/99999.jpg");
    Files.createDirectories(strayId.getParent());
    Files.writeString(strayId, "not from this backup");

    VerifyResult found = FlickrBackup.verify(plan(dest));

    assertThat(problems(found.found())).containsExactlyInAnyOrder(
        "CORRUPT 1001 Trips/2011/04/02/1001.jpg",
        "CORRUPT 1001 Cats/2011/04/02/1001.jpg",
        "CORRUPT 1002 Trips/2011/04/03/1002.jpg",
        "MISSING_MEDIA 1003 " + rel(dest, p1003),
        "CORRUPT 1004 Cats/2011/04/05/1004.jpg",
        "MISSING_METADATA 1005 " + rel(dest, p1005) + ".txt",
        "STALE_METADATA 1006 Cats/2011/04/07/1006.jpg.txt",
        "MISSING_COPY 1008 Cats/2011/04/08/1008.jpg",
        "UNKNOWN - Trips/2011/04/02/holiday.jpg",
        "UNKNOWN - 2011/99999.jpg");
    assertThat(found.whole()).isFalse();
    assertThat(found.repair()).isEmpty();
    assertThat(Files.readAllBytes(p1001)).isEqualTo(b); // verify changes nothing

    fake.stats().reset();
    VerifyResult repaired = FlickrBackup.repair(plan(dest));

    // exactly one download per item whose own media file was damaged or missing
    Map<String, Integer> downloads = new LinkedHashMap<>();
    for (FakeItem i : fake.account().items()) {
      if (fake.stats().downloads(i.id()) > 0) {
        downloads.put(i.id(), fake.stats().downloads(i.id()));
      }
    }
    assertThat(downloads).isEqualTo(Map.of("1001", 1, "1002", 1, "1003", 1));
    assertThat(repaired.repair()).isPresent();
    assertThat(repaired.repair().get().failures()).isEmpty();
    assertThat(problems(repaired.remaining())).containsExactlyInAnyOrder(
        "UNKNOWN - Trips/2011/04/02/holiday.jpg", "UNKNOWN - 2011/99999.jpg");
    assertThat(stray).hasContent("mine");
    assertThat(strayId).hasContent("not from this backup");
    Map<String, String> after = hashes(dest);
    after.remove(rel(dest, stray));
    after.remove(rel(dest, strayId));
    assertThat(after).isEqualTo(before);

    // and a fresh verify agrees
    assertThat(problems(FlickrBackup.verify(plan(dest)).found())).containsExactlyInAnyOrder(
        "UNKNOWN - Trips/2011/04/02/holiday.jpg", "UNKNOWN - 2011/99999.jpg");
  }

  @Test
  void repairOfCopiesAloneLinksThemAgainWithoutAnyCall() throws Exception {
    Path dest = backedUp();
    Files.delete(dest.resolve("Cats/2011/04/08/1008.jpg"));
    Files.delete(dest.resolve("Cats/2011/04/05/1004.jpg.txt"));
    fake.stats().reset();
    VerifyResult r = FlickrBackup.repair(plan(dest));
    assertThat(problems(r.found())).containsExactlyInAnyOrder("MISSING_COPY 1008 Cats/2011/04/08/1008.jpg",
        "MISSING_METADATA 1004 Cats/2011/04/05/1004.jpg.txt");
    assertThat(r.repair()).isEmpty();
    assertThat(r.whole()).isTrue();
    assertThat(fake.stats().mediaRequests()).isZero();
    // the report's count is the one call
    assertThat(fake.stats().apiCallsByMethod().keySet()).containsOnly("flickr.people.getInfo");
    assertThat(dest.resolve("Cats/2011/04/08/1008.jpg")).hasSameBinaryContentAs(
        dest.resolve("Trips/2011/04/08/1008.jpg"));
  }

  @Test
  void anItemDeletedOnFlickrCannotBeRepairedAndStaysAProblem() throws Exception {
    Path dest = backedUp();
    Path p1005 = only(dest, "1005.jpg");
    Files.delete(p1005);
    fake.account().delete("1005");
    VerifyResult r = FlickrBackup.repair(plan(dest));
    assertThat(r.repair().orElseThrow().failures()).extracting(f -> f.id().value()).containsExactly("1005");
    assertThat(problems(r.remaining())).containsExactly("MISSING_MEDIA 1005 " + rel(dest, p1005));
    assertThat(r.whole()).isFalse();
  }

  @Test
  void verifyWithoutACatalogSaysThereIsNothingToVerify() {
    Path dest = dir.resolve("empty");
    assertThatThrownBy(() -> FlickrBackup.verify(plan(dest)))
        .isInstanceOf(StoreException.class).hasMessageContaining("nothing to verify");
  }

  static List<String> problems(List<VerifyProblem> ps) {
    return ps.stream().map(p -> p.kind() + " " + p.id().map(i -> i.value()).orElse("-") + " " + p.path()).toList();
  }

  static String rel(Path dest, Path p) {
    return dest.relativize(p).toString().replace('\\', '/');
  }

  static Path only(Path dest, String name) throws IOException {
    try (Stream<Path> s = Files.walk(dest)) {
      List<Path> found = s.filter(p -> p.getFileName().toString().equals(name)).toList();
      assertThat(found).hasSize(1);
      return found.get(0);
    }
  }

  /** Every file outside the state folder, by path, with its SHA-256. */
  static Map<String, String> hashes(Path dest) throws Exception {
    Map<String, String> m = new java.util.TreeMap<>();
    try (Stream<Path> s = Files.walk(dest)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = rel(dest, p);
        if (!rel.startsWith(".flickrbackup/")) {
          m.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        }
      }
    }
    return m;
  }
}
