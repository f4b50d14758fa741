package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FileTokenStore;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.Fault;
import io.github.flickrbackup.testkit.TestToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a real run (core against the fake, in this JVM) leaves in the log file. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunReportingTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(31).photos(12).sets(2).videoShare(0.2).averageBytes(20_000)))
      .build();

  @TempDir Path home;
  @TempDir Path work;

  @AfterEach
  void resetLogging() throws CliException {
    Logging.configure(false, null, false);
  }

  private Cli.Run backup(String... args) {
    return Cli.runAgainst(fake, home, args);
  }

  @Test
  void runsWithASavedTokenMakeOnlyTheListingCalls() throws Exception {
    // As a cron job runs: the token saved by the first authorisation, in ~/.flickr.
    TestToken t = fake.issueAccessToken();
    FileTokenStore.inFolder(home.resolve(".flickr")).save(FlickrEndpoint.at(fake.baseUrl()),
        new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET),
        new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()));
    Env env = Cli.against(fake, home, Map.of());
    String dest = work.resolve("photos").toString();
    int albums = fake.account().sets().size();

    Cli.Run first = Cli.run(env, "-f", "1990-01-01", dest);
    assertThat(first.status()).as(first.err()).isZero();
    // One listing page, the album list and each album's members; no login check, no count.
    assertThat(fake.stats().apiCallsByMethod()).isEqualTo(Map.of("flickr.people.getPhotos", 1L,
        "flickr.photosets.getList", 1L, "flickr.photosets.getPhotos", (long) albums));

    fake.stats().reset();
    Cli.Run again = Cli.run(env, dest);
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(fake.stats().apiCallsByMethod()).isEqualTo(Map.of("flickr.photos.recentlyUpdated", 1L,
        "flickr.photosets.getList", 1L, "flickr.people.getInfo", 1L));
  }

  @Test
  void verboseSaysHowBigEachDownloadIs() throws Exception {
    Path log = work.resolve("run.log");
    Cli.Run r = backup("-v", "-l", log.toString(), "-f", "1990-01-01", work.resolve("photos").toString());

    assertThat(r.status()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(log);
    List<FakeItem> items = fake.account().items();
    assertThat(items).anyMatch(FakeItem::sendsContentLength);
    for (FakeItem item : items) {
      String started = "DEBUG " + item.id() + ": started";
      String expected = item.sendsContentLength() ? started + " (" + Sizes.bytes(item.bytes()) + ")" : started;
      assertThat(lines).as(item.id()).anyMatch(l -> l.endsWith(expected));
    }
  }

  @Test
  void aStoppedRunLeavesWhatItDidAndWhyInTheLogFileAndOneErrorLine() throws Exception {
    fake.faults(Fault.apiError(98).forMethod("flickr.people.getPhotos")); // -f 1990-01-01 lists everything
    Path log = work.resolve("run.log");

    Cli.Run r = backup("-l", log.toString(), "-f", "1990-01-01", work.resolve("photos").toString());

    assertThat(r.status()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.errLines()).hasSize(1);
    // The one line names the token Flickr refused, and ends with the reason the log file gives.
    String prefix = "flickrbackup: Flickr refused the token in FLICKR_ACCESS_TOKEN (revoked, or made for another "
        + "API key): ";
    assertThat(r.errLines().get(0)).startsWith(prefix);
    String reason = r.errLines().get(0).substring(prefix.length());
    assertThat(reason).contains("Flickr error 98");
    List<String> logged = Files.readAllLines(log).stream().map(l -> l.substring(20)).toList();
    assertThat(logged).anyMatch(l -> l.matches("ERROR Stopped after \\d+\\.\\d s: 0 new, 0 updated, 0 metadata only, "
        + "0 unchanged, 0 failed \\(0 listed\\); 0 B downloaded, [1-9]\\d* API calls?\\."));
    assertThat(logged).contains("ERROR Stopped by: " + reason);
  }
}
