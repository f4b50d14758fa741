package io.github.flickrbackup;

import java.time.Duration;
import java.util.Objects;

/**
 * How often, and how patiently, something that failed transiently is tried again. The wait
 * before attempt {@code n + 1} is {@code baseDelay × 2^(n-1)}, capped at {@code maxDelay}, with
 * "equal jitter": half of it fixed, half random, so that parallel downloads do not retry in step.
 *
 * <p>The same policy type configures both places a run retries:
 * {@link io.github.flickrbackup.source.FlickrSource.Builder#retry(RetryPolicy) FlickrSource}
 * for API calls and media requests (default {@link #apiDefault()}), and
 * {@link BackupPlan.Builder#downloadRetry(RetryPolicy) BackupPlan} for a whole download whose
 * body breaks off, has the wrong length or is not the media (default {@link #downloadDefault()}).
 *
 * <pre>{@code
 * RetryPolicy patient = new RetryPolicy(10, Duration.ofSeconds(2), Duration.ofMinutes(5));
 * RetryPolicy once = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);   // never retry
 * }</pre>
 *
 * @param maxAttempts attempts including the first, 1 to 20
 * @param baseDelay the wait before the second attempt (before jitter), zero or more, at most
 *     {@code maxDelay}
 * @param maxDelay the longest single wait, at most one hour; it also caps an honoured
 *     {@code Retry-After}
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  private static final RetryPolicy API = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60));
  private static final RetryPolicy DOWNLOAD =
      new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(60));

  /**
   * Validates every component, with a message that names it.
   *
   * @param maxAttempts attempts including the first, 1 to 20
   * @param baseDelay the wait before the second attempt, zero or more, at most {@code maxDelay}
   * @param maxDelay the longest single wait, at most one hour
   */
  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException("maxAttempts must be between 1 and 20, not " + maxAttempts);
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (baseDelay.isNegative()) {
      throw new IllegalArgumentException("baseDelay must not be negative, not " + baseDelay);
    }
    if (maxDelay.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("maxDelay must be at most 1 hour, not " + maxDelay);
    }
    if (baseDelay.compareTo(maxDelay) > 0) {
      throw new IllegalArgumentException("baseDelay (" + baseDelay + ") must not exceed maxDelay (" + maxDelay + ")");
    }
  }

  /**
   * The source's policy for API calls and media requests: 6 attempts, 1 second doubling up
   * to 60 seconds (six attempts ride out a minute-long outage of the API).
   *
   * @return the policy
   */
  public static RetryPolicy apiDefault() {
    return API;
  }

  /**
   * The plan's policy for whole downloads within one pass: 3 attempts, 500 ms doubling up to
   * 60 seconds. An item that still fails stays pending for the run's retry passes and the next
   * run, so a short policy loses nothing.
   *
   * @return the policy
   */
  public static RetryPolicy downloadDefault() {
    return DOWNLOAD;
  }
}
