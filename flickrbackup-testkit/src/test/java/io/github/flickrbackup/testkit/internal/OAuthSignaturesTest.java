package io.github.flickrbackup.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.builder.api.OAuth1SignatureType;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuth1RequestToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import io.github.flickrbackup.testkit.internal.OAuthSignatures.Param;
import io.github.flickrbackup.testkit.internal.OAuthSignatures.SignedRequest;
import io.github.flickrbackup.testkit.internal.OAuthSignatures.Verification;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OAuthSignaturesTest {
  private static final String KEY = "9a0554259914a86fb9e7eb014e4e5d52";
  private static final String SECRET = "000005fab4534d05";
  private static final String TOKEN = "72157626737672178-022bbd2f4c2f3432";
  private static final String TOKEN_SECRET = "fccb68c4e6103197";
  private static final String BASE = "http://127.0.0.1:8123";

  /** A scribejava API pointing at a base URL of our choice, as a client of the fake would write. */
  static final class FakeFlickrApi extends DefaultApi10a {
    private final String base;
    private final OAuth1SignatureType type;

    FakeFlickrApi(String base, OAuth1SignatureType type) {
      this.base = base;
      this.type = type;
    }

    @Override
    public String getRequestTokenEndpoint() {
      return base + "/services/oauth/request_token";
    }

    @Override
    public String getAccessTokenEndpoint() {
      return base + "/services/oauth/access_token";
    }

    @Override
    protected String getAuthorizationBaseUrl() {
      return base + "/services/oauth/authorize";
    }

    @Override
    public OAuth1SignatureType getSignatureType() {
      return type;
    }
  }

  private static OAuth10aService service(String consumerSecret, OAuth1SignatureType type) {
    return new ServiceBuilder(KEY).apiSecret(consumerSecret).callback("oob").build(new FakeFlickrApi(BASE, type));
  }

  private static SignedRequest asReceived(OAuthRequest request) {
    String body = request.getBodyParams().size() == 0 ? null : request.getBodyParams().asFormUrlEncodedString();
    return new SignedRequest(request.getVerb().name(), request.getCompleteUrl(),
        request.getHeaders().get("Authorization"), body);
  }

  private static OAuthRequest restGet() {
    OAuthRequest r = new OAuthRequest(Verb.GET, BASE + "/services/rest/");
    r.addQuerystringParameter("method", "flickr.people.getPhotos");
    r.addQuerystringParameter("user_id", "me");
    r.addQuerystringParameter("extras", "date_upload,url_o,original_format");
    r.addQuerystringParameter("text", "Zürich ~ a+b & c/d*");
    return r;
  }

  private static SignedRequest signedByScribe(OAuthRequest r, String consumerSecret, String tokenSecret,
      OAuth1SignatureType type) {
    service(consumerSecret, type).signRequest(new OAuth1AccessToken(TOKEN, tokenSecret), r);
    return asReceived(r);
  }

  @Test
  void acceptsAGetSignedByScribejavaInTheHeader() {
    SignedRequest req = signedByScribe(restGet(), SECRET, TOKEN_SECRET, OAuth1SignatureType.HEADER);
    assertThat(req.authorization()).startsWith("OAuth ");
    Verification v = new OAuthSignatures().verify(req, KEY, SECRET, TOKEN, TOKEN_SECRET);
    assertThat(v.valid()).as(v.toString()).isTrue();
    assertThat(v.problem()).isNull();
    assertThat(v.consumerKey()).isEqualTo(KEY);
    assertThat(v.token()).isEqualTo(TOKEN);
    assertThat(v.baseString()).startsWith("GET&http%3A%2F%2F127.0.0.1%3A8123%2Fservices%2Frest%2F&");
  }

  @Test
  void acceptsAFormPostSignedByScribejava() {
    OAuthRequest r = new OAuthRequest(Verb.POST, BASE + "/services/rest/");
    r.addBodyParameter("method", "flickr.photos.getInfo");
    r.addBodyParameter("photo_id", "5628095432");
    r.addBodyParameter("note", "spaces and ünïcödé!");
    SignedRequest req = signedByScribe(r, SECRET, TOKEN_SECRET, OAuth1SignatureType.HEADER);
    assertThat(req.formBody()).contains("photo_id=5628095432");
    assertThat(new OAuthSignatures().verify(req, KEY, SECRET, TOKEN, TOKEN_SECRET).valid()).isTrue();
  }

  @Test
  void acceptsOAuthParametersInTheQueryStringWhenThereIsNoHeader() {
    SignedRequest req = signedByScribe(restGet(), SECRET, TOKEN_SECRET, OAuth1SignatureType.QUERY_STRING);
    assertThat(req.authorization()).isNull();
    assertThat(req.url()).contains("oauth_signature=");
    Verification v = new OAuthSignatures().verify(req, KEY, SECRET, TOKEN, TOKEN_SECRET);
    assertThat(v.valid()).as(v.toString()).isTrue();
  }

  @Test
  void rejectsATamperedParameterAsSignatureInvalidWithTheBaseString() {
    SignedRequest req = signedByScribe(restGet(), SECRET, TOKEN_SECRET, OAuth1SignatureType.HEADER);
    SignedRequest tampered = new SignedRequest(req.method(), req.url().replace("user_id=me", "user_id=you"),
        req.authorization(), req.formBody());
    Verification v = new OAuthSignatures().verify(tampered, KEY, SECRET, TOKEN, TOKEN_SECRET);
    assertThat(v.valid()).isFalse();
    assertThat(v.problem()).isEqualTo(OAuthSignatures.SIGNATURE_INVALID);
    assertThat(v.oauthProblemBody()).startsWith("oauth_problem=signature_invalid&debug_sbs=GET&");
    assertThat(v.baseString()).contains("user_id%3Dyou");
  }

  @Test
  void rejectsAWrongConsumerSecretAndAWrongTokenSecret() {
    SignedRequest wrongConsumer = signedByScribe(restGet(), "not-the-secret", TOKEN_SECRET, OAuth1SignatureType.HEADER);
    SignedRequest wrongToken = signedByScribe(restGet(), SECRET, "not-the-token-secret", OAuth1SignatureType.HEADER);
    OAuthSignatures oauth = new OAuthSignatures();
    assertThat(oauth.verify(wrongConsumer, KEY, SECRET, TOKEN, TOKEN_SECRET).problem())
        .isEqualTo(OAuthSignatures.SIGNATURE_INVALID);
    assertThat(oauth.verify(wrongToken, KEY, SECRET, TOKEN, TOKEN_SECRET).problem())
        .isEqualTo(OAuthSignatures.SIGNATURE_INVALID);
  }

  @Test
  void rejectsAReplayedNonceButOnlyAfterTheFirstValidUse() {
    SignedRequest req = signedByScribe(restGet(), SECRET, TOKEN_SECRET, OAuth1SignatureType.HEADER);
    OAuthSignatures oauth = new OAuthSignatures();
    assertThat(oauth.verify(req, KEY, SECRET, TOKEN, TOKEN_SECRET).valid()).isTrue();
    Verification replay = oauth.verify(req, KEY, SECRET, TOKEN, TOKEN_SECRET);
    assertThat(replay.valid()).isFalse();
    assertThat(replay.problem()).isEqualTo(OAuthSignatures.NONCE_USED);
    assertThat(replay.oauthProblemBody()).isEqualTo("oauth_problem=nonce_used");
  }

  @Test
  void aForgedRequestDoesNotBurnTheNonceOfTheRealOne() {
    SignedRequest req = signedByScribe(restGet(), SECRET, TOKEN_SECRET, OAuth1SignatureType.HEADER);
    SignedRequest forged = new SignedRequest(req.method(), req.url() + "&extra=1", req.authorization(), null);
    OAuthSignatures oauth = new OAuthSignatures();
    assertThat(oauth.verify(forged, KEY, SECRET, TOKEN, TOKEN_SECRET).problem()).isEqualTo(OAuthSignatures.SIGNATURE_INVALID);
    assertThat(oauth.verify(req, KEY, SECRET, TOKEN, TOKEN_SECRET).valid()).isTrue();
  }

  @Test
  void forgetsTheOldestNoncesBeyondItsCapacity() {
    OAuthSignatures oauth = new OAuthSignatures(Clock.systemUTC(), OAuthSignatures.DEFAULT_WINDOW, 2);
    SignedRequest first = signedByScribe(restGet(), SECRET, TOKEN_SECRET, OAuth1SignatureType.HEADER);
    assertThat(oauth.verify(first, KEY, SECRET, TOKEN, TOKEN_SECRET).valid()).isTrue();
    for (int i = 0; i < 2; i++) {
      SignedRequest other = signedByScribe(restGet(), SECRET, TOKEN_SECRET, OAuth1SignatureType.HEADER);
      assertThat(oauth.verify(other, KEY, SECRET, TOKEN, TOKEN_SECRET).valid()).isTrue();
    }
    assertThat(oauth.verify(first, KEY, SECRET, TOKEN, TOKEN_SECRET).valid())
        .as("evicted nonce is accepted again (bounded memory)").isTrue();
  }

  @Test
  void refusesTimestampsOutsideTheWindow() {
    SignedRequest req = signedByScribe(restGet(), SECRET, TOKEN_SECRET, OAuth1SignatureType.HEADER);
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofMinutes(11)), ZoneOffset.UTC);
    Clock slightlyLater = Clock.fixed(Instant.now().plus(Duration.ofMinutes(9)), ZoneOffset.UTC);
    Verification v = new OAuthSignatures(later, Duration.ofSeconds(600), 10).verify(req, KEY, SECRET, TOKEN, TOKEN_SECRET);
    assertThat(v.problem()).isEqualTo(OAuthSignatures.TIMESTAMP_REFUSED);
    assertThat(v.detail()).contains("outside acceptable");
    assertThat(new OAuthSignatures(slightlyLater, Duration.ofSeconds(600), 10)
        .verify(req, KEY, SECRET, TOKEN, TOKEN_SECRET).valid()).isTrue();
  }

  @Test
  void rejectsUnknownConsumerKeysAndRevokedTokens() {
    SignedRequest req = signedByScribe(restGet(), SECRET, TOKEN_SECRET, OAuth1SignatureType.HEADER);
    OAuthSignatures oauth = new OAuthSignatures();
    assertThat(oauth.verify(req, "other-key", SECRET, TOKEN, TOKEN_SECRET).problem())
        .isEqualTo(OAuthSignatures.CONSUMER_KEY_UNKNOWN);
    assertThat(oauth.verify(req, KEY, SECRET, "another-token", TOKEN_SECRET).problem())
        .isEqualTo(OAuthSignatures.TOKEN_REJECTED);
  }

  @Test
  void reportsAbsentParametersAndRejectedSignatureMethods() {
    OAuthSignatures oauth = new OAuthSignatures();
    Verification none = oauth.verify(new SignedRequest("GET", BASE + "/services/rest/?method=flickr.test.login", null, null),
        KEY, SECRET, TOKEN, TOKEN_SECRET);
    assertThat(none.problem()).isEqualTo(OAuthSignatures.PARAMETER_ABSENT);
    assertThat(none.oauthProblemBody()).startsWith("oauth_problem=parameter_absent&oauth_parameters_absent=oauth_consumer_key");

    String header = "OAuth oauth_consumer_key=\"" + KEY + "\", oauth_nonce=\"n\", oauth_signature=\"x\", "
        + "oauth_signature_method=\"PLAINTEXT\", oauth_timestamp=\"" + Instant.now().getEpochSecond() + "\"";
    Verification plaintext = oauth.verify(new SignedRequest("GET", BASE + "/services/rest/", header, null),
        KEY, SECRET, null, null);
    assertThat(plaintext.problem()).isEqualTo(OAuthSignatures.SIGNATURE_METHOD_REJECTED);
  }

  @Test
  void ourSignerAgreesWithScribejavaOnTheSameRequest() {
    long ts = Instant.now().getEpochSecond();
    String url = "HTTP://127.0.0.1:8123/services/rest/?method=flickr.test.echo&name=a%20b";
    String header = OAuthSignatures.authorizationHeader("GET", url, List.of(), KEY, SECRET, TOKEN, TOKEN_SECRET,
        "nonce-1", ts, Map.of());
    Verification v = new OAuthSignatures().verify(new SignedRequest("GET", url, header, null), KEY, SECRET, TOKEN, TOKEN_SECRET);
    assertThat(v.valid()).as(v.toString()).isTrue();
    assertThat(v.baseString()).startsWith("GET&http%3A%2F%2F127.0.0.1%3A8123%2F");
  }

  @Test
  void normalisesDefaultPortsAndSortsEncodedParameters() {
    String base = OAuthSignatures.baseString("post", "HTTPS://Api.Flickr.COM:443/services/rest/?b=2&a=3&a=1",
        List.of(new Param("c", "x y"), new Param("realm", "r"), new Param("oauth_signature", "s")));
    assertThat(base).isEqualTo("POST&https%3A%2F%2Fapi.flickr.com%2Fservices%2Frest%2F&a%3D1%26a%3D3%26b%3D2%26c%3Dx%2520y");
    assertThat(OAuthSignatures.percentEncode("~-._ !*'()é")).isEqualTo("~-._%20%21%2A%27%28%29%C3%A9");
    assertThat(OAuthSignatures.parseForm("a=1+2&&b=%C3%A9&c")).containsExactly(
        new Param("a", "1 2"), new Param("b", "é"), new Param("c", ""));
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void verifiesScribejavasRequestTokenCallOverRealHttp() throws Exception {
    OAuthSignatures oauth = new OAuthSignatures();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          Verification v = oauth.verify(SignedRequest.from(request), KEY, SECRET, null, null);
          if (!v.valid()) {
            return new MockResponse.Builder().code(401).body(v.oauthProblemBody()).build();
          }
          return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain;charset=UTF-8")
              .body("oauth_callback_confirmed=" + "oob".equals(v.oauthParameter("oauth_callback"))
                  + "&oauth_token=" + TOKEN + "&oauth_token_secret=" + TOKEN_SECRET)
              .build();
        }
      });
      server.start(InetAddress.getLoopbackAddress(), 0);
      String base = "http://127.0.0.1:" + server.getPort();
      OAuth10aService good = new ServiceBuilder(KEY).apiSecret(SECRET).callback("oob")
          .build(new FakeFlickrApi(base, OAuth1SignatureType.HEADER));
      OAuth1RequestToken token = good.getRequestToken();
      assertThat(token.getToken()).isEqualTo(TOKEN);
      assertThat(token.isOauthCallbackConfirmed()).isTrue();

      OAuth10aService bad = new ServiceBuilder(KEY).apiSecret("wrong").callback("oob")
          .build(new FakeFlickrApi(base, OAuth1SignatureType.HEADER));
      org.assertj.core.api.Assertions.assertThatThrownBy(bad::getRequestToken)
          .hasMessageContaining("oauth_problem=signature_invalid");
    }
  }
}
