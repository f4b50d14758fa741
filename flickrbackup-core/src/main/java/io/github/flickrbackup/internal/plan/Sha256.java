package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.StorePath;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the catalog's fingerprint of a media file. */
final class Sha256 {
  private Sha256() {}

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static String hex(MessageDigest md) {
    return HexFormat.of().formatHex(md.digest());
  }

  /** @return the hex SHA-256 of a file in a store */
  static String of(MediaStore store, StorePath path) throws IOException {
    MessageDigest md = digest();
    try (InputStream in = store.open(path)) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return hex(md);
  }
}
