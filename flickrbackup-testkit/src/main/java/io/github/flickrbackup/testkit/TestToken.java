package io.github.flickrbackup.testkit;

import java.util.Objects;

/**
 * An OAuth access token the fake issued, already authorised for the account owner: what a client
 * stores after the OAuth dance. {@link #toString()} hides the secret.
 *
 * <pre>{@code
 * TestToken t = fake.issueAccessToken(FakeFlickr.DEFAULT_CONSUMER_KEY);
 * client.authorise(t.token(), t.secret());
 * }</pre>
 *
 * @param token the {@code oauth_token}
 * @param secret the {@code oauth_token_secret}
 * @param userNsid the owner's NSID
 * @param username the owner's username
 */
public record TestToken(String token, String secret, String userNsid, String username) {
  /** Checks that no part is null. */
  public TestToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(userNsid, "userNsid");
    Objects.requireNonNull(username, "username");
  }

  @Override
  public String toString() {
    return "TestToken{token=" + token + ", secret=<hidden>, userNsid=" + userNsid + ", username=" + username + "}";
  }
}
