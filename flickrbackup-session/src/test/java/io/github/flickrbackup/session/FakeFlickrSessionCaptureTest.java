package io.github.flickrbackup.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.SessionCookie;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.SignInCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real headless Chromium signs in on the testkit's fake Flickr; the captured file opens its CDN. */
@RequiresChromium
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FakeFlickrSessionCaptureTest {
  private static final String VIDEO = "2001";

  @TempDir Path dir;
  private FakeFlickr fake;
  private FlickrEndpoint endpoint;
  private final List<String> warnings = new ArrayList<>();

  @BeforeEach
  void startFake() {
    fake = FakeFlickr.builder()
        .account(FakeAccount.builder().video(VIDEO, v -> v.needsBrowserSession()).build())
        .build();
    fake.start();
    endpoint = FlickrEndpoint.at(fake.baseUrl());
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  @Test
  void capturesTheFakesSessionCookieAndWritesAPrivateFile() throws Exception {
    SignInCredentials login = fake.signInCredentials();
    CapturedSession session = BrowserSessionCapture.builder()
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
    Path file = dir.resolve("session.json");
    SessionFiles.write(file, session);

    List<SessionCookie> cookies = SessionFiles.read(file, endpoint, warnings::add).cookies();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(cookies).extracting(SessionCookie::name).contains(fake.sessionCookieName());
    assertThat(cookies).allSatisfy(c -> assertThat(c.domain()).isEqualTo("127.0.0.1"));
    assertThat(warnings).isEmpty();
    FakeItem video = fake.account().item(VIDEO);
    assertThat(status(video.mediaUrl(fake.baseUrl()), List.of())).isEqualTo(404);
    assertThat(status(video.mediaUrl(fake.baseUrl()), cookies)).isEqualTo(200);
  }

  /** Fetches a media URL, following redirects, with the cookies as a browser would send them. */
  private static int status(URI url, List<SessionCookie> cookies) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies.stream().map(c -> c.name() + "=" + c.value()).collect(Collectors.joining("; ")));
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
