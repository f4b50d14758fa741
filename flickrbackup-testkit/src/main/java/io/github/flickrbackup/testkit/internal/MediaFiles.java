package io.github.flickrbackup.testkit.internal;

import io.github.flickrbackup.testkit.MediaFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * Deterministic, real media files of an exact size: the same format, seed and size always give
 * the same bytes, and the bytes are a valid container (a decoder reads the images; the boxes and
 * chunks of the videos walk to the end of the file).
 *
 * <p>Each file is a small fixed head, a padding region inside the container (APP15 segments in a
 * JPEG, private {@code fbPd} chunks in a PNG, a comment extension in a GIF, {@code mdat} in
 * MP4/MOV, the {@code 00dc} chunk of {@code movi} in an AVI) and a small fixed tail. Padding is
 * generated block by block on demand, so any byte range of a 50 MB video is produced without
 * building the whole file ({@link #write(MediaFormat, long, long, long, long, OutputStream)}).
 *
 * <pre>{@code
 * byte[] jpeg = MediaFiles.generate(MediaFormat.JPEG, 42L, 20_000);
 * MediaFiles.write(MediaFormat.MP4, 42L, 50_000_000L, 1_000L, 4_096L, out); // bytes 1000..5095
 * }</pre>
 */
public final class MediaFiles {
  /** The smallest size any format can be generated at. */
  public static final int MIN_SIZE = 512;

  private static final int NOISE_BLOCK = 64 * 1024;

  private MediaFiles() {}

  /**
   * The whole file as an array.
   *
   * @throws IllegalArgumentException if {@code size} is below {@link #MIN_SIZE}
   */
  public static byte[] generate(MediaFormat format, long seed, int size) {
    return slice(format, seed, size, 0, size);
  }

  /** Like {@link #generate(MediaFormat, long, int)} with the seed derived from a text ({@link #seedOf(String)}). */
  public static byte[] generate(MediaFormat format, String seedText, int size) {
    return generate(format, seedOf(seedText), size);
  }

  /**
   * The whole file for a text seed; the argument order of the testkit's first placeholder, kept
   * so its call sites compile unchanged.
   */
  public static byte[] bytes(MediaFormat format, long size, String seedText) {
    return generate(format, seedOf(seedText), Math.toIntExact(size));
  }

  /** Same as {@link #sha256Hex(byte[])}. */
  public static String sha256(byte[] data) {
    return sha256Hex(data);
  }

  /** A stable 64-bit seed for a text (the first 8 bytes of its SHA-256), e.g. {@code "photo:1001:secret"}. */
  public static long seedOf(String seedText) {
    byte[] d = sha256().digest(seedText.getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(d).getLong();
  }

  /** Writes the whole file to {@code out} (not closed). */
  public static void write(MediaFormat format, long seed, long size, OutputStream out) throws IOException {
    write(format, seed, size, 0, size, out);
  }

  /**
   * Writes bytes {@code offset .. offset+length-1} of the file to {@code out} (not closed).
   *
   * @throws IllegalArgumentException if the range is not inside the file
   */
  public static void write(MediaFormat format, long seed, long size, long offset, long length, OutputStream out)
      throws IOException {
    Layout layout = layout(format, seed, size);
    checkRange(size, offset, length);
    layout.write(offset, offset + length, out);
  }

  /** Bytes {@code offset .. offset+length-1} of the file; equal to the same range of the whole file. */
  public static byte[] slice(MediaFormat format, long seed, long size, long offset, int length) {
    checkRange(size, offset, length);
    Layout layout = layout(format, seed, size);
    ByteArrayOutputStream out = new ByteArrayOutputStream(length);
    try {
      layout.write(offset, offset + length, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The whole file as a stream that generates its bytes as they are read. */
  public static InputStream open(MediaFormat format, long seed, long size) {
    Layout layout = layout(format, seed, size);
    return new LayoutInputStream(layout);
  }

  /**
   * A MockWebServer body for bytes {@code offset .. offset+length-1} of the file (for a full
   * answer pass 0 and the size; for a Range answer the range), generated while it is sent.
   */
  public static MockResponseBody responseBody(MediaFormat format, long seed, long size, long offset, long length) {
    Layout layout = layout(format, seed, size);
    checkRange(size, offset, length);
    return new MockResponseBody() {
      @Override
      public long getContentLength() {
        return length;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        OutputStream os = sink.outputStream();
        layout.write(offset, offset + length, os);
        os.flush();
      }
    };
  }

  /** The SHA-256 of the whole file, lowercase hex, computed by streaming. */
  public static String sha256Hex(MediaFormat format, long seed, long size) {
    MessageDigest md = sha256();
    try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
      write(format, seed, size, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The SHA-256 of some bytes, lowercase hex. */
  public static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(sha256().digest(data));
  }

  /**
   * The container of a file from its first bytes (16 are enough).
   *
   * @throws IllegalArgumentException if the bytes are not one of the served formats
   */
  public static MediaFormat sniff(byte[] head) {
    Objects.requireNonNull(head, "head");
    if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
      return MediaFormat.JPEG;
    }
    if (startsWith(head, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
      return MediaFormat.PNG;
    }
    if (startsWith(head, 0, ascii("GIF89a")) || startsWith(head, 0, ascii("GIF87a"))) {
      return MediaFormat.GIF;
    }
    if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("AVI "))) {
      return MediaFormat.AVI;
    }
    if (startsWith(head, 4, ascii("ftyp")) && head.length >= 12) {
      return startsWith(head, 8, ascii("qt  ")) ? MediaFormat.MOV : MediaFormat.MP4;
    }
    throw new IllegalArgumentException("not a known media container; first bytes: "
        + HexFormat.of().formatHex(Arrays.copyOf(head, Math.min(16, head.length))));
  }

  // ---------------------------------------------------------------------------------------------
  // Layouts

  private static void checkRange(long size, long offset, long length) {
    if (offset < 0 || length < 0 || offset + length > size) {
      throw new IllegalArgumentException(
          "range " + offset + "+" + length + " is outside a file of " + size + " bytes");
    }
  }

  static Layout layout(MediaFormat format, long seed, long size) {
    Objects.requireNonNull(format, "format");
    if (size < MIN_SIZE) {
      throw new IllegalArgumentException(
          format + " file size " + size + " is below the minimum of " + MIN_SIZE + " bytes");
    }
    return switch (format) {
      case JPEG -> jpeg(seed, size);
      case PNG -> png(seed, size);
      case GIF -> gif(seed, size);
      case MP4 -> isoBmff(seed, size, false);
      case MOV -> isoBmff(seed, size, true);
      case AVI -> avi(seed, size);
    };
  }

  /** Camera makes and models the EXIF block picks from. */
  private static final String[][] CAMERAS = {
    {"Canon", "Canon EOS 5D Mark IV"},
    {"NIKON CORPORATION", "NIKON D750"},
    {"Apple", "iPhone 12 Pro"},
    {"FUJIFILM", "X-T3"},
    {"SONY", "ILCE-7M3"},
    {"OLYMPUS CORPORATION", "E-M10MarkII"},
  };

  /** The EXIF DateTimeOriginal the JPEG of this seed carries ({@code yyyy:MM:dd HH:mm:ss}). */
  public static String exifDateTimeOriginal(long seed) {
    SplittableRandom r = new SplittableRandom(mix(seed, 0x4578_6966L));
    return String.format(java.util.Locale.ROOT, "%04d:%02d:%02d %02d:%02d:%02d",
        2005 + r.nextInt(19), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60));
  }

  /** The EXIF Make and Model the JPEG of this seed carries. */
  public static String[] exifCamera(long seed) {
    String[] c = CAMERAS[(int) Long.remainderUnsigned(mix(seed, 0x43616DL), CAMERAS.length)];
    return c.clone();
  }

  private static Layout jpeg(long seed, long size) {
    Bytes head = new Bytes(ByteOrder.BIG_ENDIAN);
    head.u8(0xFF).u8(0xD8);
    byte[] exif = exifTiff(seed);
    head.u8(0xFF).u8(0xE1).u16(2 + 6 + exif.length).raw(ascii("Exif\0\0")).raw(exif);

    Bytes tail = new Bytes(ByteOrder.BIG_ENDIAN);
    // DQT: one table of all ones (Pq=0, Tq=0).
    tail.u8(0xFF).u8(0xDB).u16(67).u8(0);
    for (int i = 0; i < 64; i++) {
      tail.u8(1);
    }
    // SOF0: baseline, 8 bits, 8x8, one grey component sampled 1x1 using table 0.
    tail.u8(0xFF).u8(0xC0).u16(11).u8(8).u16(8).u16(8).u8(1).u8(1).u8(0x11).u8(0);
    // DHT: a DC table whose only code "0" means "category c", an AC table whose only code means EOB.
    int category = 4;
    tail.u8(0xFF).u8(0xC4).u16(20).u8(0x00).u8(1).raw(new byte[15]).u8(category);
    tail.u8(0xFF).u8(0xC4).u16(20).u8(0x10).u8(1).raw(new byte[15]).u8(0x00);
    // SOS: one component, tables 0/0, full spectrum.
    tail.u8(0xFF).u8(0xDA).u16(8).u8(1).u8(1).u8(0x00).u8(0).u8(63).u8(0);
    // Entropy data: DC code "0" + 4 bits of difference (8..15: the grey level depends on the
    // seed) + AC code "0" (EOB), padded with ones: 0 dddd 0 11.
    int diff = 8 + (int) Long.remainderUnsigned(mix(seed, 0x4443L), 8);
    int bits = ((diff & 0x0F) << 3) | 0b11;
    tail.u8(bits);
    tail.u8(0xFF).u8(0xD9);

    long padding = size - head.size() - tail.size();
    Layout.Builder b = new Layout.Builder();
    b.fixed(head.toArray());
    b.blocks(padding, 65_537, 4, (index, len) -> {
      // An APP15 segment: marker, length, then noise that decoders skip by length.
      byte[] seg = new byte[len];
      seg[0] = (byte) 0xFF;
      seg[1] = (byte) 0xEF;
      seg[2] = (byte) ((len - 2) >>> 8);
      seg[3] = (byte) (len - 2);
      noise(seed, 1, index, seg, 4, len - 4);
      return seg;
    });
    b.fixed(tail.toArray());
    return b.build(size);
  }

  private static byte[] exifTiff(long seed) {
    String[] camera = exifCamera(seed);
    byte[] make = (camera[0] + "\0").getBytes(StandardCharsets.US_ASCII);
    byte[] model = (camera[1] + "\0").getBytes(StandardCharsets.US_ASCII);
    byte[] date = (exifDateTimeOriginal(seed) + "\0").getBytes(StandardCharsets.US_ASCII);
    int ifd0 = 8;
    int makeAt = ifd0 + 2 + 3 * 12 + 4;
    int modelAt = makeAt + make.length;
    int exifIfdAt = (modelAt + model.length + 1) & ~1;
    int dateAt = exifIfdAt + 2 + 12 + 4;
    Bytes t = new Bytes(ByteOrder.BIG_ENDIAN);
    t.raw(ascii("MM")).u16(42).u32(ifd0);
    t.u16(3);
    t.u16(0x010F).u16(2).u32(make.length).u32(makeAt);
    t.u16(0x0110).u16(2).u32(model.length).u32(modelAt);
    t.u16(0x8769).u16(4).u32(1).u32(exifIfdAt);
    t.u32(0);
    t.raw(make).raw(model);
    while (t.size() < exifIfdAt) {
      t.u8(0);
    }
    t.u16(1);
    t.u16(0x9003).u16(2).u32(date.length).u32(dateAt);
    t.u32(0);
    t.raw(date);
    return t.toArray();
  }

  private static Layout png(long seed, long size) {
    Bytes head = new Bytes(ByteOrder.BIG_ENDIAN);
    head.raw(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    int w = 8;
    int h = 8;
    Bytes ihdr = new Bytes(ByteOrder.BIG_ENDIAN).u32(w).u32(h).u8(8).u8(2).u8(0).u8(0).u8(0);
    head.raw(pngChunk("IHDR", ihdr.toArray()));
    SplittableRandom r = new SplittableRandom(mix(seed, 0x504E47L));
    byte[] rgb = {(byte) r.nextInt(256), (byte) r.nextInt(256), (byte) r.nextInt(256)};
    byte[] raw = new byte[h * (1 + 3 * w)];
    for (int y = 0; y < h; y++) {
      int row = y * (1 + 3 * w);
      raw[row] = 0; // filter: none
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          raw[row + 1 + 3 * x + c] = (byte) (rgb[c] + 8 * (x + y));
        }
      }
    }
    head.raw(pngChunk("IDAT", deflate(raw)));
    byte[] tail = pngChunk("IEND", new byte[0]);
    long padding = size - head.size() - tail.length;
    Layout.Builder b = new Layout.Builder();
    b.fixed(head.toArray());
    b.blocks(padding, 12 + 65_536, 12, (index, len) -> {
      // A private, ancillary, safe-to-copy chunk ("fbPd") that decoders ignore.
      byte[] data = new byte[len - 12];
      noise(seed, 2, index, data, 0, data.length);
      return pngChunk("fbPd", data);
    });
    b.fixed(tail);
    return b.build(size);
  }

  private static byte[] pngChunk(String type, byte[] data) {
    byte[] t = ascii(type);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    return new Bytes(ByteOrder.BIG_ENDIAN).u32(data.length).raw(t).raw(data).u32((int) crc.getValue()).toArray();
  }

  private static byte[] deflate(byte[] raw) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    try {
      d.setInput(raw);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[1024];
      while (!d.finished()) {
        out.write(buf, 0, d.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  private static Layout gif(long seed, long size) {
    SplittableRandom r = new SplittableRandom(mix(seed, 0x474946L));
    Bytes head = new Bytes(ByteOrder.LITTLE_ENDIAN);
    head.raw(ascii("GIF89a")).u16(1).u16(1).u8(0x80).u8(0).u8(0);
    for (int i = 0; i < 6; i++) {
      head.u8(r.nextInt(256)); // global colour table: 2 entries
    }
    head.u8(0x21).u8(0xFE); // comment extension; its sub-blocks are the padding
    Bytes tail = new Bytes(ByteOrder.LITTLE_ENDIAN);
    tail.u8(0x00); // end of the comment's sub-blocks
    tail.u8(0x2C).u16(0).u16(0).u16(1).u16(1).u8(0); // image descriptor 1x1, no local table
    // LZW, minimum code size 2: clear (4), index 0, end (5), packed LSB first.
    tail.u8(2).u8(2).u8(0x44).u8(0x01).u8(0);
    tail.u8(0x3B);
    long padding = size - head.size() - tail.size();
    Layout.Builder b = new Layout.Builder();
    b.fixed(head.toArray());
    b.blocks(padding, 256, 2, (index, len) -> {
      byte[] sub = new byte[len];
      sub[0] = (byte) (len - 1);
      // Printable comment text, so tools that show the comment do not choke.
      noise(seed, 3, index, sub, 1, len - 1);
      for (int i = 1; i < len; i++) {
        sub[i] = (byte) ('a' + ((sub[i] & 0xFF) % 26));
      }
      return sub;
    });
    b.fixed(tail.toArray());
    return b.build(size);
  }

  private static Layout isoBmff(long seed, long size, boolean quickTime) {
    Bytes head = new Bytes(ByteOrder.BIG_ENDIAN);
    if (quickTime) {
      head.u32(20).raw(ascii("ftyp")).raw(ascii("qt  ")).u32(0x200).raw(ascii("qt  "));
    } else {
      head.u32(32).raw(ascii("ftyp")).raw(ascii("isom")).u32(0x200)
          .raw(ascii("isom")).raw(ascii("iso2")).raw(ascii("mp41")).raw(ascii("mp42"));
    }
    SplittableRandom r = new SplittableRandom(mix(seed, 0x6D6F6F76L));
    long created = 3_200_000_000L + r.nextInt(600_000_000); // seconds since 1904: 2005..2024
    head.u32(8 + 108).raw(ascii("moov"));
    head.u32(108).raw(ascii("mvhd")).u32(0).u32((int) created).u32((int) created)
        .u32(1000).u32(1000 + r.nextInt(600_000)).u32(0x0001_0000).u16(0x0100).raw(new byte[10]);
    int[] matrix = {0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000};
    for (int m : matrix) {
      head.u32(m);
    }
    head.raw(new byte[24]).u32(2);
    long payload = size - head.size() - 8;
    boolean large = payload + 8 > 0xFFFF_FFFFL;
    if (large) {
      payload -= 8;
      head.u32(1).raw(ascii("mdat")).u64(payload + 16);
    } else {
      head.u32((int) (payload + 8)).raw(ascii("mdat"));
    }
    Layout.Builder b = new Layout.Builder();
    b.fixed(head.toArray());
    b.blocks(payload, NOISE_BLOCK, 1, (index, len) -> noiseBlock(seed, quickTime ? 5 : 4, index, len));
    return b.build(size);
  }

  private static Layout avi(long seed, long size) {
    if (size > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("AVI file size " + size + " exceeds RIFF's 4 GiB limit");
    }
    Bytes strl = new Bytes(ByteOrder.LITTLE_ENDIAN);
    strl.raw(ascii("strl"));
    strl.raw(ascii("strh")).u32(56).raw(ascii("vids")).raw(ascii("MJPG")).u32(0).u16(0).u16(0)
        .u32(0).u32(1).u32(30).u32(0).u32(1).u32(0).u32(-1).u32(0).u16(0).u16(0).u16(16).u16(16);
    strl.raw(ascii("strf")).u32(40).u32(40).u32(16).u32(16).u16(1).u16(24).raw(ascii("MJPG"))
        .u32(16 * 16 * 3).u32(0).u32(0).u32(0).u32(0);
    Bytes hdrl = new Bytes(ByteOrder.LITTLE_ENDIAN);
    hdrl.raw(ascii("hdrl"));
    hdrl.raw(ascii("avih")).u32(56).u32(33_333).u32(0).u32(0).u32(0).u32(1).u32(0).u32(1).u32(0)
        .u32(16).u32(16).u32(0).u32(0).u32(0).u32(0);
    hdrl.raw(ascii("LIST")).u32(strl.size()).raw(strl.toArray());
    // A JUNK chunk whose content depends on the seed, as muxers leave for header growth.
    byte[] junk = new byte[16];
    noise(seed, 6, 0, junk, 0, junk.length);

    Bytes head = new Bytes(ByteOrder.LITTLE_ENDIAN);
    head.raw(ascii("RIFF")).u32((int) (size - 8)).raw(ascii("AVI "));
    head.raw(ascii("LIST")).u32(hdrl.size()).raw(hdrl.toArray());
    head.raw(ascii("JUNK")).u32(junk.length).raw(junk);
    long moviListSize = size - head.size() - 8; // the movi LIST runs to the end of the file
    head.raw(ascii("LIST")).u32((int) moviListSize).raw(ascii("movi"));
    long frame = size - head.size() - 8;
    // All RIFF chunks are even-sized; for an odd total the frame chunk is odd-sized and its pad
    // byte is omitted at the end of the file, which readers tolerate.
    head.raw(ascii("00dc")).u32((int) frame);
    Layout.Builder b = new Layout.Builder();
    b.fixed(head.toArray());
    b.blocks(frame, NOISE_BLOCK, 1, (index, len) -> noiseBlock(seed, 7, index, len));
    return b.build(size);
  }

  // ---------------------------------------------------------------------------------------------
  // Building blocks

  private static byte[] noiseBlock(long seed, int stream, long index, int len) {
    byte[] out = new byte[len];
    noise(seed, stream, index, out, 0, len);
    return out;
  }

  private static void noise(long seed, int stream, long index, byte[] dst, int off, int len) {
    SplittableRandom r = new SplittableRandom(mix(mix(seed, stream), index));
    int i = off;
    int end = off + len;
    while (i + 8 <= end) {
      long v = r.nextLong();
      for (int k = 0; k < 8; k++) {
        dst[i++] = (byte) v;
        v >>>= 8;
      }
    }
    long v = r.nextLong();
    while (i < end) {
      dst[i++] = (byte) v;
      v >>>= 8;
    }
  }

  /** A SplitMix64-style mixer of two longs. */
  private static long mix(long a, long b) {
    long z = a * 0x9E37_79B9_7F4A_7C15L + b + 0x632B_E59B_D9B4_E019L;
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean startsWith(byte[] data, int at, byte[] prefix) {
    if (data.length < at + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** A growable byte array with fixed-endian integer writers. */
  private static final class Bytes {
    private final ByteOrder order;
    private byte[] buf = new byte[256];
    private int n;

    Bytes(ByteOrder order) {
      this.order = order;
    }

    Bytes u8(int v) {
      ensure(1);
      buf[n++] = (byte) v;
      return this;
    }

    Bytes u16(int v) {
      return order == ByteOrder.BIG_ENDIAN ? u8(v >>> 8).u8(v) : u8(v).u8(v >>> 8);
    }

    Bytes u32(int v) {
      return order == ByteOrder.BIG_ENDIAN ? u16(v >>> 16).u16(v) : u16(v).u16(v >>> 16);
    }

    Bytes u64(long v) {
      return order == ByteOrder.BIG_ENDIAN ? u32((int) (v >>> 32)).u32((int) v) : u32((int) v).u32((int) (v >>> 32));
    }

    Bytes raw(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
      return this;
    }

    int size() {
      return n;
    }

    byte[] toArray() {
      return Arrays.copyOf(buf, n);
    }

    private void ensure(int more) {
      if (n + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
      }
    }
  }

  /** Generates block {@code index} (global within its padding region) of length {@code len}. */
  @FunctionalInterface
  interface BlockGenerator {
    byte[] block(long index, int len);
  }

  /**
   * A file as a sequence of parts: fixed byte arrays, and runs of equal-sized blocks generated on
   * demand. Writing a range touches only the blocks it overlaps.
   */
  static final class Layout {
    private final Part[] parts;
    private final long[] starts;
    private final long size;

    private Layout(List<Part> parts, long size) {
      this.parts = parts.toArray(new Part[0]);
      this.starts = new long[this.parts.length];
      long at = 0;
      for (int i = 0; i < this.parts.length; i++) {
        starts[i] = at;
        at += this.parts[i].length();
      }
      if (at != size) {
        throw new IllegalStateException("layout is " + at + " bytes, expected " + size);
      }
      this.size = size;
    }

    long size() {
      return size;
    }

    void write(long from, long to, OutputStream out) throws IOException {
      if (from >= to) {
        return;
      }
      int i = Arrays.binarySearch(starts, from);
      if (i < 0) {
        i = -i - 2;
      }
      for (; i < parts.length && starts[i] < to; i++) {
        long ps = starts[i];
        long a = Math.max(from, ps) - ps;
        long z = Math.min(to, ps + parts[i].length()) - ps;
        if (a < z) {
          parts[i].write(a, z, out);
        }
      }
    }

    interface Part {
      long length();

      void write(long from, long to, OutputStream out) throws IOException;
    }

    record Fixed(byte[] bytes) implements Part {
      @Override
      public long length() {
        return bytes.length;
      }

      @Override
      public void write(long from, long to, OutputStream out) throws IOException {
        out.write(bytes, (int) from, (int) (to - from));
      }
    }

    /** {@code count} blocks of {@code blockLength} bytes; block indexes start at {@code firstIndex}. */
    record Blocks(long firstIndex, long count, int blockLength, BlockGenerator generator) implements Part {
      @Override
      public long length() {
        return count * blockLength;
      }

      @Override
      public void write(long from, long to, OutputStream out) throws IOException {
        long b = from / blockLength;
        while (from < to) {
          long blockStart = b * blockLength;
          byte[] block = generator.block(firstIndex + b, blockLength);
          int a = (int) (from - blockStart);
          int z = (int) Math.min(blockLength, to - blockStart);
          out.write(block, a, z - a);
          from = blockStart + z;
          b++;
        }
      }
    }

    static final class Builder {
      private final List<Part> parts = new ArrayList<>();

      Builder fixed(byte[] bytes) {
        parts.add(new Fixed(bytes));
        return this;
      }

      /**
       * Padding of exactly {@code total} bytes as blocks of at most {@code max} and at least
       * {@code min} bytes: full blocks, then one or two shorter ones that absorb the remainder.
       */
      Builder blocks(long total, int max, int min, BlockGenerator generator) {
        if (total < min) {
          throw new IllegalStateException("padding of " + total + " bytes is below its minimum of " + min);
        }
        long full = total / max;
        long rest = total % max;
        if (rest != 0 && rest < min) {
          // Borrow from the last full block: split max + rest into two blocks of at least min.
          full--;
          long pair = max + rest;
          int first = (int) (pair / 2);
          int second = (int) (pair - first);
          addRun(0, full, max, generator);
          addRun(full, 1, first, generator);
          addRun(full + 1, 1, second, generator);
          return this;
        }
        addRun(0, full, max, generator);
        if (rest != 0) {
          addRun(full, 1, (int) rest, generator);
        }
        return this;
      }

      private void addRun(long firstIndex, long count, int length, BlockGenerator generator) {
        if (count > 0) {
          parts.add(new Blocks(firstIndex, count, length, generator));
        }
      }

      Layout build(long size) {
        return new Layout(parts, size);
      }
    }
  }

  /** Reads a layout front to back, a block at a time. */
  private static final class LayoutInputStream extends InputStream {
    private final Layout layout;
    private long position;
    private byte[] chunk = new byte[0];
    private int chunkPos;

    LayoutInputStream(Layout layout) {
      this.layout = layout;
    }

    @Override
    public int read() throws IOException {
      if (!fill()) {
        return -1;
      }
      return chunk[chunkPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int k = Math.min(len, chunk.length - chunkPos);
      System.arraycopy(chunk, chunkPos, b, off, k);
      chunkPos += k;
      return k;
    }

    @Override
    public int available() {
      return chunk.length - chunkPos;
    }

    private boolean fill() throws IOException {
      if (chunkPos < chunk.length) {
        return true;
      }
      if (position >= layout.size()) {
        return false;
      }
      long end = Math.min(layout.size(), position + NOISE_BLOCK);
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) (end - position));
      layout.write(position, end, out);
      chunk = out.toByteArray();
      chunkPos = 0;
      position = end;
      return true;
    }
  }
}
