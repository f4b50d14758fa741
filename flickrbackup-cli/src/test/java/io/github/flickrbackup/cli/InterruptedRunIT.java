package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.Fault;
import io.github.flickrbackup.testkit.FaultScope;
import io.github.flickrbackup.testkit.TestToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise for cron: a first run killed mid-way (SIGKILL, as a reboot does) is
 * finished by the next run without a mode, with nothing already saved fetched again.
 */
@Timeout(240)
class InterruptedRunIT {
  private static final int ITEMS = 200;

  @TempDir Path home;
  @TempDir Path work;

  private FakeFlickr fake;

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  /** Media files under the destination, by item id (metadata, state and temporary files left out). */
  private static Map<String, List<Path>> media(Path dest) throws Exception {
    try (Stream<Path> files = Files.walk(dest)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> !dest.relativize(p).toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.toString().endsWith(".txt"))
          .collect(Collectors.groupingBy(p -> p.getFileName().toString().replaceFirst("\\..*$", "")));
    }
  }

  /** Items the catalog records as done, i.e. committed: their files are in place. */
  private static Set<String> committed(Path dest) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dest.resolve(".flickrbackup/catalog.db"));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id FROM items WHERE state='done'")) {
      while (r.next()) {
        ids.add(r.getString(1));
      }
    }
    return ids;
  }

  private static String sha256(Path p) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }

  @Test
  void aPlainRunAfterAFirstRunKilledMidwayFinishesItWithoutFetchingAnythingTwice() throws Exception {
    fake = FakeFlickr.builder()
        .account(FakeAccount.generate(AccountSpec.seed(8).photos(ITEMS).sets(4).averageBytes(8_192)))
        .build();
    fake.start();
    // Slow media keep the first run busy long enough to be killed in the middle.
    fake.faults(Fault.latency(Duration.ofMillis(150)).scopedTo(FaultScope.MEDIA));
    TestToken t = fake.issueAccessToken();
    Map<String, String> env = Map.of("FLICKR_API_KEY", FakeFlickr.DEFAULT_CONSUMER_KEY,
        "FLICKR_API_SECRET", FakeFlickr.DEFAULT_CONSUMER_SECRET,
        "FLICKR_ACCESS_TOKEN", t.token(), "FLICKR_ACCESS_TOKEN_SECRET", t.secret());
    Path dest = work.resolve("photos");
    String endpoint = fake.baseUrl().toString();

    try (Jar first = Jar.start(home, env, List.of("--endpoint", endpoint, "-f", "2000-01-01", dest.toString()))) {
      first.stdin().close();
      // Not at a terminal, each finished item is one line with its id.
      first.awaitErr(err -> err.lines().filter(l -> l.matches("\\d+")).count() >= 18);
      first.kill();
    }
    Set<String> before = committed(dest);
    assertThat(before.size()).as("the kill must land mid-run").isBetween(18, ITEMS - 1);
    fake.clearFaults();
    fake.stats().reset();

    Jar.Result plain = Jar.run(home, env, "--endpoint", endpoint, dest.toString());

    assertThat(plain.status()).as(plain.toString()).isZero();
    assertThat(plain.err()).contains("did not finish");
    Map<String, List<Path>> files = media(dest);
    assertThat(files.keySet()).hasSize(ITEMS);
    for (FakeItem item : fake.account().items()) {
      assertThat(files).as(plain.toString()).containsKey(item.id());
      for (Path p : files.get(item.id())) {
        assertThat(sha256(p)).as(p.toString()).isEqualTo(item.sha256());
      }
      assertThat(fake.stats().downloads(item.id())).as("downloads of " + item.id() + " after the kill")
          .isEqualTo(before.contains(item.id()) ? 0 : 1);
    }
  }
}
