package io.github.flickrbackup.internal.flickr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.FailureKind;
import io.github.flickrbackup.ItemUnavailableException;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.MediaContent;
import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.MediaVariant;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.source.SessionCookie;
import io.github.flickrbackup.source.SessionProvider;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.MediaFormat;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mockwebserver3.MockResponse;
import okhttp3.Cookie;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FlickrMediaTest {
  static final String OWNER = "12345678@N00";
  FakeFlickr fake;
  AccessToken token;
  Map<String, RemoteItem> items;

  @BeforeEach
  void start() throws Exception {
    fake = FakeFlickr.builder().account(FakeAccount.builder().owner(OWNER, "alice", "Alice")
        .photo("1001", p -> p.title("Robot").format(MediaFormat.PNG).bytes(30_000))
        .video("1002", v -> v.format(MediaFormat.MOV).bytes(50_000).contentDisposition(true))
        .video("1003", v -> v.format(MediaFormat.MP4).bytes(40_000).needsBrowserSession())
        .video("1004", v -> v.format(MediaFormat.MP4).bytes(40_000).withoutVideoOriginal())
        .build()).checkSignatures(false).build();
    fake.start();
    token = TestSources.token(fake.issueAccessToken());
    items = new TreeMap<>();
    TestSources.source(fake.baseUrl(), token, null, BackupListener.NONE, 3)
        .listUpdated(Instant.EPOCH, i -> items.put(i.id().value(), i));
    fake.stats().reset();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  FlickrPhotoSource source(SessionProvider session) {
    return TestSources.source(fake.baseUrl(), token, session, BackupListener.NONE, 3);
  }

  static String sha256(MediaContent m) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(m.body().readAllBytes()));
  }

  @Test
  void downloadsAPhotoOriginalFromItsListedUrl() throws Exception {
    FlickrPhotoSource s = source(null);
    RemoteItem photo = items.get("1001");
    try (MediaContent m = s.openMedia(photo)) {
      assertThat(m.url()).isEqualTo(photo.originalUrl());
      assertThat(m.contentType()).contains("image/png");
      assertThat(m.length()).hasValue(fake.account().item("1001").bytes());
      assertThat(sha256(m)).isEqualTo(fake.account().item("1001").sha256());
    }
    assertThat(s.apiCalls()).isZero();
  }

  @Test
  void buildsThePhotoUrlFromSecretsWhenUrlOIsMissing() throws Exception {
    RemoteItem photo = items.get("1001").toBuilder().originalUrl(null).build();
    URI url = source(null).mediaUrl(photo);
    assertThat(url).isEqualTo(fake.account().item("1001").mediaUrl(fake.baseUrl()));
  }

  @Test
  void buildsTheVideoUrlWithoutGetSizesAndResolvesItAfreshEachTime() throws Exception {
    FlickrPhotoSource s = source(null);
    RemoteItem video = items.get("1002");
    assertThat(video.media()).isEqualTo(MediaKind.VIDEO);
    assertThat(s.mediaUrl(video)).isEqualTo(
        fake.baseUrl().resolve("photos/" + OWNER + "/1002/play/orig/" + video.originalSecret() + "/"));
    for (int i = 0; i < 2; i++) {
      try (MediaContent m = s.openMedia(video)) {
        assertThat(m.url().getPath()).startsWith("/video/1002/");
        assertThat(m.fileName()).contains("1002.mov");
        assertThat(sha256(m)).isEqualTo(fake.account().item("1002").sha256());
      }
    }
    assertThat(s.apiCalls()).isZero();
    assertThat(fake.stats().apiCalls("flickr.photos.getSizes")).isZero();
    assertThat(fake.stats().mediaRequests()).isEqualTo(4); // /play/orig/ twice, the CDN twice
  }

  @Test
  void aVideoThatNeedsABrowserSessionIsReportedAsSuch() {
    FlickrPhotoSource s = source(null);
    assertThatThrownBy(() -> s.openMedia(items.get("1003")))
        .isInstanceOfSatisfying(ItemUnavailableException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.NEEDS_WEB_SESSION);
          assertThat(e.id()).isEqualTo(PhotoId.of("1003"));
          assertThat(e.getMessage()).contains("video_download.gne?id=1003");
        });
    assertThat(fake.stats().apiCalls("flickr.photos.getSizes")).isEqualTo(1);
  }

  @Test
  void sessionCookiesFromTheSignInPageOpenTheVideoAndStayOffTheApi() throws Exception {
    List<SessionCookie> cookies = signIn();
    FlickrPhotoSource s = source(() -> cookies);
    try (MediaContent m = s.openMedia(items.get("1003"))) {
      assertThat(sha256(m)).isEqualTo(fake.account().item("1003").sha256());
    }
    s.albums();
    assertThat(fake.requests()).filteredOn(r -> r.getUrl().encodedPath().startsWith("/services/rest"))
        .isNotEmpty().allSatisfy(r -> assertThat(r.getHeaders().get("Cookie")).isNull());
    assertThat(fake.requests()).filteredOn(r -> r.getUrl().encodedPath().contains("/play/orig/"))
        .allSatisfy(r -> assertThat(r.getHeaders().get("Cookie")).startsWith(fake.sessionCookieName() + "="));
  }

  @Test
  void aRefusedSessionIsReportedAsStale() {
    SessionCookie stale = new SessionCookie(fake.sessionCookieName(), "0123456789abcdef", ".127.0.0.1", "/", false,
        true, null);
    FlickrPhotoSource s = source(() -> List.of(stale));
    assertThatThrownBy(() -> s.openMedia(items.get("1003")))
        .isInstanceOfSatisfying(ItemUnavailableException.class,
            e -> assertThat(e.kind()).isEqualTo(FailureKind.STALE_WEB_SESSION));
  }

  @Test
  void aVideoWithoutAnOriginalOpensItsLargestRenditionAndSaysSo() throws Exception {
    FlickrPhotoSource s = source(null);
    FakeItem video = fake.account().item("1004");
    URI site = fake.baseUrl().resolve("photos/" + OWNER + "/1004/play/site/" + video.secret() + "/");
    try (MediaContent m = s.openMedia(items.get("1004"))) {
      assertThat(m.substitute()).contains(new MediaVariant("Site MP4", site));
      assertThat(m.body().readAllBytes()).isEqualTo(video.renditionBytes("Site MP4"));
    }
    assertThat(fake.stats().apiCalls("flickr.photos.getSizes")).isEqualTo(1);
    try (MediaContent m = s.openMedia(items.get("1002"))) {
      assertThat(m.substitute()).as("an original is no substitute").isEmpty();
    }
  }

  @Test
  void aRenditionThatNeedsABrowserSessionIsReportedAsSuch() {
    fake.account().editMetadata("1004", b -> b.needsBrowserSession());
    assertThatThrownBy(() -> source(null).openMedia(items.get("1004")))
        .isInstanceOfSatisfying(ItemUnavailableException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.NEEDS_WEB_SESSION);
          assertThat(e.getMessage()).contains("no original", "Site MP4");
        });
  }

  @Test
  void aDeletedPhotoIsNotFoundAfterAFewAttemptsAndGetSizesSayingSo() {
    RemoteItem photo = items.get("1001");
    fake.account().delete("1001");
    assertThatThrownBy(() -> source(null).openMedia(photo))
        .isInstanceOfSatisfying(ItemUnavailableException.class,
            e -> assertThat(e.kind()).isEqualTo(FailureKind.NOT_FOUND));
    assertThat(fake.stats().mediaRequests()).isEqualTo(3);
    assertThat(fake.stats().apiCalls("flickr.photos.getSizes")).isEqualTo(1);
  }

  @Test
  void aPhotoReplacedSinceItWasListedIsFetchedFromTheUrlGetSizesGivesNow() throws Exception {
    RemoteItem listed = items.get("1001");
    FakeItem replaced = fake.account().replaceMedia("1001");
    FlickrPhotoSource s = source(null);
    try (MediaContent m = s.openMedia(listed)) {
      assertThat(sha256(m)).isEqualTo(replaced.sha256());
    }
    assertThat(fake.stats().apiCalls("flickr.photos.getSizes")).isEqualTo(1);
  }

  @Test
  void unsafeIdsSecretsFormatsAndHostsAreRefusedBeforeAnyRequest() {
    FlickrPhotoSource s = source(null);
    RemoteItem photo = items.get("1001").toBuilder().originalUrl(URI.create("https://evil.example/x.jpg")).build();
    List<RemoteItem> bad = List.of(
        photo.toBuilder().originalSecret("../../etc").build(),
        photo.toBuilder().originalFormat("jp/g").build(),
        photo.toBuilder().server("1/../2").build(),
        items.get("1002").toBuilder().originalSecret("zz/..").build(),
        items.get("1002").toBuilder().owner("../admin").build());
    for (RemoteItem item : bad) {
      assertThatThrownBy(() -> s.openMedia(item)).isInstanceOfSatisfying(ItemUnavailableException.class,
          e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_ITEM));
    }
    assertThat(fake.stats().requests()).isZero();
  }

  @Test
  void aRedirectToAForeignHostIsRefused() throws Exception {
    try (FaultProxy proxy = new FaultProxy(fake.baseUrl())) {
      proxy.add(r -> r.getUrl().encodedPath().contains("/play/orig/")
          ? new MockResponse.Builder().code(302).setHeader("Location", "http://attacker.invalid/steal").build()
          : null);
      FlickrPhotoSource s = TestSources.source(proxy.baseUrl(), token, null, BackupListener.NONE, 3);
      assertThatThrownBy(() -> s.openMedia(items.get("1002")))
          .isInstanceOfSatisfying(ItemUnavailableException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.INVALID_ITEM);
            assertThat(e.getMessage()).contains("attacker.invalid");
          });
      assertThat(proxy.injected.get()).isEqualTo(1);
    }
  }

  @Test
  void aRedirectLoopIsCapped() throws Exception {
    try (FaultProxy proxy = new FaultProxy(fake.baseUrl())) {
      proxy.add(r -> r.getUrl().encodedPath().contains("/play/orig/")
          ? new MockResponse.Builder().code(302).setHeader("Location", r.getUrl().toString()).build()
          : null);
      FlickrPhotoSource s = TestSources.source(proxy.baseUrl(), token, null, BackupListener.NONE, 3);
      assertThatThrownBy(() -> s.openMedia(items.get("1002")))
          .isInstanceOfSatisfying(ItemUnavailableException.class,
              e -> assertThat(e.getMessage()).contains("redirects"));
      assertThat(proxy.injected.get()).isEqualTo(Media.MAX_REDIRECTS + 1);
    }
  }

  /** Signs in on the fake's web form with a plain HTTP POST and keeps the session cookie. */
  private List<SessionCookie> signIn() throws IOException {
    HttpUrl url = HttpUrl.get(fake.baseUrl().resolve(fake.signInPath().substring(1)).toString());
    OkHttpClient client = new OkHttpClient.Builder().followRedirects(false).build();
    Request post = new Request.Builder().url(url).post(new FormBody.Builder()
        .add("username", fake.signInCredentials().username())
        .add("password", fake.signInCredentials().password()).build()).build();
    try (Response r = client.newCall(post).execute()) {
      assertThat(r.code()).isEqualTo(302);
      List<Cookie> cookies = Cookie.parseAll(url, r.headers());
      assertThat(cookies).isNotEmpty();
      return cookies.stream().map(c -> new SessionCookie(c.name(), c.value(), c.domain(), c.path(), c.secure(),
          c.httpOnly(), null)).toList();
    }
  }

  @Test
  void learnsTheOwnerOnceWithTestLoginWhenNeitherTokenNorItemKnowIt() throws Exception {
    AccessToken bare = new AccessToken(token.token(), token.secret(), "", "");
    FlickrPhotoSource s = TestSources.source(fake.baseUrl(), bare, null, BackupListener.NONE, 3);
    RemoteItem video = items.get("1002").toBuilder().owner("").build();
    assertThat(s.mediaUrl(video).getPath()).startsWith("/photos/" + OWNER + "/1002/play/orig/");
    assertThat(s.mediaUrl(video).getPath()).startsWith("/photos/" + OWNER + "/1002/play/orig/");
    assertThat(fake.stats().apiCallsByMethod()).isEqualTo(Map.of("flickr.test.login", 1L));
  }
}
