package io.github.flickrbackup.source;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.exceptions.OAuthException;
import com.github.scribejava.core.httpclient.jdk.JDKHttpClientConfig;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuth1RequestToken;
import com.github.scribejava.core.oauth.OAuth10aService;
import io.github.flickrbackup.AuthenticationException;
import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.internal.flickr.FlickrOAuthApi;
import io.github.flickrbackup.internal.flickr.FlickrPhotoSource;
import io.github.flickrbackup.internal.flickr.SourceSettings;
import io.github.flickrbackup.internal.resilience.Resilience;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * The OAuth 1.0a "out of band" flow that gives a backup read access to an account: get a
 * request token, send the user to {@link #authorizeUrl()}, and exchange the code Flickr shows
 * for an {@link AccessToken}.
 *
 * <pre>{@code
 * FlickrAuthorization auth = FlickrAuthorization.start(FlickrEndpoint.flickr(), key);
 * System.out.println("Open " + auth.authorizeUrl() + " and paste the code:");
 * AccessToken token = auth.complete(new Scanner(System.in).nextLine().trim());
 * }</pre>
 */
public final class FlickrAuthorization {
  private static final int TIMEOUT_MILLIS = 30_000;

  private final FlickrEndpoint endpoint;
  private final OAuth10aService service;
  private final OAuth1RequestToken requestToken;

  private FlickrAuthorization(FlickrEndpoint endpoint, OAuth10aService service, OAuth1RequestToken requestToken) {
    this.endpoint = endpoint;
    this.service = service;
    this.requestToken = requestToken;
  }

  /**
   * Gets a request token (with {@code oauth_callback=oob}).
   *
   * @param endpoint where Flickr is
   * @param key the application's key
   * @return the started flow
   * @throws AuthenticationException if Flickr refuses the key
   * @throws SourceException if Flickr cannot be reached
   */
  public static FlickrAuthorization start(FlickrEndpoint endpoint, ApiKey key) throws SourceException {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(key, "key");
    JDKHttpClientConfig http = JDKHttpClientConfig.defaultConfig();
    http.setConnectTimeout(TIMEOUT_MILLIS);
    http.setReadTimeout(TIMEOUT_MILLIS);
    http.setFollowRedirects(false);
    OAuth10aService service = new ServiceBuilder(key.key()).apiSecret(key.secret()).callback("oob")
        .httpClientConfig(http).build(new FlickrOAuthApi(endpoint.oauth()));
    try {
      return new FlickrAuthorization(endpoint, service, service.getRequestToken());
    } catch (OAuthException e) {
      throw new AuthenticationException("Flickr refused the API key when asked for a request token ("
          + problem(e) + "): check the API key and secret", e);
    } catch (IOException | ExecutionException e) {
      throw new SourceException("cannot reach Flickr's OAuth endpoint " + endpoint.oauth() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while asking Flickr for a request token", e);
    }
  }

  /**
   * The page where the user grants read access and is shown a code.
   *
   * @return {@code {oauth}authorize?oauth_token=...&perms=read}
   */
  public URI authorizeUrl() {
    return URI.create(service.getAuthorizationUrl(requestToken) + "&perms=read");
  }

  /**
   * The request token (public: it is part of {@link #authorizeUrl()}); tests approve it on a fake.
   *
   * @return the request token
   */
  public String requestToken() {
    return requestToken.getToken();
  }

  /**
   * Exchanges the code the user was shown for an access token.
   *
   * @param verifier the code, e.g. {@code 123-456-789}
   * @return the access token, with the user's NSID and name
   * @throws AuthenticationException if Flickr refuses the code
   * @throws SourceException if Flickr cannot be reached
   */
  public AccessToken complete(String verifier) throws SourceException {
    Objects.requireNonNull(verifier, "verifier");
    if (verifier.isBlank()) {
      throw new IllegalArgumentException("the verification code is empty");
    }
    try {
      OAuth1AccessToken t = service.getAccessToken(requestToken, verifier.trim());
      return new AccessToken(t.getToken(), t.getTokenSecret(), decode(t.getParameter("user_nsid")),
          decode(t.getParameter("username")));
    } catch (OAuthException e) {
      throw new AuthenticationException("Flickr refused the verification code (" + problem(e)
          + "): start the authorisation again", e);
    } catch (IOException | ExecutionException e) {
      throw new SourceException("cannot reach Flickr's OAuth endpoint " + endpoint.oauth() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while exchanging the verification code", e);
    }
  }

  /**
   * Checks a stored token with {@code flickr.test.login}.
   *
   * @param endpoint where Flickr is
   * @param key the application's key
   * @param token the token
   * @return the token with the user's NSID and name filled in
   * @throws AuthenticationException if the token was revoked or the key is refused
   * @throws SourceException if Flickr cannot be reached
   */
  public static AccessToken check(FlickrEndpoint endpoint, ApiKey key, AccessToken token) throws SourceException {
    FlickrPhotoSource source = FlickrPhotoSource.create(new SourceSettings(endpoint, key, token, null,
        Duration.ofSeconds(60), Duration.ofSeconds(15),
        new Resilience.Settings(3, Duration.ofSeconds(1), Duration.ofSeconds(30), 3000),
        BackupListener.NONE, Clock.systemUTC()));
    return source.checkLogin();
  }

  private static String decode(String s) {
    return s == null ? "" : URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The {@code oauth_problem} name only: the raw answer may echo signature details. */
  private static String problem(OAuthException e) {
    String m = String.valueOf(e.getMessage());
    int i = m.indexOf("oauth_problem=");
    if (i < 0) {
      return "no oauth_problem given";
    }
    String rest = m.substring(i + "oauth_problem=".length());
    return "oauth_problem=" + rest.split("[&'\"\\s]", 2)[0];
  }

  @Override
  public String toString() {
    return "FlickrAuthorization[" + endpoint.oauth() + "]";
  }
}
