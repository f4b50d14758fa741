package io.github.flickrbackup.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The floor's fetch: {@code threads} threads take the URLs from one queue and read each body to
 * the end with one OkHttp client (redirects followed), writing nothing. The benchmark runs it in
 * its own JVM, warm, and as a program of its own ({@link #main}), started cold as ours is. It uses
 * nothing but the JDK and OkHttp, so that as a program it loads no more than a plain fetch needs.
 */
final class FloorFetch {
  private FloorFetch() {}

  /** Bytes read, and the seconds from the threads' start to the last body's end. */
  record Fetched(long bytes, double seconds) {}

  /**
   * {@code java -cp … FloorFetch URL-FILE THREADS BYTES}: fetches the URLs of the file (one a
   * line) and exits 0 when it read {@code BYTES} bytes, 1 when it read another number, and with
   * the exception's message when a request failed. HTTPS trust comes from the JVM's options.
   */
  public static void main(String[] args) throws Exception {
    List<URI> urls = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank()).map(URI::create).toList();
    Fetched f = fetch(urls, Integer.parseInt(args[1]), null, null);
    long expected = Long.parseLong(args[2]);
    if (f.bytes() != expected) {
      System.err.println("read " + f.bytes() + " bytes, expected " + expected);
      System.exit(1);
    }
    System.out.printf(Locale.ROOT, "%d bytes in %.3f s%n", f.bytes(), f.seconds());
    System.exit(0);
  }

  /** The fetch; {@code sockets} and {@code trust} for HTTPS with a certificate of its own, else null. */
  static Fetched fetch(List<URI> urls, int threads, SSLSocketFactory sockets, X509TrustManager trust)
      throws Exception {
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(threads, 1, TimeUnit.MINUTES));
    if (sockets != null) {
      builder.sslSocketFactory(sockets, trust);
    }
    OkHttpClient client = builder.build();
    Queue<URI> queue = new ConcurrentLinkedQueue<>(urls);
    AtomicLong bytes = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime(); // client and pool made: timed as the floor always was
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          byte[] buffer = new byte[64 * 1024];
          for (URI u = queue.poll(); u != null; u = queue.poll()) {
            try (Response response = client.newCall(new Request.Builder().url(u.toString()).build()).execute()) {
              if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code() + " for " + u);
              }
              try (InputStream in = response.body().byteStream()) {
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                  bytes.addAndGet(n);
                }
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } finally {
      pool.shutdown();
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
    return new Fetched(bytes.get(), (System.nanoTime() - start) / 1e9);
  }
}
