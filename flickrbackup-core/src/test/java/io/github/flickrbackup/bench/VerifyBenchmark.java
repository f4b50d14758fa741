package io.github.flickrbackup.bench;

import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.FlickrBackup;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.VerifyResult;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.TestToken;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How fast {@code --verify} reads a 20,000-item destination. The parent backs the generated
 * account up once (into {@code bench.dest}, reused when it already holds a catalog), then
 * runs {@link FlickrBackup#verify} {@code bench.repeat} times, each in a fresh JVM under
 * {@code /usr/bin/time}, so that the peak RSS is the verify's own. Prints items/s, MB/s, CPU
 * time and peak RSS per run.
 *
 * <pre>
 * java -cp CLASSPATH io.github.flickrbackup.bench.VerifyBenchmark [items] [threads]
 * </pre>
 *
 * The files were just written or read, so they are in the page cache unless the machine drops
 * it: the figures are of hashing and file handling, not of the disk (see docs/benchmarks.md).
 */
public final class VerifyBenchmark {
  private VerifyBenchmark() {}

  /**
   * @param args items (default 20000) and reader threads (default 6)
   * @throws Exception if anything fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(args);
      return;
    }
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    int repeat = Integer.getInteger("bench.repeat", 2);
    Path dest = Path.of(System.getProperty("bench.dest", System.getProperty("java.io.tmpdir") + "/flickrbackup-verify-"
        + items));
    try (FakeFlickr fake = FakeFlickr.builder()
        .account(FakeAccount.generate(AccountSpec.seed(1).photos(items).sets(Math.max(1, items / 100))
            .averageBytes(20_000)))
        .build()) {
      fake.start();
      TestToken t = fake.issueAccessToken();
      if (!Files.exists(dest.resolve(".flickrbackup/catalog.db"))) {
        long start = System.nanoTime();
        try (PhotoSource source = source(fake.baseUrl(), t)) {
          BackupResult r = FlickrBackup.run(BackupPlan.builder().source(source).destination(dest)
              .selection(Selection.updatedSince(Instant.EPOCH)).build());
          System.out.printf(Locale.ROOT, "# backed up %d items (%d failed) into %s in %.1f s%n", r.downloaded(),
              r.failed(), dest, (System.nanoTime() - start) / 1e9);
        }
      } else {
        System.out.println("# reusing " + dest);
      }
      System.out.printf(Locale.ROOT, "# verify of %d items, %d reader threads, %d cores, Java %s, %s%n", items,
          threads, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Instant.now());
      System.out.println("| run | items | files | media | wall | items/s | MB/s | CPU (user+sys) | peak RSS | problems |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|");
      for (int i = 1; i <= repeat; i++) {
        Path out = Files.createTempFile("verify-bench", ".txt");
        Path times = Files.createTempFile("verify-bench", ".time");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", times.toString(),
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
            "-cp", System.getProperty("java.class.path"), VerifyBenchmark.class.getName(), "child", dest.toString(),
            Integer.toString(threads), fake.baseUrl().toString(), t.token(), t.secret(), t.userNsid(), t.username()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
          throw new IllegalStateException("verify run failed: " + Files.readString(out, StandardCharsets.UTF_8));
        }
        String[] r = Files.readString(out, StandardCharsets.UTF_8).trim().split("\\s+");
        String[] tm = Files.readString(times, StandardCharsets.UTF_8).trim().split("\\s+");
        int n = tm.length;
        long its = Long.parseLong(r[0]);
        long files = Long.parseLong(r[1]);
        long bytes = Long.parseLong(r[2]);
        double seconds = Long.parseLong(r[3]) / 1000.0;
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %.1f MB | %.2f s | %.0f | %.1f | %.2f s | %d MB | %s |%n", i,
            its, files, bytes / 1e6, seconds, its / seconds, bytes / 1e6 / seconds,
            Double.parseDouble(tm[n - 3]) + Double.parseDouble(tm[n - 2]), Long.parseLong(tm[n - 1]) / 1024, r[4]);
        Files.deleteIfExists(out);
        Files.deleteIfExists(times);
      }
    }
  }

  private static PhotoSource source(URI base, TestToken t) {
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(base))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).build();
  }

  /** One verify in this JVM; prints items, files, bytes, verify wall time (ms), problems. */
  private static void child(String[] a) throws Exception {
    Path dest = Path.of(a[1]);
    int threads = Integer.parseInt(a[2]);
    TestToken t = new TestToken(a[4], a[5], a[6], a[7]);
    try (PhotoSource source = source(URI.create(a[3]), t)) {
      VerifyResult r = FlickrBackup.verify(BackupPlan.builder().source(source).destination(dest).threads(threads)
          .build());
      System.out.println(r.items() + " " + r.files() + " " + r.bytes() + " " + r.elapsed().toMillis() + " "
          + r.found().size());
    }
  }
}
