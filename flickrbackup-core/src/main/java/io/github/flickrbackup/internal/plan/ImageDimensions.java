package io.github.flickrbackup.internal.plan;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads the pixel dimensions a JPEG, PNG or GIF declares in its header, without decoding:
 * what a seeded file can be compared with the listing's {@code o_dims} by. JPEG segments
 * are skipped by their length (a skip, not a read, on a file), so a large APP segment before
 * the frame header costs nothing.
 */
final class ImageDimensions {
  /** A JPEG with more segments than this before its frame header is not searched further. */
  private static final int MAX_SEGMENTS = 10_000;

  /**
   * Width and height in pixels.
   *
   * @param width the width
   * @param height the height
   */
  record Dimensions(int width, int height) {
    /** @return whether {@code w × h} matches, in either orientation (EXIF rotation swaps them) */
    boolean matches(int w, int h) {
      return (width == w && height == h) || (width == h && height == w);
    }
  }

  private ImageDimensions() {}

  /**
   * @param ext jpg, png or gif (anything else gives empty)
   * @param in the file's bytes from the start; not closed
   * @return the declared dimensions, or empty when the header cannot be read
   */
  static Optional<Dimensions> read(String ext, InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    try {
      return switch (ext) {
        case "png" -> png(d);
        case "gif" -> gif(d);
        case "jpg" -> jpeg(d);
        default -> Optional.empty();
      };
    } catch (EOFException e) {
      return Optional.empty();
    }
  }

  private static Optional<Dimensions> png(DataInputStream d) throws IOException {
    d.skipNBytes(8 + 4); // signature, IHDR length
    byte[] type = d.readNBytes(4);
    if (!new String(type, java.nio.charset.StandardCharsets.ISO_8859_1).equals("IHDR")) {
      return Optional.empty();
    }
    return Optional.of(new Dimensions(d.readInt(), d.readInt()));
  }

  private static Optional<Dimensions> gif(DataInputStream d) throws IOException {
    d.skipNBytes(6);
    int w = d.readUnsignedByte() | (d.readUnsignedByte() << 8);
    int h = d.readUnsignedByte() | (d.readUnsignedByte() << 8);
    return Optional.of(new Dimensions(w, h));
  }

  private static Optional<Dimensions> jpeg(DataInputStream d) throws IOException {
    if (d.readUnsignedByte() != 0xFF || d.readUnsignedByte() != 0xD8) {
      return Optional.empty();
    }
    for (int i = 0; i < MAX_SEGMENTS; i++) {
      int b = d.readUnsignedByte();
      if (b != 0xFF) {
        return Optional.empty();
      }
      int marker = d.readUnsignedByte();
      while (marker == 0xFF) {
        marker = d.readUnsignedByte(); // fill bytes
      }
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue; // no length
      }
      if (marker == 0xD9 || marker == 0xDA) {
        return Optional.empty(); // end of image, or scan data before any frame header
      }
      int length = d.readUnsignedShort();
      if (length < 2) {
        return Optional.empty();
      }
      boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (frame) {
        d.readUnsignedByte(); // precision
        int h = d.readUnsignedShort();
        int w = d.readUnsignedShort();
        return Optional.of(new Dimensions(w, h));
      }
      d.skipNBytes(length - 2);
    }
    return Optional.empty();
  }
}
