package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.scribejava.core.exceptions.OAuthException;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuth1RequestToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** scribejava (a third-party OAuth 1.0a client) completes the oob flow against the fake. */
@Timeout(30)
class OAuthFlowTest {
  FakeFlickr fake;

  @BeforeEach
  void setUp() {
    fake = FakeFlickr.builder().account(FakeAccount.builder().owner("87654321@N07", "bob", "Bob Ünïcode").build())
        .consumer("my-key", "my-secret").build();
    fake.start();
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  @Test
  void scribejavaCompletesTheOobFlowReadingTheVerifierFromTheAuthorisePage() throws Exception {
    OAuth10aService service = new Signed(fake, "my-key", "my-secret", null).service();
    OAuth1RequestToken requestToken = service.getRequestToken();
    assertThat(requestToken.getToken()).matches("\\d{17}-[0-9a-f]{16}");
    assertThat(requestToken.isOauthCallbackConfirmed()).isTrue();

    String authoriseUrl = service.getAuthorizationUrl(requestToken) + "&perms=read";
    String page;
    try (okhttp3.Response r = new OkHttpClient().newCall(new Request.Builder().url(authoriseUrl).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      page = r.body().string();
    }
    Matcher m = Pattern.compile("\\d{3}-\\d{3}-\\d{3}").matcher(page);
    assertThat(m.find()).as("verifier on the page").isTrue();
    String verifier = m.group();

    OAuth1AccessToken access = service.getAccessToken(requestToken, verifier);
    assertThat(access.getParameter("user_nsid")).isEqualTo("87654321%40N07");
    assertThat(access.getParameter("username")).isEqualTo("bob");
    assertThat(access.getParameter("fullname")).isEqualTo("Bob%20%C3%9Cn%C3%AFcode");

    OAuthRequest call = new OAuthRequest(Verb.GET, fake.restUrl().toString());
    call.addQuerystringParameter("method", "flickr.test.login");
    service.signRequest(access, call);
    try (Response r = service.execute(call)) {
      assertThat(r.getBody()).contains("<user id=\"87654321@N07\"", "<username>bob</username>");
    }
  }

  @Test
  void approveGivesTheVerifierProgrammatically() throws Exception {
    OAuth10aService service = new Signed(fake, "my-key", "my-secret", null).service();
    OAuth1RequestToken requestToken = service.getRequestToken();
    String verifier = fake.approve(requestToken.getToken());
    assertThat(verifier).matches("\\d{3}-\\d{3}-\\d{3}");
    OAuth1AccessToken access = service.getAccessToken(requestToken, verifier);
    assertThat(access.getToken()).isNotBlank();
  }

  @Test
  void aWrongVerifierIs401VerifierInvalid() throws Exception {
    OAuth10aService service = new Signed(fake, "my-key", "my-secret", null).service();
    OAuth1RequestToken requestToken = service.getRequestToken();
    fake.approve(requestToken.getToken());
    assertThatThrownBy(() -> service.getAccessToken(requestToken, "000-000-000"))
        .isInstanceOf(OAuthException.class)
        .hasMessageContaining("verifier_invalid");
  }

  @Test
  void anUnknownConsumerKeyIs401() {
    OAuth10aService service = new Signed(fake, "nobody", "x", null).service();
    assertThatThrownBy(service::getRequestToken)
        .isInstanceOf(OAuthException.class)
        .hasMessageContaining("consumer_key_unknown");
  }
}
