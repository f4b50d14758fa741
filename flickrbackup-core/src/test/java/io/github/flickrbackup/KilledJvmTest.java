package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.Fault;
import io.github.flickrbackup.testkit.FaultScope;
import io.github.flickrbackup.testkit.TestToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills real backup runs with SIGKILL ({@link Process#destroyForcibly}) at seeded random
 * moments and checks what each kill left: no file under a final name is truncated or holds
 * the wrong bytes, and every item the catalog calls done has its files, of the recorded size
 * and SHA-256. Each run continues where the killed one stopped. A last run must then finish
 * the backup and fetch only what no committed batch recorded.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class KilledJvmTest {
  private static final long SEED = 20261124L;
  private static final int KILLS = 5;

  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(11).photos(300).sets(8).videoShare(0.05)
          .multiSetShare(0.3).averageBytes(30_000)))
      // Some latency per download, so that a run lasts long enough to be killed mid-way.
      .fault(Fault.latency(Duration.ofMillis(30)).scopedTo(FaultScope.MEDIA))
      .build();

  @TempDir Path dir;

  @Test
  void killedRunsLeaveAConsistentDestinationAndARerunFetchesOnlyWhatWasNotRecorded() throws Exception {
    Path dest = dir.resolve("dest");
    TestToken token = fake.issueAccessToken();
    Random moments = new Random(SEED);
    int killedMidRun = 0;
    for (int i = 0; i < KILLS; i++) {
      long afterMillis = moments.nextInt(2500);
      boolean midRun = runAndKill(dest, token, afterMillis, dir.resolve("run-" + i + ".log"));
      if (midRun) {
        killedMidRun++;
      }
      checkWhatTheKillLeft(dest);
      System.out.printf("kill %d, %d ms after the first item started: %s; %d items recorded, %d temporary files left%n", i + 1,
          afterMillis, midRun ? "killed mid-run" : "the run had ended", doneIds(dest).size(), partFiles(dest));
    }
    assertThat(killedMidRun).as("kills that hit a running backup").isGreaterThan(0);

    Set<String> recorded = doneIds(dest);
    boolean catalogHadRows = !recorded.isEmpty() || Files.exists(dest.resolve(".flickrbackup/catalog.db"));
    fake.stats().reset();
    BackupResult rerun = FlickrBackup.run(BackupPlan.builder().source(source(token)).destination(dest)
        .selection(Selection.updatedSince(Instant.EPOCH)).build());

    assertThat(rerun.complete()).isTrue();
    Map<String, List<Path>> files = BackupEndToEndTest.mediaFiles(dest);
    for (FakeItem item : fake.account().items()) {
      assertThat(files).containsKey(item.id());
      for (Path p : files.get(item.id())) {
        assertThat(BackupEndToEndTest.sha256(p)).as(p.toString()).isEqualTo(item.sha256());
      }
      if (recorded.contains(item.id())) {
        assertThat(fake.stats().downloads(item.id())).as("recorded before the rerun: " + item.id()).isZero();
      } else if (catalogHadRows) {
        assertThat(fake.stats().downloads(item.id())).as("not recorded before the rerun: " + item.id()).isEqualTo(1);
      } else {
        // Killed before any catalog existed: the rerun adopts what it finds, as it would a
        // Python-tool backup. Killed later, with no item recorded: everything again, at most once.
        assertThat(fake.stats().downloads(item.id())).isLessThanOrEqualTo(1);
      }
    }
    checkWhatTheKillLeft(dest);
  }

  /**
   * Starts a backup in its own JVM and kills it {@code afterMillis} after it started working
   * on its first item (or after its run started, if it has nothing left to fetch).
   *
   * @return whether the kill hit a run that was still going
   */
  boolean runAndKill(Path dest, TestToken token, long afterMillis, Path log) throws Exception {
    String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBinary, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        BackupProcessMain.class.getName(), fake.baseUrl().toString(), token.token(), token.secret(),
        token.userNsid(), token.username(), dest.toString())
        .redirectErrorStream(true).start();
    CountDownLatch started = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
          if (line.equals("downloading") || line.startsWith("finished")) {
            started.countDown();
          }
        }
      } catch (IOException ignored) {
        // the process was killed
      }
    });
    reader.start();
    try {
      boolean runStarted = started.await(120, TimeUnit.SECONDS);
      assertThat(runStarted).as("the child's run started; its output is in " + log).isTrue();
      boolean endedByItself = p.waitFor(afterMillis, TimeUnit.MILLISECONDS);
      if (!endedByItself) {
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no flush
      }
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return !endedByItself;
    } finally {
      p.destroyForcibly();
      reader.join(10_000);
    }
  }

  /** What a kill may leave, and what it must not. */
  void checkWhatTheKillLeft(Path dest) throws Exception {
    // Every media file under a final name holds exactly the item's bytes; every .txt is whole.
    try (Stream<Path> s = Files.walk(dest)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String name = p.getFileName().toString();
        if (!Files.isRegularFile(p) || p.startsWith(dest.resolve(".flickrbackup"))) {
          continue;
        }
        if (name.matches("\\d+\\.[a-z0-9]+")) {
          String id = name.substring(0, name.indexOf('.'));
          assertThat(BackupEndToEndTest.sha256(p)).as("media under a final name: " + p)
              .isEqualTo(fake.account().item(id).sha256());
        } else if (name.matches("\\d+\\.[a-z0-9]+\\.txt")) {
          List<String> lines = Files.readAllLines(p);
          assertThat(lines).as("metadata under a final name: " + p).hasSize(10);
          assertThat(lines.get(0)).isEqualTo("[Information]");
        }
      }
    }
    // Every item the catalog calls done has its files, as recorded.
    for (DoneRow row : doneRows(dest)) {
      Path home = dest.resolve(row.primaryPath());
      assertThat(home).as("done in the catalog: " + row.id()).isRegularFile();
      assertThat(Files.size(home)).isEqualTo(row.size());
      assertThat(BackupEndToEndTest.sha256(home)).isEqualTo(row.sha256());
      assertThat(home.resolveSibling(home.getFileName() + ".txt")).isRegularFile();
      for (String copy : row.copies()) {
        assertThat(BackupEndToEndTest.sha256(dest.resolve(copy))).as("album copy of " + row.id()).isEqualTo(row.sha256());
      }
    }
  }

  static long partFiles(Path dest) throws IOException {
    try (Stream<Path> s = Files.walk(dest)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".part")).count();
    }
  }

  record DoneRow(String id, long size, String sha256, String primaryPath, List<String> copies) {}

  /** The catalog's done rows, read as the next run would (SQLite replays the WAL on open). */
  static List<DoneRow> doneRows(Path dest) throws Exception {
    Path db = dest.resolve(".flickrbackup/catalog.db");
    List<DoneRow> rows = new ArrayList<>();
    if (!Files.exists(db)) {
      return rows;
    }
    Map<String, List<String>> copies = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT m.item_id, m.path FROM memberships m JOIN items i ON i.id = m.item_id"
          + " WHERE i.state = 'done' AND m.path <> i.primary_path")) {
        while (r.next()) {
          copies.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
        }
      }
      try (ResultSet r = s.executeQuery("SELECT id, size, sha256, primary_path FROM items WHERE state = 'done'")) {
        while (r.next()) {
          rows.add(new DoneRow(r.getString(1), r.getLong(2), r.getString(3), r.getString(4),
              copies.getOrDefault(r.getString(1), List.of())));
        }
      }
    }
    return rows;
  }

  static Set<String> doneIds(Path dest) throws Exception {
    Set<String> ids = new HashSet<>();
    doneRows(dest).forEach(r -> ids.add(r.id()));
    return ids;
  }

  PhotoSource source(TestToken t) {
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).maxAttempts(3).build();
  }
}
