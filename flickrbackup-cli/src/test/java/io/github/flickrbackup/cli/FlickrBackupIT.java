package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flickrbackup.session.CapturedSession;
import io.github.flickrbackup.session.SessionFiles;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.SessionCookie;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.TestToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real jar, run as a subprocess against the testkit's fake Flickr. */
@Timeout(180)
class FlickrBackupIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  @TempDir Path work;

  private FakeFlickr fake;

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  private FakeFlickr start(FakeAccount account) {
    fake = FakeFlickr.builder().account(account).build();
    fake.start();
    return fake;
  }

  private static FakeAccount account(long seed) {
    return FakeAccount.generate(AccountSpec.seed(seed).photos(24).sets(3).videoShare(0.1).favorites(5)
        .averageBytes(8_192));
  }

  /** The key of the fake, and a token issued to it. */
  private Map<String, String> keyAndToken() {
    TestToken t = fake.issueAccessToken(FakeFlickr.DEFAULT_CONSUMER_KEY);
    Map<String, String> env = new HashMap<>(key());
    env.put("FLICKR_ACCESS_TOKEN", t.token());
    env.put("FLICKR_ACCESS_TOKEN_SECRET", t.secret());
    return env;
  }

  private static Map<String, String> key() {
    return Map.of("FLICKR_API_KEY", FakeFlickr.DEFAULT_CONSUMER_KEY,
        "FLICKR_API_SECRET", FakeFlickr.DEFAULT_CONSUMER_SECRET);
  }

  private Jar.Result backup(Map<String, String> env, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--endpoint", fake.baseUrl().toString()));
    all.addAll(List.of(args));
    return Jar.run(home, env, all.toArray(String[]::new));
  }

  /** Media files under a backup folder, by item id (metadata files and the catalog left out). */
  private static Map<String, List<Path>> media(Path dest) throws IOException {
    if (!Files.isDirectory(dest)) {
      return Map.of();
    }
    try (Stream<Path> files = Files.walk(dest)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> !dest.relativize(p).toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.toString().endsWith(".txt") && !p.toString().endsWith(".json"))
          .collect(Collectors.groupingBy(p -> p.getFileName().toString().replaceFirst("\\..*$", "")));
    }
  }

  private static List<String> ids(List<FakeItem> items) {
    return items.stream().map(FakeItem::id).toList();
  }

  @Test
  void aFullBackupFetchesEveryItemOnceAndPrintsEachId() throws Exception {
    start(account(1));
    Path dest = work.resolve("photos");
    Jar.Result r = backup(keyAndToken(), "-f", "1990-01-01", dest.toString());
    assertThat(r.status()).as(r.toString()).isZero();
    List<String> all = ids(fake.account().items());
    assertThat(media(dest).keySet()).as(r.toString()).containsExactlyInAnyOrderElementsOf(all);
    for (String id : all) {
      assertThat(fake.stats().downloads(id)).as("downloads of " + id).isEqualTo(1);
      assertThat(r.errLines()).as("one line per finished item, as the Python tool").contains(id);
      for (Path p : media(dest).get(id)) {
        assertThat(Path.of(p + ".txt")).exists();
      }
    }
    assertThat(r.out()).contains("Done in").contains(all.size() + " new").contains("0 failed");
  }

  @Test
  void anIncrementalRunFetchesOnlyWhatChanged() throws Exception {
    start(account(2));
    Path dest = work.resolve("photos");
    Map<String, String> env = keyAndToken();
    assertThat(backup(env, "-f", "1990-01-01", dest.toString()).status()).isZero();
    List<FakeItem> items = fake.account().items();
    String retitled = items.get(0).id();
    String replaced = items.get(1).id();
    fake.account().editMetadata(retitled, b -> b.title("A new title"));
    fake.account().replaceMedia(replaced);
    fake.account().addPhoto("77000000001", p -> p.title("Uploaded today"));
    fake.stats().reset();

    Jar.Result r = backup(env, "--json", dest.toString());
    assertThat(r.status()).as(r.toString()).isZero();
    JsonNode summary = JSON.readTree(r.out());
    assertThat(summary.path("downloaded").asInt()).as(r.toString()).isEqualTo(1);
    assertThat(summary.path("updated").asInt()).isEqualTo(1);
    assertThat(summary.path("metadataOnly").asInt()).isEqualTo(1);
    assertThat(summary.path("failed").asInt()).isZero();
    assertThat(fake.stats().downloads(retitled)).isZero();
    assertThat(fake.stats().downloads(replaced)).isEqualTo(1);
    assertThat(fake.stats().downloads("77000000001")).isEqualTo(1);
    assertThat(fake.stats().mediaBytes())
        .isEqualTo(fake.account().item(replaced).bytes() + fake.account().item("77000000001").bytes());
    String title = Files.readString(Path.of(media(dest).get(retitled).get(0) + ".txt"), StandardCharsets.UTF_8);
    assertThat(title).contains("title = A new title");
  }

  @Test
  void favoritesAreBackedUpByDate() throws Exception {
    start(account(3));
    Path dest = work.resolve("faves");
    Jar.Result r = backup(keyAndToken(), "--favorites", "-f", "1990-01-01", dest.toString());
    assertThat(r.status()).as(r.toString()).isZero();
    Map<String, List<Path>> media = media(dest);
    assertThat(media.keySet()).containsExactlyInAnyOrderElementsOf(ids(fake.account().favorites()));
    for (List<Path> paths : media.values()) {
      assertThat(dest.relativize(paths.get(0)).toString()).matches("\\d{4}/\\d{2}/\\d{2}/[^/]+");
    }
  }

  @Test
  void downloadModeFetchesExactlyTheListedIds() throws Exception {
    start(account(4));
    Path dest = work.resolve("photos");
    List<String> wanted = ids(fake.account().items()).subList(3, 5);
    Path list = Files.writeString(work.resolve("errors.txt"), "# retry\n" + String.join("\n", wanted) + "\n");
    Jar.Result r = backup(keyAndToken(), "-d", list.toString(), dest.toString());
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(media(dest).keySet()).containsExactlyInAnyOrderElementsOf(wanted);
  }

  @Test
  void findMissingListsMetadataWhoseMediaIsGoneWithoutAKey() throws Exception {
    FakeAccount account = account(5);
    start(account);
    Path dest = work.resolve("photos");
    PythonLayout.write(dest, account, fake.baseUrl(), "2000-01-01");
    String gone = ids(account.items()).get(2);
    for (Path p : media(dest).get(gone)) {
      Files.delete(p);
    }
    Path csv = work.resolve("missing.csv");
    Jar.Result r = Jar.run(home, Map.of(), "--find-missing", csv.toString(), dest.toString());
    assertThat(r.status()).as(r.toString()).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("Photo ID,URL,Directory");
    assertThat(lines.subList(1, lines.size())).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith(gone + ","));
    assertThat(r.out()).contains("missing; listed in " + csv);
  }

  @Test
  void theFirstRunAsksForAuthorisationOnStandardInputAndKeepsTheToken() throws Exception {
    start(account(6));
    Path dest = work.resolve("photos");
    Path cache = work.resolve("tokens");
    List<String> args = List.of("--endpoint", fake.baseUrl().toString(), "--token-cache", cache.toString(),
        "-f", "1990-01-01", dest.toString());
    Jar.Result first;
    try (Jar jar = Jar.start(home, key(), args)) {
      String prompt = jar.awaitErr(s -> s.contains("Code:"));
      Matcher m = Pattern.compile("oauth_token=([^&\\s]+)").matcher(prompt);
      assertThat(m.find()).as(prompt).isTrue();
      jar.type(fake.approve(m.group(1)));
      first = jar.finish();
    }
    assertThat(first.status()).as(first.toString()).isZero();
    assertThat(first.err()).contains("Authorised");
    Path file = cache.resolve(TokenCache.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

    Jar.Result second = Jar.run(home, key(), args.toArray(String[]::new));
    assertThat(second.status()).as(second.toString()).isZero();
    assertThat(second.err()).doesNotContain("Code:");
  }

  @Test
  void aRevokedTokenStopsACronRunWithOneClearLine() throws Exception {
    start(account(7));
    Path cache = work.resolve("tokens");
    TestToken t = fake.issueAccessToken(FakeFlickr.DEFAULT_CONSUMER_KEY);
    new TokenCache(cache).save(FlickrEndpoint.at(fake.baseUrl()),
        new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET),
        new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()));
    fake.revokeToken(t.token());
    Jar.Result r = backup(key(), "--token-cache", cache.toString(), "-f", "1990-01-01",
        work.resolve("photos").toString());
    assertThat(r.status()).as(r.toString()).isEqualTo(1);
    assertThat(r.errLines()).as(r.toString()).hasSize(1);
    assertThat(r.err()).contains("Flickr refused the saved authorisation").contains("authorise again")
        .doesNotContain(t.secret()).doesNotContain(t.token());
    assertThat(fake.stats().mediaRequests()).isZero();
  }

  @Test
  void badFlagsAndFilesExitOneWithOneLine() throws Exception {
    start(account(8));
    Jar.Result flag = Jar.run(home, keyAndToken(), "--frm", "2012-02-28", work.toString());
    assertThat(flag.status()).isEqualTo(1);
    assertThat(flag.errLines()).as(flag.toString()).hasSize(1);
    Jar.Result file = backup(keyAndToken(), "-d", work.resolve("nope.txt").toString(), work.toString());
    assertThat(file.status()).isEqualTo(1);
    assertThat(file.errLines()).as(file.toString()).containsExactly(
        "flickrbackup: id file " + work.resolve("nope.txt") + " does not exist");
    Jar.Result noStamp = backup(keyAndToken(), work.resolve("fresh").toString());
    assertThat(noStamp.status()).as(noStamp.toString()).isEqualTo(1);
    assertThat(noStamp.errLines()).as(noStamp.toString()).hasSize(1);
  }

  @Test
  void anItemThatNeedsABrowserSessionExitsTwoAndIsFetchedWithOne() throws Exception {
    FakeAccount account = account(9);
    start(account);
    account.addVideo("88000000001", v -> v.title("Old video").needsBrowserSession());
    Path dest = work.resolve("photos");
    Path errors = work.resolve("errors.txt");
    Map<String, String> env = keyAndToken();
    Jar.Result r = backup(env, "-e", errors.toString(), "-f", "1990-01-01", dest.toString());
    assertThat(r.status()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).contains("88000000001").contains("--web-session");
    assertThat(Files.readAllLines(errors)).contains("88000000001");

    Path session = work.resolve("session.json");
    SessionFiles.write(session, new CapturedSession(List.of(new SessionCookie(fake.sessionCookieName(),
        fake.newSessionCookie(), "127.0.0.1", "/", false, true, null)), Map.of(), fake.baseUrl().toString()));
    Jar.Result retry = backup(env, "--json", "--web-session", session.toString(), "-d", errors.toString(),
        dest.toString());
    assertThat(retry.status()).as(retry.toString()).isZero();
    assertThat(JSON.readTree(retry.out()).path("failed").asInt()).isZero();
    assertThat(media(dest)).containsKey("88000000001");
  }

  @Test
  void aVideoWithoutAnOriginalIsSavedFromARenditionWithAWarningAndExitsZero() throws Exception {
    FakeAccount account = account(14);
    start(account);
    FakeItem video = account.addVideo("88000000002", v -> v.title("Old video").withoutVideoOriginal());
    Path dest = work.resolve("photos");
    Map<String, String> env = keyAndToken();
    Jar.Result r = backup(env, "-f", "1990-01-01", dest.toString());
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).as(r.toString()).contains("0 failed")
        .contains("1 item is not the original").contains("88000000002");
    assertThat(media(dest).get("88000000002")).singleElement()
        .satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(video.renditionBytes("Site MP4")));

    Jar.Result again = backup(env, "--json", dest.toString());
    assertThat(again.status()).as(again.toString()).isZero();
    JsonNode summary = JSON.readTree(again.out());
    assertThat(summary.path("status").asText()).isEqualTo("complete");
    assertThat(summary.path("failed").asInt()).isZero();
    JsonNode warning = summary.path("warnings").get(0);
    assertThat(warning.path("id").asText()).isEqualTo("88000000002");
    assertThat(warning.path("kind").asText()).isEqualTo("NOT_ORIGINAL");
    assertThat(warning.path("message").asText()).contains("Site MP4");
  }

  @Test
  void aFolderMadeByThePythonToolIsContinuedWithoutDownloadingAgain() throws Exception {
    FakeAccount account = FakeAccount.generate(AccountSpec.seed(10).photos(20).sets(2).videoShare(0.1)
        .multiSetShare(0.3).favorites(0).averageBytes(8_192));
    start(account);
    Path dest = work.resolve("photos");
    PythonLayout.write(dest, account, fake.baseUrl(), "2000-01-01");
    fake.stats().reset();

    Jar.Result r = backup(keyAndToken(), "--json", dest.toString());
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(fake.stats().mediaRequests()).as(r.toString()).isZero();
    assertThat(fake.stats().mediaBytes()).isZero();
    JsonNode summary = JSON.readTree(r.out());
    assertThat(summary.path("listed").asInt()).as("the .stamp is old: everything is listed").isEqualTo(20);
    assertThat(summary.path("downloaded").asInt() + summary.path("updated").asInt()).isZero();
    assertThat(summary.path("failed").asInt()).isZero();
  }

  @Test
  void aDryRunWritesNothing() throws Exception {
    start(account(11));
    Path dest = work.resolve("photos");
    Jar.Result r = backup(keyAndToken(), "--dry-run", "-f", "1990-01-01", dest.toString());
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Dry run:");
    assertThat(media(dest)).isEmpty();
    assertThat(fake.stats().mediaBytes()).isZero();
  }

  @Test
  void theLogFileHasTheDocumentedFormat() throws Exception {
    start(account(12));
    Path log = work.resolve("backup.log");
    Jar.Result r = backup(keyAndToken(), "-l", log.toString(), "-f", "1990-01-01", work.resolve("p").toString());
    assertThat(r.status()).as(r.toString()).isZero();
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).isNotEmpty()
        .allSatisfy(l -> assertThat(l).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} (DEBUG|INFO|WARN|ERROR) .*"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("INFO Done in"));
  }

  @Test
  void theDemoNeedsNoKeyAndNoNetwork() throws Exception {
    Path dest = work.resolve("demo");
    Jar.Result r = Jar.run(home, Map.of(), "--demo", dest.toString());
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Demo: a fake Flickr at http://127.0.0.1:").contains("Done in");
    assertThat(media(dest)).isNotEmpty();
    assertThat(media(dest).values().stream().flatMap(List::stream).map(Path::toString))
        .anySatisfy(p -> assertThat(p).matches(".*\\.(mov|mp4)$"));
  }

  @Test
  void obtainingAWebSessionWithoutADisplayIsOneClearLine() throws Exception {
    start(account(13));
    Path session = work.resolve("session.json");
    // No DISPLAY in this environment: the session module refuses before starting a browser.
    Jar.Result r = Jar.run(home, Map.of(), "--obtain-web-session", session.toString(),
        "--endpoint", fake.baseUrl().toString());
    assertThat(r.status()).as(r.toString()).isEqualTo(1);
    assertThat(r.errLines()).as(r.toString()).hasSize(2);
    assertThat(r.errLines().get(0)).startsWith("Opening chrome at " + fake.baseUrl() + "signin");
    assertThat(r.errLines().get(1)).startsWith("flickrbackup: ").containsAnyOf("display", "chromedriver");
    assertThat(session).doesNotExist();
  }

  @Test
  void versionAndHelpComeFromTheJar() throws Exception {
    Jar.Result v = Jar.run(home, Map.of(), "--version");
    assertThat(v.status()).isZero();
    assertThat(v.out()).startsWith("flickrbackup 0.").doesNotContain("unknown");
    Jar.Result h = Jar.run(home, Map.of(), "--help");
    assertThat(h.status()).isZero();
    assertThat(h.out()).contains("Exit status:");
  }
}
