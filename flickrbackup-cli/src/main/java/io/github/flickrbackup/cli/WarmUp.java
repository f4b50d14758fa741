package io.github.flickrbackup.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.KeyStore;
import java.sql.DriverManager;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Start-up work that does not depend on the command line, done on another core while picocli
 * reads the arguments: SQLite's native library and JDBC driver, logging, JSON and TLS. Each is
 * a one-time cost of tens of milliseconds on a slow machine (class loading, the CA
 * certificates), paid anyway by the first run step that needs it; a run with nothing to do
 * takes about one second, and these costs in a row were a fifth of it (docs/benchmarks.md,
 * "Figures of the third session").
 *
 * <p>Only the first step must be finished before the command runs: SQLite's library location
 * is set as system properties that sqlite-jdbc reads once. The rest only warms shared caches
 * (the JDK's cache of the trusted certificates; loaded classes), so a failure there changes
 * nothing but the time the real step takes, and is ignored.
 */
final class WarmUp {
  /**
   * The trust managers made here. The JDK caches the CA certificates they were made from
   * through a weak reference only; held here (while {@code main} holds this object), the cache
   * outlives the next garbage collection, and OkHttp's client, made after the arguments are
   * read, finds it.
   */
  private volatile TrustManager[] trustManagers;

  private final CountDownLatch sqliteReady = new CountDownLatch(1);

  private WarmUp() {}

  /** Starts the work on a daemon thread. */
  static WarmUp start() {
    WarmUp warmUp = new WarmUp();
    Thread t = new Thread(warmUp::run, "flickrbackup-warm-up");
    t.setDaemon(true);
    t.start();
    return warmUp;
  }

  /**
   * Waits until SQLite's library is chosen: before anything opens a catalog. Interrupted, it
   * returns at once; sqlite-jdbc then finds a library itself, as it does without the kept copy.
   */
  void awaitSqlite() {
    try {
      sqliteReady.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      NativeLibraries.useKeptSqlite(); // also starts logging: sqlite-jdbc's loader has a logger
    } finally {
      sqliteReady.countDown();
    }
    // Then in the order a run needs them once main has read the token file (whose JSON main
    // reads itself meanwhile): TLS for the HTTP client, the longest step (when it came last,
    // main spent about 0.1 s at the client on it in profiles of an unchanged run), then the
    // catalog's.
    try {
      // What OkHttp's first client does: the default trust managers read the CA certificates.
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init((KeyStore) null);
      TrustManager[] managers = trust.getTrustManagers();
      trustManagers = managers;
      SSLContext.getInstance("TLS").init(null, managers, null);
      new ObjectMapper().writeValueAsString(java.util.Map.of("warm", 1));
      LoggerFactory.getILoggerFactory();
      SQLiteJDBCLoader.initialize(); // loads the native library the catalog's connection needs
      DriverManager.getDrivers();
    } catch (Exception | LinkageError e) {
      // only slower: the step that needs it does the same work and reports its own failure
    }
  }
}
