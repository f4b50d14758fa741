package io.github.flickrbackup.source;

import java.util.Objects;

/**
 * An OAuth 1.0a access token that lets a backup read an account.
 *
 * <pre>{@code
 * AccessToken token = new AccessToken(tokenString, tokenSecret, "12345678@N00", "alice");
 * }</pre>
 *
 * @param token the token
 * @param secret the token secret; never printed by {@link #toString()}
 * @param userNsid the account's NSID, empty when unknown
 * @param username the account's user name, empty when unknown
 */
public record AccessToken(String token, String secret, String userNsid, String username) {
  /**
   * Validates the token.
   *
   * @param token the token
   * @param secret the token secret; never printed by {@link #toString()}
   * @param userNsid the account's NSID, empty when unknown
   * @param username the account's user name, empty when unknown
   */
  public AccessToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(secret, "secret");
    if (token.isBlank() || secret.isBlank()) {
      throw new IllegalArgumentException("access token and secret must not be blank");
    }
    userNsid = userNsid == null ? "" : userNsid;
    username = username == null ? "" : username;
  }

  /** Shows whose token this is, hides the token and its secret. */
  @Override
  public String toString() {
    return "AccessToken[user=" + username + " (" + userNsid + "), token=***, secret=***]";
  }
}
