package io.github.flickrbackup.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.AuthenticationException;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FlickrAuthorizationTest {
  FakeFlickr fake;
  FlickrEndpoint endpoint;
  final ApiKey key = new ApiKey("my-key", "my-secret");

  @BeforeEach
  void start() {
    fake = FakeFlickr.builder()
        .account(FakeAccount.builder().owner("87654321@N07", "bob", "Bob Ünïcode")
            .photo("1001", p -> p.title("x")).build())
        .consumer("my-key", "my-secret").build();
    fake.start();
    endpoint = FlickrEndpoint.at(fake.baseUrl());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void completesTheOobFlowAndTheTokenWorksForASource() throws Exception {
    FlickrAuthorization auth = FlickrAuthorization.start(endpoint, key);
    assertThat(auth.authorizeUrl().toString())
        .startsWith(fake.baseUrl() + "services/oauth/authorize?oauth_token=" + auth.requestToken())
        .endsWith("&perms=read");
    String verifier = fake.approve(auth.requestToken());

    AccessToken token = auth.complete(verifier);

    assertThat(token.userNsid()).isEqualTo("87654321@N07"); // URL-decoded
    assertThat(token.username()).isEqualTo("bob");
    assertThat(token.toString()).doesNotContain(token.secret()).doesNotContain(token.token());
    List<RemoteItem> items = new ArrayList<>();
    FlickrSource.builder().endpoint(endpoint).apiKey(key).accessToken(token).build()
        .listUpdated(Instant.EPOCH, items::add);
    assertThat(items).extracting(i -> i.id().value()).containsExactly("1001");
  }

  @Test
  void aWrongVerifierIsAnAuthenticationError() throws Exception {
    FlickrAuthorization auth = FlickrAuthorization.start(endpoint, key);
    assertThatThrownBy(() -> auth.complete("000-000-000")).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("verifier_invalid");
  }

  @Test
  void anUnknownKeyIsRefusedAtTheStart() {
    assertThatThrownBy(() -> FlickrAuthorization.start(endpoint, new ApiKey("nope", "nope-secret")))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("consumer_key_unknown")
        .hasMessageNotContaining("nope-secret");
  }

  @Test
  void checkFillsInTheUserAndRefusesARevokedToken() throws Exception {
    var issued = fake.issueAccessToken("my-key");
    AccessToken bare = new AccessToken(issued.token(), issued.secret(), "", "");
    AccessToken checked = FlickrAuthorization.check(endpoint, key, bare);
    assertThat(checked.userNsid()).isEqualTo("87654321@N07");
    assertThat(checked.username()).isEqualTo("bob");

    fake.revokeToken(issued.token());
    long before = fake.stats().apiCalls();
    assertThatThrownBy(() -> FlickrAuthorization.check(endpoint, key, bare))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("authorise again");
    assertThat(fake.stats().apiCalls() - before).isEqualTo(1);
  }
}
