package io.github.flickrbackup.internal.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.store.StorePath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayoutTest {
  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "../../x", "/etc", "a\\b", "C:x", "CON", "nul.txt", "trailing. ", "a\u0000b",
      "new\nline", "\u202eevil", "   ", "com1", "x/../..", "lpt9.jpg"})
  void hostileTitlesBecomeSafeSegments(String title) {
    String name = Layout.folderName(title);
    StorePath p = StorePath.of(name, "2012", "1.jpg"); // refuses anything unsafe
    assertThat(p.segments()).hasSize(3);
    assertThat(name).doesNotContain("/", "\\", ":", "\u0000", "\n", "\u202e");
    assertThat(name).isNotIn(".", "..");
    assertThat(name).doesNotEndWith(".").doesNotEndWith(" ");
    assertThat(name.toUpperCase().split("\\.")[0]).isNotIn("CON", "NUL", "COM1", "LPT9");
  }

  @Test
  void longTitlesAreCutOnACodePointWithin255Bytes() {
    String name = Layout.folderName("é".repeat(300));
    assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
    assertThat(name).matches("é+");
    String dis = Layout.disambiguated("😀".repeat(100), "72157600000000001");
    assertThat(dis.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
    assertThat(dis).endsWith(" \u2013 72157600000000001");
  }

  @Test
  void nfdTitlesBecomeNfc() {
    assertThat(Layout.folderName("cafe\u0301")).isEqualTo("caf\u00e9");
  }

  @Test
  void datesComeFromTakenElseUpload() {
    RemoteItem.Builder b = RemoteItem.builder(PhotoId.of("1"), MediaKind.PHOTO)
        .dateUploaded(Instant.parse("2020-05-06T23:00:00Z"));
    assertThat(Layout.dateFolders(b.dateTaken("2012-02-28 14:03:10").build())).containsExactly("2012", "02", "28");
    assertThat(Layout.dateFolders(b.dateTaken("0000-00-00 00:00:00").build())).containsExactly("2020", "05", "06");
    assertThat(Layout.dateFolders(b.dateTaken("2012-02-28 14:03:10").takenUnknown(true).build()))
        .containsExactly("2020", "05", "06");
    assertThat(Layout.dateFolders(b.dateTaken("garbage").takenUnknown(false).build())).containsExactly("2020", "05", "06");
  }

  @Test
  void onlyAPossibleAsciiDateOnTheFirstLineIsTaken() {
    RemoteItem.Builder b = RemoteItem.builder(PhotoId.of("1"), MediaKind.PHOTO)
        .dateUploaded(Instant.parse("2020-05-06T23:00:00Z"));
    assertThat(Layout.dateFolders(b.dateTaken("2012-02-28").build())).containsExactly("2012", "02", "28");
    assertThat(Layout.dateFolders(b.dateTaken("1800-01-09 x").build())).containsExactly("1800", "01", "09");
    assertThat(Layout.dateFolders(b.dateTaken("2012-02-30 00:00:00").build())).containsExactly("2020", "05", "06");
    assertThat(Layout.dateFolders(b.dateTaken("1799-12-31 00:00:00").build())).containsExactly("2020", "05", "06");
    assertThat(Layout.dateFolders(b.dateTaken("2012-13-01 00:00:00").build())).containsExactly("2020", "05", "06");
    assertThat(Layout.dateFolders(b.dateTaken("2012-02-28\n14:03:10").build())).containsExactly("2020", "05", "06");
    assertThat(Layout.dateFolders(b.dateTaken("\uff12\uff10\uff11\uff12-02-28").build()))
        .containsExactly("2020", "05", "06");
    assertThat(Layout.dateFolders(b.dateTaken("2012/02/28").build())).containsExactly("2020", "05", "06");
    assertThat(Layout.dateFolders(b.dateTaken("2012-2-28").build())).containsExactly("2020", "05", "06");
    assertThat(Layout.dateFolders(b.dateTaken("").build())).containsExactly("2020", "05", "06");
  }
}
