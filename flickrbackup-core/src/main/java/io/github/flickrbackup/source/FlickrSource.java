package io.github.flickrbackup.source;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.RetryPolicy;
import io.github.flickrbackup.internal.flickr.FlickrPhotoSource;
import io.github.flickrbackup.internal.flickr.SourceSettings;
import io.github.flickrbackup.internal.resilience.Resilience;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds the {@link PhotoSource} that reads a Flickr account.
 *
 * <p>It lists with {@code extras} 500 items a page, learns albums in bulk, builds original URLs
 * without extra calls, retries transient failures with exponential backoff and jitter, honours
 * {@code Retry-After}, keeps its calls under an hourly budget, and stops at once with an
 * {@link io.github.flickrbackup.AuthenticationException} when the key or token is refused.
 *
 * <pre>{@code
 * PhotoSource source = FlickrSource.builder()
 *     .apiKey(new ApiKey(key, secret))
 *     .accessToken(token)                       // from FlickrAuthorization
 *     .webSession(sessionFile::cookies)          // optional: for videos Flickr serves only to browsers
 *     .build();
 * }</pre>
 */
public final class FlickrSource {
  private FlickrSource() {}

  /**
   * Starts a builder with the defaults written on each method.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a Flickr source; every setter validates its argument. */
  public static final class Builder {
    private FlickrEndpoint endpoint = FlickrEndpoint.flickr();
    private ApiKey apiKey;
    private AccessToken accessToken;
    private SessionProvider webSession;
    private Duration requestTimeout = Duration.ofSeconds(60);
    private int callsPerHour = 3000;
    private RetryPolicy retry = RetryPolicy.apiDefault();
    private BackupListener listener = BackupListener.NONE;

    private Builder() {}

    /**
     * Where Flickr is. Default: {@link FlickrEndpoint#flickr()}.
     *
     * @param endpoint the endpoint (the testkit's fake: {@code FlickrEndpoint.at(fake.baseUrl())})
     * @return this
     */
    public Builder endpoint(FlickrEndpoint endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /**
     * The application's API key. Required.
     *
     * @param apiKey the key and secret
     * @return this
     */
    public Builder apiKey(ApiKey apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /**
     * The user's access token (read permission). Required.
     *
     * @param accessToken the token, e.g. from {@link FlickrAuthorization#complete(String)}
     * @return this
     */
    public Builder accessToken(AccessToken accessToken) {
      this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
      return this;
    }

    /**
     * Cookies of a signed-in browser, sent with media downloads to the endpoint's media hosts
     * only (never to the API or other hosts). Default: none.
     *
     * @param session the provider, or {@code null} for none
     * @return this
     */
    public Builder webSession(SessionProvider session) {
      this.webSession = session;
      return this;
    }

    /**
     * How long one HTTP request may wait for data. Default: 60 seconds (connecting: 15 seconds).
     *
     * @param timeout 1 second to 1 hour
     * @return this
     */
    public Builder requestTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("requestTimeout must be between 1 second and 1 hour, not " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * The API calls allowed in any hour. Flickr allows 3,600 per key; staying below leaves room
     * for other tools using the same key. Default: 3,000.
     *
     * @param calls 61 to 3,600
     * @return this
     */
    public Builder callsPerHour(int calls) {
      if (calls < 61 || calls > 3600) {
        throw new IllegalArgumentException("callsPerHour must be between 61 and 3,600 (Flickr's limit), not " + calls);
      }
      this.callsPerHour = calls;
      return this;
    }

    /**
     * Attempts for a call that fails transiently (resets, time-outs, 5xx, 429), the first
     * included; the backoff stays that of {@link #retry}. Default: 6.
     *
     * @param attempts 1 to 20
     * @return this
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 20) {
        throw new IllegalArgumentException("maxAttempts must be between 1 and 20, not " + attempts);
      }
      this.retry = new RetryPolicy(attempts, retry.baseDelay(), retry.maxDelay());
      return this;
    }

    /**
     * How API calls and media requests that fail transiently (resets, time-outs, 5xx, 429) are
     * tried again; a {@code Retry-After} is honoured up to the policy's {@code maxDelay}. It
     * replaces an earlier {@link #maxAttempts}. Default: {@link RetryPolicy#apiDefault()} (6
     * attempts, 1 second doubling up to 60 seconds). A whole download is retried by the plan:
     * {@code BackupPlan.Builder#downloadRetry}.
     *
     * @param policy the policy
     * @return this
     */
    public Builder retry(RetryPolicy policy) {
      this.retry = Objects.requireNonNull(policy, "retry");
      return this;
    }

    /**
     * Hears {@link BackupListener#retrying} and {@link BackupListener#warning} events. Default:
     * {@link BackupListener#NONE}.
     *
     * @param listener the listener
     * @return this
     */
    public Builder listener(BackupListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the source. No call is made yet.
     *
     * @return the source
     * @throws IllegalStateException if the API key or the access token is missing
     */
    public PhotoSource build() {
      if (apiKey == null) {
        throw new IllegalStateException("a Flickr source needs an API key: call apiKey(...)");
      }
      if (accessToken == null) {
        throw new IllegalStateException("a Flickr source needs an access token: call accessToken(...); "
            + "get one with FlickrAuthorization");
      }
      return FlickrPhotoSource.create(new SourceSettings(endpoint, apiKey, accessToken, webSession,
          requestTimeout, Duration.ofSeconds(15),
          Resilience.Settings.of(retry, callsPerHour),
          listener, Clock.systemUTC()));
    }
  }
}
