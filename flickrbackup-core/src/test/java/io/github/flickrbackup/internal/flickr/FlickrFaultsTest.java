package io.github.flickrbackup.internal.flickr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.AuthenticationException;
import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.TestToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every API fault kind, injected by a proxy in front of the fake. */
@Timeout(60)
class FlickrFaultsTest {
  FakeFlickr fake;
  FaultProxy proxy;
  AccessToken token;
  final List<String> retries = new CopyOnWriteArrayList<>();
  final List<Duration> delays = new CopyOnWriteArrayList<>();
  final BackupListener listener = new BackupListener() {
    @Override
    public void retrying(String what, int attempt, Duration delay, Throwable cause) {
      retries.add(what + "#" + attempt);
      delays.add(delay);
    }
  };

  @BeforeEach
  void start() throws Exception {
    fake = FakeFlickr.builder().account(FakeAccount.generate(AccountSpec.seed(5).photos(1100).sets(3)))
        .checkSignatures(false).build();
    fake.start();
    proxy = new FaultProxy(fake.baseUrl());
    token = TestSources.token(fake.issueAccessToken());
  }

  @AfterEach
  void stop() {
    proxy.close();
    fake.close();
  }

  FlickrPhotoSource source(int attempts) {
    return TestSources.source(proxy.baseUrl(), token, null, listener, attempts);
  }

  List<RemoteItem> listAll(FlickrPhotoSource s) throws SourceException {
    List<RemoteItem> items = new ArrayList<>();
    s.listUpdated(Instant.EPOCH, items::add);
    return items;
  }

  @Test
  void retriesAnAnswerCutOffMidBody() throws Exception {
    proxy.failApi("flickr.people.getPhotos", 2, FaultProxy::truncated);
    List<RemoteItem> items = listAll(source(6));
    assertThat(items).hasSize(1100);
    assertThat(retries).containsExactly("flickr.people.getPhotos#1", "flickr.people.getPhotos#2");
    assertThat(fake.stats().apiCalls("flickr.people.getPhotos")).isEqualTo(3);
  }

  @Test
  void retriesServerErrorsAndCode105ThenGivesUpWithSourceException() throws Exception {
    proxy.failApi("flickr.people.getPhotos", 1, () -> FaultProxy.html(502));
    proxy.failApi("flickr.people.getPhotos", 1, () -> FaultProxy.fail(105, "Service currently unavailable"));
    proxy.failApi("flickr.people.getPhotos", 1, () -> FaultProxy.html(200));
    assertThat(listAll(source(6))).hasSize(1100);
    assertThat(retries).hasSize(3);

    proxy.failApi("flickr.photosets.getList", 100, () -> FaultProxy.html(503));
    FlickrPhotoSource s = source(4);
    assertThatThrownBy(s::albums).isInstanceOf(SourceException.class)
        .isNotInstanceOf(AuthenticationException.class).hasMessageContaining("HTTP 503");
    assertThat(s.apiCalls()).isEqualTo(4);
  }

