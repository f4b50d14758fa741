package io.github.flickrbackup.testkit.internal;

import io.github.flickrbackup.testkit.MediaFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** PLACEHOLDER until testkit-parts is merged. */
public final class MediaFiles {
  private MediaFiles() {}

  public static byte[] bytes(MediaFormat format, long size, String seed) {
    byte[] out = new byte[Math.toIntExact(size)];
    new SplittableRandom(seed.hashCode()).nextBytes(out);
    byte[] magic = switch (format) {
      case JPEG -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
      case PNG -> new byte[] {(byte) 0x89, 'P', 'N', 'G'};
      case GIF -> "GIF89a".getBytes(StandardCharsets.US_ASCII);
      case MP4 -> new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'};
      case MOV -> new byte[] {0, 0, 0, 0x14, 'f', 't', 'y', 'p', 'q', 't', ' ', ' '};
      case AVI -> "RIFF\0\0\0\0AVI ".getBytes(StandardCharsets.US_ASCII);
    };
    System.arraycopy(magic, 0, out, 0, Math.min(magic.length, out.length));
    return out;
  }

  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
