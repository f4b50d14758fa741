package io.github.flickrbackup.testkit;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/** Consumer keys, request tokens, verifiers and access tokens the fake knows. Thread-safe. */
final class OAuthRegistry {
  /** A request token between request_token and access_token. */
  static final class RequestToken {
    final String token;
    final String secret;
    final String consumerKey;
    final String callback;
    volatile String verifier;
    volatile String perms = "read";

    RequestToken(String token, String secret, String consumerKey, String callback) {
      this.token = token;
      this.secret = secret;
      this.consumerKey = consumerKey;
      this.callback = callback;
    }
  }

  /** An access token. */
  static final class AccessToken {
    final String token;
    final String secret;
    final String consumerKey;
    final String perms;
    volatile boolean revoked;

    AccessToken(String token, String secret, String consumerKey, String perms) {
      this.token = token;
      this.secret = secret;
      this.consumerKey = consumerKey;
      this.perms = perms;
    }
  }

  private final Map<String, String> consumers = new ConcurrentHashMap<>();
  private final Map<String, RequestToken> requestTokens = new ConcurrentHashMap<>();
  private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
  private final SplittableRandom random;

  OAuthRegistry(long seed) {
    this.random = new SplittableRandom(seed);
  }

  void addConsumer(String key, String secret) {
    consumers.put(key, secret);
  }

  /** The consumer secret, or null for an unknown key. */
  String consumerSecret(String key) {
    return key == null ? null : consumers.get(key);
  }

  synchronized RequestToken newRequestToken(String consumerKey, String callback) {
    RequestToken t = new RequestToken(newToken(), hex(16), consumerKey, callback);
    requestTokens.put(t.token, t);
    return t;
  }

  RequestToken requestToken(String token) {
    return token == null ? null : requestTokens.get(token);
  }

  /** Approves a request token (the user clicked "OK, I'll authorise it"); returns the verifier. */
  synchronized String approve(RequestToken t) {
    if (t.verifier == null) {
      t.verifier = String.format("%03d-%03d-%03d", random.nextInt(1000), random.nextInt(1000), random.nextInt(1000));
    }
    return t.verifier;
  }

  /** Exchanges an approved request token for an access token (once). */
  synchronized AccessToken exchange(RequestToken t) {
    requestTokens.remove(t.token);
    return newAccessToken(t.consumerKey, t.perms);
  }

  synchronized AccessToken newAccessToken(String consumerKey, String perms) {
    AccessToken a = new AccessToken(newToken(), hex(16), consumerKey, perms);
    accessTokens.put(a.token, a);
    return a;
  }

  /** The live access token, or null when unknown or revoked. */
  AccessToken accessToken(String token) {
    AccessToken a = token == null ? null : accessTokens.get(token);
    return a == null || a.revoked ? null : a;
  }

  boolean revoke(String token) {
    AccessToken a = accessTokens.get(token);
    if (a == null) return false;
    a.revoked = true;
    return true;
  }

  /** Flickr's shape: 17 digits, a dash, 16 hex digits. */
  private String newToken() {
    return "72157" + String.format("%012d", random.nextLong(1_000_000_000_000L)) + "-" + hex(16);
  }

  private String hex(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) sb.append(Character.forDigit(random.nextInt(16), 16));
    return sb.toString();
  }
}
