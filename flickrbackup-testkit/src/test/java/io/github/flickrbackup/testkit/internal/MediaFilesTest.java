package io.github.flickrbackup.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.testkit.MediaFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MediaFilesTest {

  private static final int[] SIZES = {512, 513, 514, 515, 1000, 4097, 65_536, 65_537 + 200, 65_541, 300_001};

  @ParameterizedTest
  @EnumSource(MediaFormat.class)
  void generatesExactlyTheRequestedSize(MediaFormat format) {
    for (int size : SIZES) {
      assertThat(MediaFiles.generate(format, 7L, size)).as("%s at %d bytes", format, size).hasSize(size);
    }
  }

  @ParameterizedTest
  @EnumSource(MediaFormat.class)
  void sameSeedAndSizeGiveTheSameBytesAndOtherSeedsDiffer(MediaFormat format) {
    byte[] a = MediaFiles.generate(format, 99L, 20_000);
    byte[] b = MediaFiles.generate(format, 99L, 20_000);
    byte[] c = MediaFiles.generate(format, 100L, 20_000);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
    assertThat(MediaFiles.generate(format, "photo:1:abc", 2_000)).isEqualTo(MediaFiles.generate(format, "photo:1:abc", 2_000));
  }

  @ParameterizedTest
  @EnumSource(MediaFormat.class)
  void sniffRecognisesEveryFormat(MediaFormat format) {
    byte[] file = MediaFiles.generate(format, 3L, 1_000);
    assertThat(MediaFiles.sniff(java.util.Arrays.copyOf(file, 16))).isEqualTo(format);
  }

  @Test
  void sniffRejectsUnknownBytesWithTheirHex() {
    assertThatThrownBy(() -> MediaFiles.sniff("<html>".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3c68746d6c3e");
  }

  @ParameterizedTest
  @EnumSource(value = MediaFormat.class, names = {"JPEG", "PNG", "GIF"})
  void imagesDecodeWithTheJdkDecoders(MediaFormat format) throws IOException {
    for (int size : SIZES) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(MediaFiles.generate(format, size, size)));
      assertThat(image).as("%s at %d bytes", format, size).isNotNull();
      assertThat(image.getWidth()).isPositive();
    }
  }

  @Test
  void jpegCarriesAnExifBlockWithMakeModelAndDateTimeOriginal() throws IOException {
    long seed = 1234L;
    byte[] jpeg = MediaFiles.generate(MediaFormat.JPEG, seed, 5_000);
    assertThat(jpeg[jpeg.length - 2] & 0xFF).isEqualTo(0xFF);
    assertThat(jpeg[jpeg.length - 1] & 0xFF).isEqualTo(0xD9);
    // Walk the segments up to SOS; APP1 must be Exif.
    List<Integer> markers = new ArrayList<>();
    byte[] app1 = null;
    int at = 2;
    while (true) {
      assertThat(jpeg[at] & 0xFF).isEqualTo(0xFF);
      int marker = jpeg[at + 1] & 0xFF;
      int len = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
      markers.add(marker);
      if (marker == 0xE1) {
        app1 = java.util.Arrays.copyOfRange(jpeg, at + 4, at + 2 + len);
      }
      at += 2 + len;
      if (marker == 0xDA) {
        break;
      }
    }
    assertThat(markers).contains(0xE1, 0xEF, 0xDB, 0xC0, 0xC4, 0xDA);
    assertThat(app1).isNotNull();
    String text = new String(app1, StandardCharsets.ISO_8859_1);
    assertThat(text).startsWith("Exif\0\0MM");
    String[] camera = MediaFiles.exifCamera(seed);
    assertThat(text).contains(camera[0] + "\0", camera[1] + "\0", MediaFiles.exifDateTimeOriginal(seed) + "\0");
    // IFD0 has the Make tag 0x010F as ASCII.
    ByteBuffer tiff = ByteBuffer.wrap(app1, 6, app1.length - 6).slice().order(ByteOrder.BIG_ENDIAN);
    int ifd0 = tiff.getInt(4);
    assertThat(tiff.getShort(ifd0) & 0xFFFF).isEqualTo(3);
    assertThat(tiff.getShort(ifd0 + 2) & 0xFFFF).isEqualTo(0x010F);
    assertThat(ImageIO.getImageReadersByFormatName("jpeg").hasNext()).isTrue();
    assertThat(MediaFiles.exifDateTimeOriginal(seed)).matches("\\d{4}:\\d{2}:\\d{2} \\d{2}:\\d{2}:\\d{2}");
  }

  @Test
  void pngChunksWalkToIendWithCorrectCrcs() {
    for (int size : SIZES) {
      byte[] png = MediaFiles.generate(MediaFormat.PNG, 5L, size);
      ByteBuffer b = ByteBuffer.wrap(png).order(ByteOrder.BIG_ENDIAN);
      int at = 8;
      List<String> types = new ArrayList<>();
      while (at < png.length) {
        int len = b.getInt(at);
        String type = new String(png, at + 4, 4, StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(png, at + 4, 4 + len);
        assertThat(b.getInt(at + 8 + len)).as("CRC of %s at %d in %d", type, at, size).isEqualTo((int) crc.getValue());
        types.add(type);
        at += 12 + len;
      }
      assertThat(at).isEqualTo(png.length);
      assertThat(types.get(0)).isEqualTo("IHDR");
      assertThat(types.get(types.size() - 1)).isEqualTo("IEND");
      assertThat(types).contains("IDAT", "fbPd");
    }
  }

  @Test
  void gifCommentSubBlocksWalkToTheImageAndTrailer() {
    for (int size : SIZES) {
      byte[] gif = MediaFiles.generate(MediaFormat.GIF, 5L, size);
      int at = 6 + 7 + 6; // header, screen descriptor, 2-entry colour table
      assertThat(gif[at] & 0xFF).isEqualTo(0x21);
      assertThat(gif[at + 1] & 0xFF).isEqualTo(0xFE);
      at += 2;
      while (gif[at] != 0) {
        at += 1 + (gif[at] & 0xFF);
      }
      at++;
      assertThat(gif[at] & 0xFF).as("image descriptor").isEqualTo(0x2C);
      assertThat(gif[gif.length - 1] & 0xFF).isEqualTo(0x3B);
    }
  }

  @ParameterizedTest
  @EnumSource(value = MediaFormat.class, names = {"MP4", "MOV"})
  void isoBoxesWalkExactlyToTheEnd(MediaFormat format) {
    for (int size : SIZES) {
      byte[] file = MediaFiles.generate(format, 11L, size);
      ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.BIG_ENDIAN);
      List<String> boxes = new ArrayList<>();
      int at = 0;
      while (at < file.length) {
        long len = b.getInt(at) & 0xFFFFFFFFL;
        boxes.add(new String(file, at + 4, 4, StandardCharsets.US_ASCII));
        assertThat(len).isGreaterThanOrEqualTo(8);
        at += (int) len;
      }
      assertThat(at).isEqualTo(file.length);
      assertThat(boxes).containsExactly("ftyp", "moov", "mdat");
      String brand = new String(file, 8, 4, StandardCharsets.US_ASCII);
      assertThat(brand).isEqualTo(format == MediaFormat.MOV ? "qt  " : "isom");
      int ftyp = b.getInt(0);
      assertThat(new String(file, ftyp + 8 + 4, 4, StandardCharsets.US_ASCII)).isEqualTo("mvhd");
    }
  }

  @Test
  void aviChunksWalkFromRiffThroughHdrlAndMoviToTheEnd() {
    for (int size : SIZES) {
      byte[] avi = MediaFiles.generate(MediaFormat.AVI, 13L, size);
      ByteBuffer b = ByteBuffer.wrap(avi).order(ByteOrder.LITTLE_ENDIAN);
      assertThat(new String(avi, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
      assertThat(b.getInt(4) & 0xFFFFFFFFL).isEqualTo(size - 8L);
      assertThat(new String(avi, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("AVI ");
      List<String> top = new ArrayList<>();
      int at = 12;
      int moviEnd = -1;
      while (at < avi.length) {
        String id = new String(avi, at, 4, StandardCharsets.US_ASCII);
        int len = b.getInt(at + 4);
        if (id.equals("LIST")) {
          id += ":" + new String(avi, at + 8, 4, StandardCharsets.US_ASCII);
          if (id.endsWith("movi")) {
            moviEnd = at + 8 + len;
            assertThat(new String(avi, at + 12, 4, StandardCharsets.US_ASCII)).isEqualTo("00dc");
          }
        }
        top.add(id);
        at += 8 + len + (len & 1);
      }
      assertThat(top).containsExactly("LIST:hdrl", "JUNK", "LIST:movi");
      assertThat(moviEnd).isEqualTo(size);
      // Only the final odd chunk may lack its pad byte.
      assertThat(at - avi.length).isBetween(0, 1).isEqualTo(size & 1);
    }
  }

  @ParameterizedTest
  @EnumSource(MediaFormat.class)
  void aSliceEqualsTheSameRangeOfTheWholeFile(MediaFormat format) throws IOException {
    int size = 300_001;
    byte[] whole = MediaFiles.generate(format, 21L, size);
    long[][] ranges = {{0, 1}, {0, 600}, {17, 70_000}, {65_530, 20}, {131_070, 131_074}, {size - 5, 5}, {size, 0}};
    for (long[] r : ranges) {
      byte[] slice = MediaFiles.slice(format, 21L, size, r[0], (int) r[1]);
      assertThat(slice).as("%s %d+%d", format, r[0], r[1])
          .isEqualTo(java.util.Arrays.copyOfRange(whole, (int) r[0], (int) (r[0] + r[1])));
    }
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    MediaFiles.write(format, 21L, size, streamed);
    assertThat(streamed.toByteArray()).isEqualTo(whole);
    try (InputStream in = MediaFiles.open(format, 21L, size)) {
      assertThat(in.readAllBytes()).isEqualTo(whole);
    }
    assertThat(MediaFiles.sha256Hex(format, 21L, size)).isEqualTo(MediaFiles.sha256Hex(whole));
  }

  @Test
  void largeVideosStreamWithoutAWholeArrayAndStayValid() throws IOException {
    long size = 50L * 1024 * 1024 + 3;
    byte[] head = MediaFiles.slice(MediaFormat.MP4, 8L, size, 0, 200);
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.BIG_ENDIAN);
    int ftyp = b.getInt(0);
    int moov = b.getInt(ftyp);
    long mdat = b.getInt(ftyp + moov) & 0xFFFFFFFFL;
    assertThat(ftyp + moov + mdat).isEqualTo(size);
    byte[] tail = MediaFiles.slice(MediaFormat.MP4, 8L, size, size - 100_000, 100_000);
    assertThat(tail).hasSize(100_000);
    long[] counted = {0};
    long started = System.nanoTime();
    MediaFiles.write(MediaFormat.MP4, 8L, size, new java.io.OutputStream() {
      @Override
      public void write(int x) {
        counted[0]++;
      }

      @Override
      public void write(byte[] buf, int off, int len) {
        counted[0] += len;
      }
    });
    assertThat(counted[0]).isEqualTo(size);
    System.out.printf("MediaFiles: streamed a %d-byte MP4 in %.1f ms%n", size, (System.nanoTime() - started) / 1e6);
  }

  @ParameterizedTest
  @EnumSource(MediaFormat.class)
  void refusesSizesBelowTheMinimumAndRangesOutsideTheFile(MediaFormat format) {
    assertThatThrownBy(() -> MediaFiles.generate(format, 1L, 511))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("511")
        .hasMessageContaining("minimum of 512");
    assertThatThrownBy(() -> MediaFiles.slice(format, 1L, 1_000, 990, 11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside");
  }

  @Test
  void movIsServedAsMp4ButIsQuickTime() {
    assertThat(MediaFormat.MOV.contentType()).isEqualTo("video/quicktime");
    assertThat(MediaFormat.MOV.servedContentType()).isEqualTo("video/mp4");
    assertThat(MediaFormat.JPEG.servedContentType()).isEqualTo("image/jpeg");
    assertThat(MediaFormat.fromExtension(".JPEG")).isEqualTo(MediaFormat.JPEG);
    assertThat(MediaFormat.fromExtension("avi").isVideo()).isTrue();
    assertThatThrownBy(() -> MediaFormat.fromExtension("heic")).hasMessageContaining("heic");
  }
}
