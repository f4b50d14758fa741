package io.github.flickrbackup.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.AuthenticationException;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.TestToken;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Check, reuse, re-authorise: against the fake Flickr's real OAuth and REST endpoints. */
@Timeout(30)
class FlickrLoginTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.builder().owner("87654321@N07", "bob", "Bob").photo("1001", p -> p.title("x")).build())
      .consumer("my-key", "my-secret")
      .build();

  @TempDir Path dir;

  final ApiKey key = new ApiKey("my-key", "my-secret");
  FlickrEndpoint endpoint;
  TokenStore tokens;
  final List<URI> prompted = new ArrayList<>();

  @BeforeEach
  void setUp() {
    endpoint = FlickrEndpoint.at(fake.baseUrl());
    tokens = FileTokenStore.inFolder(dir);
  }

  /** Plays the person: opens the page (the fake approves the request token) and types the code. */
  private String approve(URI authorizeUrl) {
    prompted.add(authorizeUrl);
    Matcher m = Pattern.compile("oauth_token=([^&]+)").matcher(authorizeUrl.getQuery());
    assertThat(m.find()).as(authorizeUrl.toString()).isTrue();
    return fake.approve(m.group(1));
  }

  private static String neverAsked(URI url) {
    throw new AssertionError("asked for a code although a usable token was saved: " + url);
  }

  @Test
  void theFirstTimeItAsksOnceAndSavesTheToken() throws Exception {
    FlickrLogin login = FlickrLogin.of(endpoint, key, tokens);
    AccessToken token = login.token(this::approve);

    assertThat(prompted).hasSize(1);
    assertThat(prompted.get(0).toString()).startsWith(endpoint.oauth() + "authorize?oauth_token=");
    assertThat(token.userNsid()).isEqualTo("87654321@N07");
    assertThat(tokens.find(endpoint, key)).contains(token);

    AccessToken again = FlickrLogin.of(endpoint, key, FileTokenStore.inFolder(dir)).token(FlickrLoginTest::neverAsked);
    assertThat(again).isEqualTo(token);
  }

  @Test
  void aSavedTokenIsCheckedWithFlickrAndCompletedWithTheUser() throws Exception {
    TestToken issued = fake.issueAccessToken("my-key");
    tokens.save(endpoint, key, new AccessToken(issued.token(), issued.secret(), "", ""));

    AccessToken token = FlickrLogin.of(endpoint, key, tokens).token(FlickrLoginTest::neverAsked);

    assertThat(fake.stats().apiCalls("flickr.test.login")).isEqualTo(1);
    assertThat(token.username()).isEqualTo("bob");
    assertThat(tokens.find(endpoint, key)).contains(token);
  }

  @Test
  void aRevokedSavedTokenIsForgottenAndAskedForAgain() throws Exception {
    TestToken revoked = fake.issueAccessToken("my-key");
    tokens.save(endpoint, key, new AccessToken(revoked.token(), revoked.secret(), "", ""));
    fake.revokeToken(revoked.token());

    AccessToken fresh = FlickrLogin.of(endpoint, key, tokens).token(this::approve);

    assertThat(prompted).hasSize(1);
    assertThat(fresh.token()).isNotEqualTo(revoked.token());
    assertThat(tokens.find(endpoint, key)).contains(fresh);
  }

  @Test
  void savedTokenAloneNeverAsksAndSaysWhenTheTokenWasRefused() throws Exception {
    FlickrLogin login = FlickrLogin.of(endpoint, key, tokens);
    assertThat(login.savedToken()).isEmpty();

    TestToken revoked = fake.issueAccessToken("my-key");
    tokens.save(endpoint, key, new AccessToken(revoked.token(), revoked.secret(), "", ""));
    fake.revokeToken(revoked.token());
    long oauthCalls = fake.stats().oauthCalls();

    assertThatThrownBy(login::savedToken)
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("it was removed from " + tokens.location())
        .message().doesNotContain(revoked.secret());
    assertThat(tokens.find(endpoint, key)).isEmpty();
    assertThat(fake.stats().oauthCalls()).isEqualTo(oauthCalls);
  }

  @Test
  void thePromptsOwnFailureComesBackUnchangedAndNothingIsSaved() throws Exception {
    class NoKeyboard extends IOException {
      private static final long serialVersionUID = 1L;
    }
    FlickrLogin login = FlickrLogin.of(endpoint, key, tokens);
    assertThatThrownBy(() -> login.token(url -> {
      throw new NoKeyboard();
    })).isInstanceOf(NoKeyboard.class);
    assertThatThrownBy(() -> login.token(url -> " ")).isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith("no authorisation code was given");
    assertThat(tokens.find(endpoint, key)).isEmpty();
  }

  @Test
  void aWrongCodeIsRefusedAndNothingIsSaved() throws Exception {
    FlickrLogin login = FlickrLogin.of(endpoint, key, tokens);
    assertThatThrownBy(() -> login.authorize(url -> "000-000-000"))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("verifier_invalid");
    assertThat(tokens.find(endpoint, key)).isEmpty();
  }
}
