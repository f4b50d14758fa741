package io.github.flickrbackup.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flickrbackup.metadata.ItemRecord;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.metadata.XmpNaming;
import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.MediaVariant;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.RemoteItem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The XMP writer on items no Flickr listing can deliver (NUL, lone surrogates), read back by ExifTool. */
class XmpSidecarWriterTest {
  @TempDir Path dir;

  private static RemoteItem.Builder item(String id) {
    return RemoteItem.builder(PhotoId.of(id), MediaKind.PHOTO).owner("12345678@N00").ownerName("alice")
        .lastUpdate(Instant.ofEpochSecond(1_700_000_000L)).originalSecret("abc").originalFormat("jpg");
  }

  private static ItemRecord record(RemoteItem item) {
    return new ItemRecord(item, List.of(new Album("72157", "Holidays", "", Instant.EPOCH, 1, 0)), URI.create("https://example.com/a.jpg"),
        item.id().value() + ".jpg");
  }

  private List<JsonNode> read(List<RemoteItem> items) throws Exception {
    List<Path> files = new ArrayList<>();
    for (RemoteItem i : items) {
      Path f = dir.resolve(i.id().value() + ".jpg.xmp");
      Files.write(f, MetadataWriters.xmpSidecar().render(record(i)));
      files.add(f);
    }
    return ExifTool.read(files);
  }

  @Test
  void charactersXmlCannotHoldBecomeTheReplacementCharacterAndTheRestIsKept() throws Exception {
    String hostile = "a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\uFFFEh\uFFFFi \uD800 lone \uDC00 end";
    String kept = "tab\tnl\ncr\rcrlf\r\n<&>]]>\"' \uD83D\uDE00 \u0085\u2028\u202E";
    RemoteItem i = item("1").title(hostile).description(kept).tags(List.of("x\u0000y", "ok")).build();
    JsonNode x = read(List.of(i)).get(0);
    String replaced = "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\uFFFDi \uFFFD lone \uFFFD end";
    assertThat(ExifTool.text(x.get("XMP-dc:Title"))).isEqualTo(replaced);
    assertThat(ExifTool.text(x.get("XMP-dc:Description"))).isEqualTo(kept);
    assertThat(x.get("XMP-dc:Subject")).hasSize(2);
    assertThat(x.get("XMP-dc:Subject").get(0).asText()).isEqualTo("x\uFFFDy");
    assertThat(x.get("XMP-dc:Subject").get(1).asText()).isEqualTo("ok");
    // The packet itself is well-formed XML 1.0: no raw control character but tab and newline.
    String packet = new String(MetadataWriters.xmpSidecar().render(record(i)), StandardCharsets.UTF_8);
    assertThat(packet.chars().filter(c -> c < 0x20 && c != '\t' && c != '\n')).isEmpty();
  }

  @Test
  void datesKeepFlickrsGranularityAndAnUnknownDateIsLeftOut() throws Exception {
    List<JsonNode> x = read(List.of(
        item("1").dateTaken("2011-04-02 18:55:46").takenGranularity(0).build(),
        item("2").dateTaken("2011-04-01 00:00:00").takenGranularity(4).build(),
        item("3").dateTaken("2011-01-01 00:00:00").takenGranularity(6).build(),
        item("4").dateTaken("1900-01-01 00:00:00").takenGranularity(8).build(),
        item("5").dateTaken("2011-04-02 18:55:46").takenUnknown(true).build(),
        item("6").dateTaken("0000-00-00 00:00:00").build(),
        item("7").dateTaken("2011-00-00 00:00:00").build(),
        item("8").dateTaken("soon").build()));
    assertThat(dates(x.get(0))).containsExactly("2011:04:02 18:55:46", "2011:04:02 18:55:46", "2011:04:02 18:55:46");
    assertThat(dates(x.get(1))).containsExactly("2011:04", "2011:04", null);
    assertThat(dates(x.get(2))).containsExactly("2011", "2011", null);
    assertThat(dates(x.get(3))).containsExactly("1900", "1900", null);
    assertThat(dates(x.get(4))).containsExactly(null, null, null);
    assertThat(dates(x.get(5))).containsExactly(null, null, null);
    assertThat(dates(x.get(6))).containsExactly("2011", "2011", null);
    assertThat(dates(x.get(7))).containsExactly(null, null, null);
    assertThat(ExifTool.text(x.get(7).get("XMP-flickr:DateTaken"))).isEqualTo("soon");
  }

