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
   * Has the JIT compile SHA-256 now, on a daemon thread, instead of on the first downloads.
   * Until C2 has compiled it (with the CPU's SHA instructions), the fetch threads hash in the
   * interpreter and C1's code at a tenth of the speed, while C2 waits for the counters: on a
   * first run of 200 × 1 MB that was about 0.1 s of the run. Only a first backup calls this,
   * since the compilation costs a run with little to download more than it saves
   * (docs/benchmarks.md, "Figures of the ninth session"). Many small updates, because
   * the method the JVM replaces for bulk updates counts calls, not bytes.
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