  @Test
  void honoursRetryAfterOn429() throws Exception {
    proxy.failApi("flickr.photosets.getList", 1, () -> new MockResponse.Builder().code(429)
        .setHeader("Retry-After", "1").setHeader("Content-Type", "text/html")
        .body("<html><body><h1>429 Too Many Requests</h1></body></html>").build());
    assertThat(source(3).albums()).hasSize(3);
    assertThat(delays).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aRevokedTokenStopsAtOnceWithoutRetries() throws Exception {
    fake.revokeToken(token.token());
    FlickrPhotoSource s = source(6);
    assertThatThrownBy(() -> listAll(s)).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("98").hasMessageContaining("authorise again")
        .hasMessageNotContaining(token.secret());
    assertThat(fake.stats().apiCalls()).isEqualTo(1);
    assertThat(retries).isEmpty();
  }

  @Test
  void aBadApiKeyStopsAtOnceSayingToFixTheKey() {
    FlickrPhotoSource s = TestSources.source(proxy.baseUrl(), new ApiKey("no-such-key", "whatever-secret"), token,
        null, listener, 6);
    assertThatThrownBy(s::albums).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("100").hasMessageContaining("API key").hasMessageNotContaining("whatever-secret");
    assertThat(fake.stats().apiCalls()).isEqualTo(1);
  }

  @Test
  void anHttp401OAuthProblemIsAnAuthenticationError() {
    proxy.failApi("flickr.photosets.getList", 1, () -> new MockResponse.Builder().code(401)
        .setHeader("Content-Type", "text/plain").body("oauth_problem=token_rejected&debug_sbs=GET&secret").build());
    FlickrPhotoSource s = source(6);
    assertThatThrownBy(s::albums).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("token_rejected").hasMessageNotContaining("debug_sbs");
    assertThat(s.apiCalls()).isEqualTo(1);
  }

  @Test
  void aShortPageIsRequestedAgainAndTheListingComplete() throws Exception {
    // Page 2 of 3 comes back with 100 items missing, once.
    AtomicBoolean shortened = new AtomicBoolean();
    proxy.add(r -> {
      if ("2".equals(r.getUrl().queryParameter("page")) && "flickr.people.getPhotos".equals(
          r.getUrl().queryParameter("method")) && shortened.compareAndSet(false, true)) {
        String body = forwardBody(r);
        Matcher m = Pattern.compile("<photo [^>]*?(?:/>|>.*?</photo>)", Pattern.DOTALL).matcher(body);
        StringBuilder sb = new StringBuilder();
        int n = 0;
        while (m.find()) {
          m.appendReplacement(sb, n++ < 100 ? "" : Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(sb);
        return FaultProxy.xml(sb.toString());
      }
      return null;
    });
    FlickrPhotoSource s = source(3);
    List<RemoteItem> items = new ArrayList<>();
    s.listUpdated(Instant.EPOCH, items::add);
    assertThat(items).hasSize(1100);
    assertThat(items.stream().map(RemoteItem::id).distinct()).hasSize(1100);
    // pages 1, 2 (short), 2 again, 3
    assertThat(s.apiCalls()).isEqualTo(4);
    assertThat(proxy.injected.get()).isEqualTo(1);
  }

  @Test
  void pagesThatStayShortFailTheListingInsteadOfLosingItems() {
    proxy.add(r -> "3".equals(r.getUrl().queryParameter("page"))
        ? FaultProxy.xml("<rsp stat=\"ok\"><photos page=\"3\" pages=\"3\" perpage=\"500\" total=\"1100\"></photos></rsp>")
        : null);
    assertThatThrownBy(() -> listAll(source(3))).isInstanceOf(SourceException.class)
        .hasMessageContaining("incomplete").hasMessageContaining("1100");
  }

  @Test
  void okWithoutTheListingIsAnErrorNeverAnEmptyList() {
    proxy.failApi("flickr.people.getPhotos", 100, () -> FaultProxy.xml("<rsp stat=\"ok\"></rsp>"));
    assertThatThrownBy(() -> listAll(source(3))).isInstanceOf(SourceException.class)
        .hasMessageContaining("without <photos>");
  }

  @Test
  void doctypeAndMalformedXmlAreRetriedNeverParsed() throws Exception {
    proxy.failApi("flickr.photosets.getList", 1, () -> FaultProxy.xml(
        "<?xml version=\"1.0\"?><!DOCTYPE rsp [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rsp stat=\"ok\">&x;</rsp>"));
    proxy.failApi("flickr.photosets.getList", 1, () -> FaultProxy.xml("<rsp stat=\"ok\"><photosets"));
    assertThat(source(3).albums()).hasSize(3);
    assertThat(retries).hasSize(2);
  }

  @Test
  void aPageAskedPastTheEndRepeatingTheLastPageIsDeduplicated() throws Exception {
    // The proxy claims 4 pages; the fake answers page 4 with page 3 again.
    proxy.add(r -> {
      if ("1".equals(r.getUrl().queryParameter("page")) && "flickr.people.getPhotos".equals(
          r.getUrl().queryParameter("method"))) {
        return FaultProxy.xml(forwardBody(r).replaceFirst("pages=\"3\"", "pages=\"4\""));
      }
      return null;
    });
    List<RemoteItem> items = listAll(source(3));
    assertThat(items).hasSize(1100);
    assertThat(items.stream().map(RemoteItem::id).distinct()).hasSize(1100);
  }

  @Test
  void itemNotFoundIsEmptyAndNotRetried() throws Exception {
    FlickrPhotoSource s = source(6);
    assertThat(s.item(PhotoId.of("999999999"))).isEmpty();
    assertThat(s.apiCalls()).isEqualTo(1);
  }

  @Test
  void aStalledAnswerTimesOutAndIsRetried() throws Exception {
    proxy.failApi("flickr.photosets.getList", 1, () -> new MockResponse.Builder().code(200)
        .headersDelay(3, java.util.concurrent.TimeUnit.SECONDS).body("<rsp stat=\"ok\"/>").build());
    FlickrPhotoSource s = FlickrPhotoSource.create(new SourceSettings(
        io.github.flickrbackup.source.FlickrEndpoint.at(proxy.baseUrl()), TestSources.KEY, token, null,
        Duration.ofMillis(500), Duration.ofSeconds(5),
        new io.github.flickrbackup.internal.resilience.Resilience.Settings(3, Duration.ofMillis(1),
            Duration.ofSeconds(1), 3000), listener, java.time.Clock.systemUTC()));
    assertThat(s.albums()).hasSize(3);
    assertThat(retries).containsExactly("flickr.photosets.getList#1");
  }

  @Test
  void sourcesWithDifferentTokensShareThreadsWithoutSharingAuth() throws Exception {
    AccessToken other = TestSources.token(fake.issueAccessToken());
    fake.revokeToken(other.token());
    FlickrPhotoSource good = source(2);
    FlickrPhotoSource revokedSource = TestSources.source(proxy.baseUrl(), other, null, listener, 2);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        boolean useGood = i % 2 == 0;
        results.add(pool.submit(() -> {
          try {
            return (useGood ? good : revokedSource).albums().size() + "";
          } catch (AuthenticationException e) {
            return "refused";
          }
        }));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? "3" : "refused");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(good.apiCalls()).isEqualTo(8);
    assertThat(revokedSource.apiCalls()).isEqualTo(8); // one call each, no retries
  }

  /** The fake's answer to a recorded request (signed as the client signed it). */
  private String forwardBody(mockwebserver3.RecordedRequest request) {
    okhttp3.Request.Builder b = new okhttp3.Request.Builder()
        .url(fake.baseUrl().resolve(request.getTarget().substring(1)).toString());
    String auth = request.getHeaders().get("Authorization");
    if (auth != null) {
      b.header("Authorization", auth);
    }
    try (okhttp3.Response r = new okhttp3.OkHttpClient().newCall(b.build()).execute()) {
      return r.body().string();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