  private static List<String> dates(JsonNode x) {
    List<String> d = new ArrayList<>();
    d.add(ExifTool.text(x.get("XMP-photoshop:DateCreated")));
    d.add(ExifTool.text(x.get("XMP-xmp:CreateDate")));
    d.add(ExifTool.text(x.get("XMP-exif:DateTimeOriginal")));
    return d;
  }

  @Test
  void coordinatesUseXmpsDegreesAndDecimalMinutesInEveryQuadrant() throws Exception {
    assertThat(XmpSidecarWriter.coordinate(37.774929, 'N', 'S')).isEqualTo("37,46.495740N");
    assertThat(XmpSidecarWriter.coordinate(-122.419416, 'E', 'W')).isEqualTo("122,25.164960W");
    assertThat(XmpSidecarWriter.coordinate(-0.0000001, 'N', 'S')).isEqualTo("0,00.000006S");
    assertThat(XmpSidecarWriter.coordinate(10.99999999999, 'N', 'S')).isEqualTo("11,00.000000N");
    assertThat(XmpSidecarWriter.coordinate(-180, 'E', 'W')).isEqualTo("180,00.000000W");
    double[][] points = {{89.999999, 179.999999}, {-89.999999, -179.999999}, {0, 0}, {-33.856784, 151.215297}};
    List<RemoteItem> items = new ArrayList<>();
    for (int i = 0; i < points.length; i++) {
      items.add(item(Integer.toString(i + 1)).geo(new RemoteItem.Geo(points[i][0], points[i][1], 16)).build());
    }
    List<JsonNode> x = read(items);
    for (int i = 0; i < points.length; i++) {
      assertThat(x.get(i).path("XMP-exif:GPSLatitude").asDouble(999)).isCloseTo(points[i][0],
          org.assertj.core.api.Assertions.within(1e-7));
      assertThat(x.get(i).path("XMP-exif:GPSLongitude").asDouble(999)).isCloseTo(points[i][1],
          org.assertj.core.api.Assertions.within(1e-7));
    }
  }

  @Test
  void anUnknownLicenceIsNamedByItsIdWithoutAUrlAndARenditionSaysSo() throws Exception {
    RemoteItem i = item("1").license("42").build();
    ItemRecord r = new ItemRecord(i, List.of(), URI.create("https://example.com/v"), "1.mp4",
        new MediaVariant("Site MP4", URI.create("https://example.com/v")));
    Path f = dir.resolve("1.mp4.xmp");
    Files.write(f, MetadataWriters.xmpSidecar().render(r));
    JsonNode x = ExifTool.read(List.of(f)).get(0);
    assertThat(ExifTool.text(x.get("XMP-xmpRights:UsageTerms"))).isEqualTo("Flickr licence 42");
    assertThat(x.has("XMP-xmpRights:WebStatement")).isFalse();
    assertThat(x.has("XMP-xmpRights:Marked")).isFalse();
    assertThat(x.path("XMP-flickr:Original").asBoolean(true)).isFalse();
    assertThat(ExifTool.text(x.get("XMP-flickr:Rendition"))).isEqualTo("Site MP4");
    assertThat(ExifTool.text(x.get("XMP-flickr:PageURL"))).isEqualTo("https://www.flickr.com/photos/12345678@N00/1/");
  }

  @Test
  void theSamePacketForTheSameItemAndAnIdOnlyPageWithoutAnOwner() {
    RemoteItem i = item("77").owner("").title("t").tags(List.of("a", "b")).build();
    MetadataWriter w = MetadataWriters.xmpSidecar();
    assertThat(w.render(record(i))).isEqualTo(w.render(record(i)));
    assertThat(XmpSidecarWriter.pageUrl(i)).isEqualTo("https://www.flickr.com/photo.gne?id=77");
    assertThat(XmpSidecarWriter.pageUrl(item("77").owner("../x?y").build()))
        .isEqualTo("https://www.flickr.com/photo.gne?id=77");
  }

  @Test
  void namingDecidesWhetherTheExtensionIsReplaced() {
    assertThat(MetadataWriters.xmpSidecar().fileSuffix()).isEqualTo(".xmp");
    assertThat(MetadataWriters.xmpSidecar().replacesExtension()).isFalse();
    assertThat(MetadataWriters.xmpSidecar(XmpNaming.LIGHTROOM).fileSuffix()).isEqualTo(".xmp");
    assertThat(MetadataWriters.xmpSidecar(XmpNaming.LIGHTROOM).replacesExtension()).isTrue();
  }
}
