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

  /**
   * Has the JIT compile SHA-256 now, on a daemon thread, instead of during the first downloads.
   * Until C2 has compiled it (to the CPU's SHA instructions), the fetch threads hash about ten
   * times slower: on a first backup of 200 × 1 MB that cost about 0.1 s. Only a first backup
   * calls this: a run with little to download loses more to the compilation than it gains
   * (docs/benchmarks.md, "Figures of the ninth session"). Many small updates, because the JIT
   * compiles the bulk-update loop after enough calls, whatever their size: 20 updates of 64 KB
   * left it uncompiled until the downloads had begun.
   */
  static void compileEarly() {
    Thread t = new Thread(() -> {
      MessageDigest md = digest();
      byte[] chunk = new byte[2048];
      for (int i = 0; i < 1000; i++) {
        md.update(chunk);
      }
    }, "flickrbackup-sha-256-warm-up");
    t.setDaemon(true);
    t.start();
  }

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
