package io.github.flickrbackup.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic hex strings derived from text (secrets, tokens). */
final class Hex {
  private Hex() {}

  static String of(String seed) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
