package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
  @TempDir Path home;
  @TempDir Path dir;

  private Cli.Run run(String... args) {
    return Cli.run(Cli.env(home, Map.of()), args);
  }

  private Cli.Run runWithKey(String... args) {
    return Cli.run(Cli.env(home, Map.of("FLICKR_API_KEY", "k", "FLICKR_API_SECRET", "s")), args);
  }

  @Test
  void helpDocumentsEveryPythonFlagAndTheExitCodes() {
    Cli.Run r = run("--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("-f, --from=DATE", "-d, --download=FILE", "--find-missing=FILE",
        "--obtain-web-session=FILE", "--favorites", "-o, --store-once", "-k, --keep-existing", "-r, --retry=N",
        "-e, --error-file=FILE", "-l, --log-file=FILE", "-v, --verbose", "--token-cache=DIR", "--web-session=FILE",
        "--single-threaded", "--browser=chrome|firefox", "--endpoint=URL", "--api-key=KEY", "--dry-run",
        "--threads=N", "--json", "--demo", "--stacktrace", "--json-metadata", "--xmp",
        "--xmp-naming=darktable|lightroom", "-V, --version");
    assertThat(r.out()).contains("Exit status:", "  2  the run finished but some items failed");
  }

  @Test
  void versionIsTheProjectVersion() {
    Cli.Run r = run("--version");
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("flickrbackup ").doesNotContain("unknown").doesNotContain("${");
  }

  @Test
  void anUnknownFlagIsOneLineWithASuggestionAndStatus1() {
    Cli.Run r = run("--frm", "2012-02-28", "photos");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("Unknown option").contains("'--frm'").contains("did you mean --from?");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aBadDateSaysWhatFormatIsExpected() {
    Cli.Run r = run("-f", "28/02/2012", "photos");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("'28/02/2012' is not a date (expected YYYY-MM-DD");
  }

  @Test
  void modesAreMutuallyExclusive() {
    Cli.Run r = run("-f", "2012-02-28", "--find-missing", "m.csv", "photos");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("mutually exclusive");
  }

  @Test
  void theDestinationIsRequiredForABackup() {
    Cli.Run r = run("-f", "2012-02-28");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("missing DESTINATION");
  }

  @Test
  void outOfRangeNumbersAreRefusedWithTheirLimits() {
    assertThat(run("-r", "101", "photos").err()).contains("--retry must be between 0 and 100, not 101");
    assertThat(run("--threads", "0", "photos").err()).contains("--threads must be between 1 and 64, not 0");
    assertThat(run("--threads", "4", "--single-threaded", "photos").err()).contains("contradict");
    assertThat(run("-r", "many", "photos").err()).contains("'many' is not an int");
  }

  @Test
  void stackTracesOnlyWithStacktrace() {
    assertThat(run("--bogus", "photos").err()).doesNotContain("\tat ");
    Cli.Run r = run("--bogus", "--stacktrace", "photos");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("\tat picocli.");
  }

  @Test
  void withJsonAnErrorIsAlsoAJsonObjectOnStandardOutput() throws IOException {
    Cli.Run r = run("--json", "--frm", "photos");
    assertThat(r.status()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("status").asText()).isEqualTo("error");
    assertThat(json.path("exitCode").asInt()).isEqualTo(1);
    assertThat(json.path("error").asText()).contains("--frm");
  }

  @Test
  void withoutAnApiKeyItSaysWhereToGetOne() {
    Cli.Run r = run("-f", "2012-02-28", dir.resolve("photos").toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("no Flickr API key: get one at https://www.flickr.com/services/apps/create/",
        "FLICKR_API_KEY", "FLICKR_API_SECRET");
  }

  @Test
  void halfAnApiKeyIsNamed() {
    Cli.Run r = Cli.run(Cli.env(home, Map.of("FLICKR_API_KEY", "k")), "-f", "2012-02-28", dir.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("the API key is set but not its secret");
  }

  @Test
  void halfAnAccessTokenIsRefusedBeforeAnyLogin() {
    Cli.Run r = Cli.run(Cli.env(home, Map.of("FLICKR_API_KEY", "k", "FLICKR_API_SECRET", "s",
        "FLICKR_ACCESS_TOKEN", "t")), "-f", "2012-02-28", dir.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("set both FLICKR_ACCESS_TOKEN and FLICKR_ACCESS_TOKEN_SECRET, or neither");
  }

  @Test
  void aBadEndpointVariableIsNamed() {
    Cli.Run r = Cli.run(Cli.env(home, Map.of("FLICKRBACKUP_ENDPOINT", "ftp://x")), "-f", "2012-02-28",
        dir.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("FLICKRBACKUP_ENDPOINT: 'ftp://x' is not an absolute http(s) URL");
  }

  @Test
  void aBadLineOfAnIdFileIsNamedByFileAndLine() throws IOException {
    Path ids = Files.writeString(dir.resolve("errors.txt"), "# retry these\n53684749845\n\nabc\n");
    Cli.Run r = runWithKey("-d", ids.toString(), dir.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains(ids + ":4: 'abc' is not a Flickr photo id");
  }

  @Test
  void aMissingIdFileIsNamed() {
    Cli.Run r = runWithKey("-d", dir.resolve("nope.txt").toString(), dir.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("id file " + dir.resolve("nope.txt") + " does not exist");
  }

  @Test
  void aMissingWebSessionFileIsOneLine() {
    Cli.Run r = runWithKey("--web-session", dir.resolve("session.json").toString(), "-f", "2012-02-28",
        dir.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("session.json");
  }

  @Test
  void anUnknownConfigSettingIsNamed() throws IOException {
    Path config = Files.writeString(dir.resolve("config.properties"), "api.key=k\napi.secert=s\n");
    Cli.Run r = run("--config", config.toString(), "-f", "2012-02-28", dir.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("unknown setting 'api.secert'");
  }

  @Test
  void aDestinationThatIsAFileIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThat(runWithKey("-f", "2012-02-28", file.toString()).err()).contains("is not a folder");
    assertThat(run("--find-missing", dir.resolve("m.csv").toString(), file.toString()).err())
        .contains("is not a folder");
  }

  @Test
  void aLogFileInAMissingFolderIsRefused() {
    Cli.Run r = runWithKey("-l", dir.resolve("no/such/dir/log.txt").toString(), "-f", "2012-02-28", dir.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("cannot write log file").contains("does not exist");
  }

  @Test
  void secretsGivenOnTheCommandLineAreNeverEchoed() {
    Cli.Run r = run("--api-key", "the-key", "--api-secret", "s3cr3t-value", "--bogus", dir.toString());
    assertThat(r.err()).doesNotContain("s3cr3t-value");
    Cli.Run r2 = run("--api-secret", "s3cr3t-value", "-f", "2012-02-28", dir.toString());
    assertThat(r2.err()).contains("the API secret is set but not the key").doesNotContain("s3cr3t-value");
  }
}
