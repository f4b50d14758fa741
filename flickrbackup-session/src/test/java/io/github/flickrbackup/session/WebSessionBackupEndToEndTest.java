package io.github.flickrbackup.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.FailureKind;
import io.github.flickrbackup.FlickrBackup;
import io.github.flickrbackup.ItemFailure;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.SessionProvider;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.SignInCredentials;
import io.github.flickrbackup.testkit.TestToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's end-to-end proof: a backup without a web session reports the videos that need
 * one as {@link FailureKind#NEEDS_WEB_SESSION} and keeps them pending; a session captured in
 * real headless Chromium from the fake's sign-in page then lets the next run download them.
 */
@RequiresChromium
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WebSessionBackupEndToEndTest {
  private static final String PHOTO = "4001";
  private static final String VIDEO_A = "4002";
  private static final String VIDEO_B = "4003";

  @TempDir Path work;
  private FakeFlickr fake;
  private FlickrEndpoint endpoint;
  private ApiKey key;
  private AccessToken token;
  private final List<String> warnings = new ArrayList<>();

  @BeforeEach
  void startFake() {
    fake = FakeFlickr.builder()
        .account(FakeAccount.builder()
            .photo(PHOTO, p -> p.title("free"))
            .video(VIDEO_A, v -> v.needsBrowserSession())
            .video(VIDEO_B, v -> v.needsBrowserSession())
            .build())
        .build();
    fake.start();
    endpoint = FlickrEndpoint.at(fake.baseUrl());
    key = new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET);
    TestToken t = fake.issueAccessToken(FakeFlickr.DEFAULT_CONSUMER_KEY);
    token = new AccessToken(t.token(), t.secret(), t.userNsid(), t.username());
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  @Test
  void videosThatNeedASessionDownloadOnlyWithTheCapturedOne() throws Exception {
    Path destination = work.resolve("backup");

    BackupResult without = FlickrBackup.run(plan(destination, null, Selection.updatedSince(Instant.parse("2000-01-01T00:00:00Z"))));

    assertThat(without.complete()).isFalse();
    assertThat(without.failures()).extracting(ItemFailure::id, ItemFailure::kind).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(PhotoId.of(VIDEO_A), FailureKind.NEEDS_WEB_SESSION),
        org.assertj.core.groups.Tuple.tuple(PhotoId.of(VIDEO_B), FailureKind.NEEDS_WEB_SESSION));
    assertThat(mediaFiles(destination)).anyMatch(p -> p.getFileName().toString().startsWith(PHOTO + "."))
        .noneMatch(p -> p.getFileName().toString().startsWith(VIDEO_A + "."));

    Path sessionFile = work.resolve("session.json");
    SessionFiles.write(sessionFile, captureFromTheFake());
    SessionProvider session = SessionFiles.read(sessionFile, endpoint, warnings::add);
    // sinceLastRun: the pending videos must come back although the first run moved the mark
    BackupResult with = FlickrBackup.run(plan(destination, session, Selection.sinceLastRun()));

    assertThat(with.complete()).as("failures: %s", with.failures()).isTrue();
    assertThat(with.downloaded()).isEqualTo(2);
    for (String id : List.of(VIDEO_A, VIDEO_B)) {
      Path file = mediaFiles(destination).stream()
          .filter(p -> p.getFileName().toString().startsWith(id + ".") && !p.toString().endsWith(".txt"))
          .findFirst().orElseThrow(() -> new AssertionError("no media file for " + id));
      assertThat(Files.readAllBytes(file)).isEqualTo(fake.account().item(id).mediaBytes());
    }
    assertThat(warnings).isEmpty();
  }

  @Test
  void aRejectedSessionIsReportedAsStaleAndTheVideosStayPending() throws Exception {
    Path destination = work.resolve("backup");
    Path sessionFile = work.resolve("old-session.json");
    SessionFiles.write(sessionFile, new CapturedSession(List.of(new io.github.flickrbackup.source.SessionCookie(
        fake.sessionCookieName(), "signed-out-long-ago", "127.0.0.1", "/", false, true, null)), java.util.Map.of(), ""));

    BackupResult result = FlickrBackup.run(plan(destination, SessionFiles.read(sessionFile, endpoint, warnings::add),
        Selection.updatedSince(Instant.parse("2000-01-01T00:00:00Z"))));

    assertThat(result.complete()).isFalse();
    assertThat(result.failures()).extracting(ItemFailure::kind)
        .containsExactly(FailureKind.STALE_WEB_SESSION, FailureKind.STALE_WEB_SESSION);
    assertThat(warnings).isEmpty();
  }

  private BackupPlan plan(Path destination, SessionProvider session, Selection selection) {
    FlickrSource.Builder source = FlickrSource.builder().endpoint(endpoint).apiKey(key).accessToken(token);
    if (session != null) {
      source.webSession(session);
    }
    return BackupPlan.builder()
        .source(source.build())
        .destination(destination)
        .selection(selection)
        .build();
  }

  private CapturedSession captureFromTheFake() throws Exception {
    SignInCredentials login = fake.signInCredentials();
    return BrowserSessionCapture.builder()
        .endpoint(endpoint)
        .headless(true)
        .timeout(Duration.ofSeconds(60))
        .sessionCookieNames(Set.of(fake.sessionCookieName()))
        .warnings(warnings::add)
        .onSignInPage(page -> {
          page.fill("#login-username", login.username());
          page.fill("#login-password", login.password());
          page.click("#login-submit");
        })
        .build()
        .capture();
  }

  private static List<Path> mediaFiles(Path destination) throws Exception {
    if (!Files.exists(destination)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(destination)) {
      return s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.")).toList();
    }
  }
}
