package io.github.flickrbackup.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.testkit.MediaFormat;
import io.github.flickrbackup.testkit.internal.MediaFiles;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SeedCheckTest {
  @Test
  void aboutOneItemInAHundredIsSampledAndAlwaysTheSameOnes() {
    long sampled = LongStream.range(0, 100_000).filter(i -> SeedCheck.sampledById(Long.toString(5_000_000_000L + i)))
        .count();
    assertThat(sampled).isBetween(900L, 1100L);
    assertThat(SeedCheck.sampledById("5230303130")).isEqualTo(SeedCheck.sampledById("5230303130"));
  }

  @Test
  void theExportsOriginalUrlNamesTheSecretItWasExportedWith() {
    ItemRow row = new ItemRow("5230303130", 0, SeedCheck.EXPORTED
        + "https://live.staticflickr.com/65535/5230303130_a1b2c3d4e5_o.jpg", "photo", "jpg", 10, "00", "a.jpg",
        "done", 0, null, false, null);
    assertThat(SeedCheck.seeded(row)).isTrue();
    assertThat(SeedCheck.sameOriginal(row, item("a1b2c3d4e5"))).isTrue();
    assertThat(SeedCheck.sameOriginal(row, item("ffffff0000"))).isFalse();
    ItemRow video = new ItemRow("5230303130", 0, SeedCheck.EXPORTED
        + "https://www.flickr.com/photos/x/5230303130/play/orig/a1b2c3d4e5/", "video", "mp4", 10, "00", "a.mp4",
        "done", 0, null, false, null);
    assertThat(SeedCheck.sameOriginal(video, item("ffffff0000"))).isTrue(); // no secret to compare with
  }

  @Test
  void headersDeclareTheDimensionsOfTheGeneratedImages() throws Exception {
    for (MediaFormat f : new MediaFormat[] {MediaFormat.JPEG, MediaFormat.PNG, MediaFormat.GIF}) {
      byte[] bytes = MediaFiles.generate(f, 7L, 300_000);
      int side = f == MediaFormat.GIF ? 1 : 8;
      assertThat(ImageDimensions.read(f.extension(), new ByteArrayInputStream(bytes)))
          .as(f.name()).contains(new ImageDimensions.Dimensions(side, side));
    }
    assertThat(ImageDimensions.read("jpg", new ByteArrayInputStream(new byte[] {1, 2, 3}))).isEmpty();
    assertThat(new ImageDimensions.Dimensions(4000, 3000).matches(3000, 4000)).isTrue();
    assertThat(new ImageDimensions.Dimensions(4000, 3000).matches(4000, 2999)).isFalse();
  }

  private static RemoteItem item(String originalSecret) {
    return RemoteItem.builder(PhotoId.of("5230303130"), MediaKind.PHOTO).lastUpdate(Instant.EPOCH)
        .originalSecret(originalSecret).build();
  }
}
