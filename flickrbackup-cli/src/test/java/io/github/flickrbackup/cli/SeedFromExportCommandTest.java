package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeExport;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.MediaFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --seed-from-export PATH... DEST}, then a plain run, through the command line. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SeedFromExportCommandTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder().account(account()).build();

  @TempDir Path home;
  @TempDir Path work;

  static FakeAccount account() {
    FakeAccount.Builder b = FakeAccount.builder().uploads(Instant.parse("2016-01-01T00:00:00Z"), Duration.ofDays(1))
        .set("72157600000000001", "Trips");
    for (int i = 0; i < 6; i++) {
      b.photo(Long.toString(4000 + i), p -> p.title("IMG 0042").imageDimensions().inSets("72157600000000001"));
    }
    b.video("4100", v -> v.title("Clip").format(MediaFormat.MP4));
    return b.build();
  }

  @AfterEach
  void resetLogging() throws CliException {
    Logging.configure(false, null, false);
  }

  private Cli.Run cli(String... args) {
    return Cli.runAgainst(fake, home, args);
  }

  @Test
  void seedsFromEveryPathBeforeDestinationThenARunCountsItsChecks() throws Exception {
    FakeExport.Written export = FakeExport.of(fake.account()).writeTo(work.resolve("export")); // the video is missing
    List<String> args = new ArrayList<>(List.of("--seed-from-export"));
    export.zips().forEach(z -> args.add(z.toString()));
    Path dest = work.resolve("photos");
    args.add(dest.toString());

    Cli.Run seed = cli(args.toArray(String[]::new));

    assertThat(seed.status()).as(seed.err()).isEqualTo(ExitCodes.FAILED_ITEMS); // the export lacks the video
    assertThat(seed.out()).contains("Seeded 6 items").contains("1 item has metadata but no media file")
        .contains("  4100").contains("Next: run flickrbackup " + dest);
    assertThat(fake.stats().mediaRequests()).isZero();

    Cli.Run run = cli("--json", dest.toString());

    assertThat(run.status()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    JsonNode checks = json.get("seedChecks");
    assertThat(checks.get("confirmed").asInt() + checks.get("sampled").asInt()).isEqualTo(6);
    assertThat(checks.get("sampleMatches").asInt()).isEqualTo(checks.get("sampled").asInt()).isPositive();
    assertThat(json.get("downloaded").asInt()).isEqualTo(1);
  }

  @Test
  void aCompleteExportExitsZeroAndTheJsonListsNothingMissing() throws Exception {
    FakeExport.Written export = FakeExport.of(fake.account()).missingMedia().mediaZips(1).writeTo(work.resolve("e"));
    Path dest = work.resolve("photos");

    Cli.Run seed = cli("--json", "--export-date", "2024-01-01", "--seed-from-export",
        export.metadataZips().get(0).toString(), export.metadataZips().get(1).toString(),
        export.mediaZips().get(0).toString(), dest.toString());

    assertThat(seed.status()).as(seed.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(seed.out());
    assertThat(json.get("seeded").asInt()).isEqualTo(7);
    assertThat(json.get("withoutMedia")).isEmpty();
    assertThat(json.get("exportDate").asText()).startsWith("2024-01-0"); // local midnight
  }

  @Test
  void exportDateWithoutSeedingIsAUsageError() {
    Cli.Run r = cli("--export-date", "2024-01-01", work.resolve("photos").toString());
    assertThat(r.status()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("--export-date applies only to --seed-from-export");
  }
}
