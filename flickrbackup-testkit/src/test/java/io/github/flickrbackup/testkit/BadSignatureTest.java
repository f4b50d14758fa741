package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.scribejava.core.exceptions.OAuthException;
import com.github.scribejava.core.model.Response;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every signed request is checked: bad or missing signatures get Flickr's failures. */
@Timeout(30)
class BadSignatureTest {
  final ObjectMapper mapper = new ObjectMapper();
  FakeFlickr fake;

  @BeforeEach
  void setUp() {
    fake = FakeFlickr.builder().consumer("key", "secret").build();
    fake.start();
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  @Test
  void aWrongConsumerSecretIsError96() throws IOException {
    Signed forged = new Signed(fake, "key", "not-the-secret", fake.issueAccessToken("key"));
    String body = forged.body("flickr.test.login", "format", "json", "nojsoncallback", "1");
    assertThat(mapper.readTree(body).get("code").asInt()).isEqualTo(96);
    assertThat(fake.stats().apiCalls("flickr.test.login")).isEqualTo(1);
  }

  @Test
  void aWrongTokenSecretIsError96() throws IOException {
    TestToken real = fake.issueAccessToken("key");
    Signed forged = new Signed(fake, "key", "secret", new TestToken(real.token(), "0000000000000000", real.userNsid(), real.username()));
    assertThat(mapper.readTree(forged.body("flickr.test.login", "format", "json", "nojsoncallback", "1")).get("code").asInt())
        .isEqualTo(96);
    Signed right = new Signed(fake, "key", "secret", real);
    assertThat(mapper.readTree(right.body("flickr.test.login", "format", "json", "nojsoncallback", "1")).at("/stat").asText())
        .isEqualTo("ok");
  }

  @Test
  void aMissingSignatureIsError97() throws IOException {
    String url = fake.restUrl() + "?method=flickr.test.login&format=json&nojsoncallback=1&oauth_consumer_key=key"
        + "&oauth_nonce=n&oauth_timestamp=" + (System.currentTimeMillis() / 1000) + "&oauth_signature_method=HMAC-SHA1&oauth_version=1.0";
    try (okhttp3.Response r = new OkHttpClient().newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(mapper.readTree(r.body().string()).get("code").asInt()).isEqualTo(97);
    }
  }

  @Test
  void aTamperedParameterIsError96() throws IOException {
    Signed api = new Signed(fake, "key", "secret", fake.issueAccessToken("key"));
    com.github.scribejava.core.model.OAuthRequest req = new com.github.scribejava.core.model.OAuthRequest(
        com.github.scribejava.core.model.Verb.GET, fake.restUrl().toString());
    req.addQuerystringParameter("method", "flickr.photos.getSizes");
    req.addQuerystringParameter("photo_id", "1");
    api.service().signRequest(api.accessToken(), req);
    Request.Builder b = new Request.Builder().url(req.getCompleteUrl().replace("photo_id=1", "photo_id=2") + "&format=json&nojsoncallback=1");
    req.getHeaders().forEach(b::header);
    try (okhttp3.Response r = new OkHttpClient().newCall(b.build()).execute()) {
      assertThat(mapper.readTree(r.body().string()).get("code").asInt()).isEqualTo(96);
    }
  }

  @Test
  void oauthEndpointsAnswer401SignatureInvalid() {
    Signed forged = new Signed(fake, "key", "not-the-secret", null);
    assertThatThrownBy(() -> forged.service().getRequestToken())
        .isInstanceOf(OAuthException.class)
        .hasMessageContaining("oauth_problem=signature_invalid");
  }

  @Test
  void scribejavaSignedCallsPassWithTheRightSecrets() throws IOException {
    Signed api = new Signed(fake, "key", "secret", fake.issueAccessToken("key"));
    try (Response r = api.get("flickr.test.login")) {
      assertThat(r.getBody()).contains("<rsp stat=\"ok\">");
    }
  }
}
