package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flickrbackup.internal.metadata.ExifTool;
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
import io.github.flickrbackup.testkit.TestToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * XMP sidecars, read back by ExifTool (a reader no one here wrote) and compared field by field
 * with the fake account's items: normal and hostile text, partial and unknown dates, positions
 * in every quadrant, licences, favorites, albums.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class XmpSidecarTest {
  static final String LONG = "long ".repeat(20_000) + "end";
  static final String HOSTILE = "nul\u0000 soh\u0001 us\u001f del\u007f nel\u0085 <b>x</b> &amp; & ]]> \"q\" 'a' "
      + "emoji \uD83D\uDE00\uD83C\uDDEB\uD83C\uDDF7 bidi\u202Eevil\u202C zwj\u200D ffff\uFFFF end";

  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder().account(FakeAccount.builder()
      .set("100", "Fair & <Square>")
      .set("200", "Second\nalbum")
      .photo("1001", p -> p.title("Robot at the fair").description("Seen at the fair.")
          .tags("robot", "fair", "zürich", "東京").machineTags("lens:type=1755mmf28")
          .taken("2011-04-02 18:55:46").takenGranularity(0)
          .geo(37.774929, -122.419416, 16).license("4").inSets("100", "200"))
      .photo("1002", p -> p.title(HOSTILE).description("line1\nline2\r\nline3\ttab\rcr " + HOSTILE)
          .taken("1950-01-01 00:00:00").takenGranularity(6)
          .geo(-34.603722, -58.381592, 11).license("9").inSets("100"))
      .photo("1003", p -> p.title("  leading and trailing spaces  ").description(LONG)
          .taken("1999-07-01 00:00:00").takenGranularity(4).license("0").noGeo())
      .photo("1004", p -> p.title("").description("")
          .taken("2020-01-01 00:00:00").takenUnknown(true).license("7").noGeo())
      .photo("1005", p -> p.title("circa").taken("1920-01-01 00:00:00").takenGranularity(8)
          .geo(-0.000001, 179.999999, 3))
      .video("1006", v -> v.title("a video \uD83C\uDFA5").taken("2019-12-31 23:59:59").license("6")
          .geo(51.477928, -0.001545, 16).inSets("200"))
      .favorite("2001", "99999999@N01", f -> f.title("Someone else's <photo>").license("5")
          .taken("2008-08-08 08:08:08").geo(35.681236, 139.767125, 14))
      .build()).build();

  @TempDir Path dir;

  private PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).build();
  }

  private BackupResult run(Path dest, Selection selection, XmpNaming naming) throws Exception {
    try (PhotoSource source = source()) {
      return FlickrBackup.run(BackupPlan.builder().source(source).destination(dest).selection(selection)
          .metadataWriters(List.of(MetadataWriters.xmpSidecar(naming))).build());
    }
  }

  /** Every regular file under dest whose name matches, by name (the first copy of each). */
  private static Map<String, Path> files(Path dest, String regex) throws IOException {
    Map<String, Path> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dest)) {
      s.filter(Files::isRegularFile).filter(p -> !p.startsWith(dest.resolve(".flickrbackup")))
          .filter(p -> p.getFileName().toString().matches(regex))
          .sorted().forEach(p -> m.putIfAbsent(p.getFileName().toString(), p));
    }
    return m;
  }

  private static List<Path> allFiles(Path dest, String regex) throws IOException {
    try (Stream<Path> s = Files.walk(dest)) {
      return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().matches(regex)).sorted().toList();
    }
  }

  static String sha256(Path p) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }

  /**
   * The text as the backup receives it: the fake, like Flickr, answers in XML, which cannot
   * carry NUL, most C0 controls, U+FFFE or U+FFFF, so it drops them (FakeItem's docs say so).
   * What the sidecar makes of those characters when a source does deliver them is
   * XmpSidecarWriterTest's.
   */
  static String asListed(String s) {
    return s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "");
  }

  /** Flickr's normalised tag, as the fake (and Flickr) lists it. */
  static String normalised(String tag) {
    StringBuilder b = new StringBuilder();
    tag.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
    return b.toString();
  }

  static List<String> list(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    if (n.isArray()) {
      n.forEach(e -> out.add(ExifTool.text(e)));
    } else {
      out.add(ExifTool.text(n));
    }
    return out;
  }

  @Test
  void everyFieldRoundTripsThroughExifTool() throws Exception {
    ExifTool.require();
    Path dest = dir.resolve("dest");
    BackupResult own = run(dest, Selection.updatedSince(Instant.EPOCH), XmpNaming.DARKTABLE);
    BackupResult faves = run(dest.resolve("favorites"), Selection.favorites(), XmpNaming.DARKTABLE);
    assertThat(own.failures()).isEmpty();
    assertThat(faves.failures()).isEmpty();

    List<FakeItem> items = new ArrayList<>(fake.account().items());
    items.addAll(fake.account().favorites());
    Map<String, Path> xmps = files(dest, "\\d+\\.[a-z0-9]+\\.xmp");
    List<Path> paths = new ArrayList<>();
    for (FakeItem item : items) {
      Path p = xmps.get(item.fileName() + ".xmp");
      assertThat(p).as("sidecar of %s", item.id()).isNotNull();
      paths.add(p);
    }
    List<JsonNode> read = ExifTool.read(paths);

    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < items.size(); i++) {
      check(soft, items.get(i), read.get(i));
    }
    soft.assertAll();
  }

  private static void check(SoftAssertions soft, FakeItem item, JsonNode x) {
    String id = item.id();
    soft.assertThat(x.path("File:FileType").asText()).as("%s: file type", id).isEqualTo("XMP");
    soft.assertThat(ExifTool.text(x.get("XMP-dc:Title"))).as("%s: title", id)
        .isEqualTo(item.title().isEmpty() ? null : asListed(item.title()));
    soft.assertThat(ExifTool.text(x.get("XMP-dc:Description"))).as("%s: description", id)
        .isEqualTo(item.description().isEmpty() ? null : asListed(item.description()));
    List<String> tags = new ArrayList<>();
    item.tags().forEach(t -> tags.add(normalised(t)));
    item.machineTags().forEach(t -> tags.add(t.substring(0, t.indexOf('=') + 1).toLowerCase(Locale.ROOT)
        + normalised(t.substring(t.indexOf('=') + 1))));
    soft.assertThat(list(x.get("XMP-dc:Subject"))).as("%s: keywords", id).isEqualTo(tags);
    soft.assertThat(list(x.get("XMP-lr:HierarchicalSubject"))).as("%s: lr keywords", id).isEqualTo(tags);
    soft.assertThat(list(x.get("XMP-dc:Creator"))).as("%s: creator", id).containsExactly(item.ownerUsername());

    // Dates: ExifTool shows XMP dates in EXIF's form, YYYY:MM:DD HH:MM:SS, cut to the precision written.
    String t = item.taken();
    String exact = t.substring(0, 10).replace('-', ':') + t.substring(10);
    String expected = item.takenUnknown() ? null : switch (item.takenGranularity()) {
      case 6, 8 -> t.substring(0, 4);
      case 4 -> t.substring(0, 7).replace('-', ':');
      default -> exact;
    };
    soft.assertThat(ExifTool.text(x.get("XMP-photoshop:DateCreated"))).as("%s: photoshop:DateCreated", id)
        .isEqualTo(expected);
    soft.assertThat(ExifTool.text(x.get("XMP-xmp:CreateDate"))).as("%s: xmp:CreateDate", id).isEqualTo(expected);
    soft.assertThat(ExifTool.text(x.get("XMP-exif:DateTimeOriginal"))).as("%s: exif:DateTimeOriginal", id)
        .isEqualTo(item.takenUnknown() || item.takenGranularity() != 0 ? null : exact);
    // A date-like string in an unknown namespace is shown in EXIF's form too.
    soft.assertThat(ExifTool.text(x.get("XMP-flickr:DateTaken"))).as("%s: raw date taken", id).isEqualTo(exact);

    if (item.geo() == null) {
      soft.assertThat(x.has("XMP-exif:GPSLatitude")).as("%s: no latitude", id).isFalse();
      soft.assertThat(x.has("XMP-exif:GPSLongitude")).as("%s: no longitude", id).isFalse();
      soft.assertThat(x.has("XMP-flickr:GeoAccuracy")).as("%s: no accuracy", id).isFalse();
    } else {
      // -n: signed decimal degrees, south and west negative.
      soft.assertThat(x.path("XMP-exif:GPSLatitude").asDouble(999)).as("%s: latitude", id)
          .isCloseTo(item.geo().latitude(), within(1e-7));
      soft.assertThat(x.path("XMP-exif:GPSLongitude").asDouble(999)).as("%s: longitude", id)
          .isCloseTo(item.geo().longitude(), within(1e-7));
      soft.assertThat(x.path("XMP-flickr:GeoAccuracy").asInt()).as("%s: accuracy", id)
          .isEqualTo(item.geo().accuracy());
    }

    License l = LICENSES.get(item.license());
    soft.assertThat(ExifTool.text(x.get("XMP-xmpRights:UsageTerms"))).as("%s: licence name", id).isEqualTo(l.name());
    soft.assertThat(ExifTool.text(x.get("XMP-xmpRights:WebStatement"))).as("%s: licence URL", id).isEqualTo(l.url());
    soft.assertThat(ExifTool.text(x.get("XMP-cc:License"))).as("%s: cc:license", id).isEqualTo(l.url());
    soft.assertThat(x.path("XMP-xmpRights:Marked").asBoolean()).as("%s: rights-managed", id).isEqualTo(l.marked());
    soft.assertThat(ExifTool.text(x.get("XMP-flickr:License"))).as("%s: licence id", id).isEqualTo(item.license());

    soft.assertThat(ExifTool.text(x.get("XMP-flickr:PhotoId"))).as("%s: id", id).isEqualTo(id);
    soft.assertThat(ExifTool.text(x.get("XMP-flickr:Media"))).as("%s: media", id)
        .isEqualTo(item.isVideo() ? "video" : "photo");
    soft.assertThat(ExifTool.text(x.get("XMP-flickr:Owner"))).as("%s: owner", id).isEqualTo(item.ownerNsid());
    soft.assertThat(ExifTool.text(x.get("XMP-flickr:OwnerName"))).as("%s: owner name", id)
        .isEqualTo(item.ownerUsername());
    soft.assertThat(ExifTool.text(x.get("XMP-flickr:PageURL"))).as("%s: page", id)
        .isEqualTo("https://www.flickr.com/photos/" + item.ownerNsid() + "/" + id + "/");
    soft.assertThat(ExifTool.text(x.get("XMP-flickr:DateFaved"))).as("%s: date faved", id)
        .isEqualTo(item.faved() == null ? null : item.faved().toString().replace('-', ':').replace('T', ' '));
    List<String> albums = new ArrayList<>();
    JsonNode a = x.get("XMP-flickr:Albums");
    if (a != null) {
      (a.isArray() ? a : List.of(a)).forEach(e -> albums.add(ExifTool.text(e.get("Id")) + "=" + ExifTool.text(e.get("Title"))));
    }
    List<String> expectedAlbums = new ArrayList<>();
    for (String set : item.sets()) {
      expectedAlbums.add(set + "=" + fakeSetTitle(set));
    }
    soft.assertThat(albums).as("%s: albums", id).isEqualTo(expectedAlbums);
  }

  private static String fakeSetTitle(String id) {
    return switch (id) {
      case "100" -> "Fair & <Square>";
      case "200" -> "Second\nalbum";
      default -> throw new IllegalArgumentException(id);
    };
  }

  /** Flickr's licences (flickr.photos.licenses.getInfo), for the ids the account uses. */
  record License(String name, String url, boolean marked) {}

  static final Map<String, License> LICENSES = Map.of(
      "0", new License("All Rights Reserved", null, true),
      "4", new License("Attribution License", "https://creativecommons.org/licenses/by/2.0/", true),
      "5", new License("Attribution-ShareAlike License", "https://creativecommons.org/licenses/by-sa/2.0/", true),
      "7", new License("No known copyright restrictions", "https://www.flickr.com/commons/usage/", false),
      "9", new License("Public Domain Dedication (CC0)", "https://creativecommons.org/publicdomain/zero/1.0/", false),
      "6", new License("Attribution-NoDerivs License", "https://creativecommons.org/licenses/by-nd/2.0/", true));
}
