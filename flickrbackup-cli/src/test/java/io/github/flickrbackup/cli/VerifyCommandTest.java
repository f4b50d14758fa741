package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --verify}, {@code --verify --repair} and the completeness line, through the command line. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VerifyCommandTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(7).photos(10).sets(2).videoShare(0).averageBytes(10_000)))
      .build();

  @TempDir Path home;
  @TempDir Path work;

  @AfterEach
  void resetLogging() throws CliException {
    Logging.configure(false, null, false);
  }

  private Cli.Run cli(String... args) {
    return Cli.runAgainst(fake, home, args);
  }

  private Path backedUp() {
    Path dest = work.resolve("photos");
    Cli.Run r = cli("-f", "1990-01-01", dest.toString());
    assertThat(r.status()).as(r.err()).isZero();
    int n = fake.account().items().size();
    assertThat(r.out()).contains(n + " of " + n + " items on Flickr are backed up; 0 pending");
    return dest;
  }

  private static Path firstMedia(Path dest) throws Exception {
    try (Stream<Path> s = Files.walk(dest)) {
      return s.filter(p -> p.getFileName().toString().matches("\\d+\\.(jpg|png|gif)")).sorted().findFirst()
          .orElseThrow();
    }
  }

  @Test
  void verifyExitsZeroWhenAllIsWellAndTwoWithEachProblemListed() throws Exception {
    Path dest = backedUp();
    Cli.Run ok = cli("--verify", dest.toString());
    assertThat(ok.status()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("Verified " + fake.account().items().size() + " items").contains("all well");

    Path media = firstMedia(dest);
    Files.write(media, new byte[] {1, 2, 3});
    Files.writeString(dest.resolve("notes.txt"), "mine");
    Cli.Run bad = cli("--verify", dest.toString());
    assertThat(bad.status()).isEqualTo(ExitCodes.FAILED_ITEMS);
    String rel = dest.relativize(media).toString().replace('\\', '/');
    assertThat(bad.out()).contains("CORRUPT").contains(rel).contains("UNKNOWN").contains("notes.txt")
        .contains("2 problems (1 corrupt, 1 unknown)");

    Cli.Run json = cli("--verify", "--json", dest.toString());
    assertThat(json.status()).isEqualTo(ExitCodes.FAILED_ITEMS);
    JsonNode o = new ObjectMapper().readTree(json.out());
    assertThat(o.path("status").asText()).isEqualTo("problems");
    assertThat(o.path("exitCode").asInt()).isEqualTo(2);
    assertThat(o.path("problems").size()).isEqualTo(2);
    List<String> kinds = o.path("problems").findValuesAsText("kind");
    assertThat(kinds).containsExactlyInAnyOrder("CORRUPT", "UNKNOWN");
    assertThat(o.path("completeness").path("flickr_total").asInt()).isEqualTo(fake.account().items().size());
  }

  @Test
  void repairFetchesTheDamagedFileAgainAndExitsZeroWhenAllIsWhole() throws Exception {
    Path dest = backedUp();
    Path media = firstMedia(dest);
    byte[] good = Files.readAllBytes(media);
    Files.delete(media);
    fake.stats().reset();
    Cli.Run r = cli("--verify", "--repair", dest.toString());
    assertThat(r.status()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("MISSING_MEDIA").contains("Repair: 1 fetched again").contains("all is well");
    assertThat(media).hasBinaryContent(good);
    String id = media.getFileName().toString().replaceAll("\\..*", "");
    assertThat(fake.stats().downloads(id)).isEqualTo(1);
  }

  @Test
  void repairWithoutVerifyIsAUsageError() {
    Cli.Run r = cli("--repair", work.resolve("photos").toString());
    assertThat(r.status()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("--repair works with --verify");
  }

  @Test
  void theJsonSummaryOfARunCarriesTheCompletenessReport() throws Exception {
    Path dest = work.resolve("photos");
    Cli.Run r = cli("--json", "-f", "1990-01-01", dest.toString());
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode o = new ObjectMapper().readTree(r.out());
    int n = fake.account().items().size();
    assertThat(o.path("completeness").path("flickr_total").asInt()).isEqualTo(n);
    assertThat(o.path("completeness").path("backed_up").asInt()).isEqualTo(n);
    assertThat(o.path("completeness").path("line").asText())
        .isEqualTo(n + " of " + n + " items on Flickr are backed up; 0 pending");
  }
}
