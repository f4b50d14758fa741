package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Photo originals, video /play/ redirects, the signed CDN, Range, HEAD and the session cookie. */
@Timeout(30)
class MediaTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final FakeFlickr fake = FakeFlickr.builder().clock(clock).account(FakeAccount.builder()
          .photo("1001", p -> p.format(MediaFormat.JPEG).bytes(20_000))
          .photo("1003", p -> p.format(MediaFormat.PNG).bytes(5_000).needsBrowserSession())
          .video("1002", v -> v.format(MediaFormat.MOV).bytes(300_000).contentDisposition(true))
          .video("1004", v -> v.format(MediaFormat.MP4).bytes(100_000).withoutContentLength().needsBrowserSession())
          .video("1005", v -> v.withoutVideoOriginal())
          .build())
      .build();
  final OkHttpClient client = new OkHttpClient.Builder().followRedirects(false).build();

  @AfterEach
  void close() {
    fake.close();
  }

  Response get(URI uri, String... headers) throws IOException {
    Request.Builder b = new Request.Builder().url(uri.toString());
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return client.newCall(b.build()).execute();
  }

  @Test
  void servesThePhotoOriginalWithItsExactBytes() throws IOException {
    fake.start();
    FakeItem item = fake.account().item("1001");
    try (Response r = get(item.mediaUrl(fake.baseUrl()))) {
      byte[] body = r.body().bytes();
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).isEqualTo("image/jpeg");
      assertThat(r.header("Content-Length")).isEqualTo("20000");
      assertThat(body).hasSize(20_000).isEqualTo(item.mediaBytes());
      assertThat(body[0]).isEqualTo((byte) 0xFF);
      assertThat(body[1]).isEqualTo((byte) 0xD8);
    }
    assertThat(fake.stats().downloads("1001")).isEqualTo(1);
    assertThat(fake.stats().mediaBytes()).isEqualTo(20_000);
  }

  @Test
  void aWrongSecretIs404() throws IOException {
    fake.start();
    try (Response r = get(fake.baseUrl().resolve(fake.account().item("1001").server() + "/1001_abcdef0123_o.jpg"))) {
      assertThat(r.code()).isEqualTo(404);
    }
  }

  @Test
  void honoursRangeWith206AndContentRange() throws IOException {
    fake.start();
    FakeItem item = fake.account().item("1001");
    try (Response r = get(item.mediaUrl(fake.baseUrl()), "Range", "bytes=100-199")) {
      assertThat(r.code()).isEqualTo(206);
      assertThat(r.header("Content-Range")).isEqualTo("bytes 100-199/20000");
      byte[] body = r.body().bytes();
      byte[] expected = new byte[100];
      System.arraycopy(item.mediaBytes(), 100, expected, 0, 100);
      assertThat(body).isEqualTo(expected);
    }
    try (Response r = get(item.mediaUrl(fake.baseUrl()), "Range", "bytes=19990-")) {
      assertThat(r.code()).isEqualTo(206);
      assertThat(r.body().bytes()).hasSize(10);
    }
    try (Response r = get(item.mediaUrl(fake.baseUrl()), "Range", "bytes=20000-")) {
      assertThat(r.code()).isEqualTo(416);
      assertThat(r.header("Content-Range")).isEqualTo("bytes */20000");
    }
  }

  @Test
  void ignoreRangeAnswers200WithTheWholeBody() throws IOException {
    fake.start();
    fake.ignoreRange(true);
    FakeItem item = fake.account().item("1001");
    try (Response r = get(item.mediaUrl(fake.baseUrl()), "Range", "bytes=100-199")) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Range")).isNull();
      assertThat(r.body().bytes()).isEqualTo(item.mediaBytes());
    }
  }

  @Test
  void headGivesTheLengthWithoutABody() throws IOException {
    fake.start();
    FakeItem item = fake.account().item("1001");
    Request head = new Request.Builder().url(item.mediaUrl(fake.baseUrl()).toString()).head().build();
    try (Response r = client.newCall(head).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Length")).isEqualTo("20000");
      assertThat(r.body().bytes()).isEmpty();
    }
    // The connection stays usable after a HEAD.
    try (Response r = get(item.mediaUrl(fake.baseUrl()))) {
      assertThat(r.body().bytes()).hasSize(20_000);
    }
    assertThat(fake.stats().downloads("1001")).isEqualTo(1);
  }

  @Test
  void videoPlayRedirectsToASignedCdnUrlServingTheMovAsVideoMp4() throws IOException {
    fake.start();
    FakeItem item = fake.account().item("1002");
    URI location;
    try (Response r = get(item.mediaUrl(fake.baseUrl()))) {
      assertThat(r.code()).isEqualTo(302);
      location = URI.create(r.header("Location"));
    }
    assertThat(location.getPath()).isEqualTo("/video/1002/" + item.originalSecret() + "/orig.mov");
    String s = HttpUrl.get(location.toString()).queryParameter("s");
    String decoded = new String(Base64.getUrlDecoder().decode(s));
    assertThat(decoded).matches("\\{\"i\":1002,\"e\":\\d+,\"s\":\"[0-9a-f]+\",\"v\":1}");
    try (Response r = get(location)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).isEqualTo("video/mp4");
      assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=1002.mov");
      byte[] body = r.body().bytes();
      assertThat(body).hasSize(300_000);
      assertThat(new String(body, 4, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftypqt  ");
    }
  }

  @Test
  void anExpiredCdnUrlIs410AndATamperedOneIs403() throws IOException {
    fake.start();
    URI location;
    try (Response r = get(fake.account().item("1002").mediaUrl(fake.baseUrl()))) {
      location = URI.create(r.header("Location"));
    }
    try (Response r = get(URI.create(location.toString().replace("?s=", "?s=x")))) {
      assertThat(r.code()).isEqualTo(403);
    }
    clock.advance(Duration.ofHours(2));
    try (Response r = get(location)) {
      assertThat(r.code()).isEqualTo(410);
    }
  }

  @Test
  void aVideoWithoutVideoOriginalHasNoPlayOrig() throws IOException {
    fake.start();
    try (Response r = get(fake.account().item("1005").mediaUrl(fake.baseUrl()))) {
      assertThat(r.code()).isEqualTo(404);
    }
  }

  @Test
  void aVideoWithoutVideoOriginalStillServesItsRenditions() throws IOException {
    fake.start();
    FakeItem video = fake.account().item("1005");
    URI site = fake.baseUrl().resolve("photos/" + video.ownerNsid() + "/1005/play/site/" + video.secret() + "/");
    URI location;
    try (Response r = get(site)) {
      assertThat(r.code()).isEqualTo(302);
      location = URI.create(r.header("Location"));
    }
    assertThat(location.getPath()).isEqualTo("/video/1005/" + video.secret() + "/site.mp4");
    try (Response r = get(location)) {
      assertThat(r.code()).isEqualTo(200);
      byte[] body = r.body().bytes();
      assertThat(body).isEqualTo(video.renditionBytes("Site MP4")).hasSize((int) video.bytes() / 4);
      assertThat(new String(body, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");
    }
    assertThat(video.renditionBytes("Mobile MP4")).isNotEqualTo(video.renditionBytes("Site MP4"));
    assertThat(fake.stats().downloads("1005")).as("a rendition is not a download of the original").isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> video.renditionBytes("1080p"))
        .hasMessageContaining("Site MP4");
  }

  @Test
  void needsSessionMediaIs404WithoutTheCookieAndServedWithIt() throws IOException {
    fake.start();
    FakeItem video = fake.account().item("1004");
    try (Response r = get(video.mediaUrl(fake.baseUrl()))) {
      assertThat(r.code()).isEqualTo(404);
    }
    String cookie = fake.sessionCookieName() + "=" + fake.newSessionCookie();
    URI location;
    try (Response r = get(video.mediaUrl(fake.baseUrl()), "Cookie", cookie)) {
      assertThat(r.code()).isEqualTo(302);
      location = URI.create(r.header("Location"));
    }
    try (Response r = get(location)) {
      assertThat(r.code()).isEqualTo(404);
    }
    try (Response r = get(location, "Cookie", cookie)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Length")).isNull();
      assertThat(r.body().bytes()).hasSize(100_000);
    }
    try (Response r = get(fake.account().item("1003").mediaUrl(fake.baseUrl()))) {
      assertThat(r.code()).isEqualTo(404);
    }
  }

  @Test
  void signingInOnTheWebPageSetsTheCookieTheCdnAccepts() throws IOException {
    fake.start();
    List<Cookie> jar = new ArrayList<>();
    OkHttpClient browser = new OkHttpClient.Builder().cookieJar(new CookieJar() {
      @Override public void saveFromResponse(HttpUrl url, List<Cookie> cookies) { jar.addAll(cookies); }
      @Override public List<Cookie> loadForRequest(HttpUrl url) { return jar; }
    }).build();
    String signIn = fake.baseUrl().resolve("signin").toString();
    try (Response r = browser.newCall(new Request.Builder().url(signIn).build()).execute()) {
      assertThat(r.body().string()).contains("id=\"login-form\"", "login-username", "login-password", "login-submit");
    }
    FormBody wrong = new FormBody.Builder().add("username", "alice").add("password", "nope").build();
    try (Response r = browser.newCall(new Request.Builder().url(signIn).post(wrong).build()).execute()) {
      assertThat(jar).isEmpty();
      assertThat(r.body().string()).doesNotContain("signed-in");
    }
    SignInCredentials c = fake.signInCredentials();
    FormBody right = new FormBody.Builder().add("username", c.username()).add("password", c.password()).build();
    try (Response r = browser.newCall(new Request.Builder().url(signIn).post(right).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).contains("id=\"signed-in\"");
    }
    assertThat(jar).singleElement().satisfies(k -> {
      assertThat(k.name()).isEqualTo("cookie_session");
      assertThat(k.httpOnly()).isTrue();
    });
    URI photo = fake.account().item("1003").mediaUrl(fake.baseUrl());
    try (Response r = browser.newCall(new Request.Builder().url(photo.toString()).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().bytes()).hasSize(5_000);
    }
    assertThat(c.toString()).doesNotContain(c.password());
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  }
}
