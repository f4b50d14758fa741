package io.github.flickrbackup.internal.resilience;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.RetryPolicy;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Retry and rate limiting as decorators (resilience4j) around API calls and media opens, so
 * business code never loops.
 *
 * <p>The limiter hands out {@code callsPerHour / 7} permits per ten-minute window. Any rolling
 * hour overlaps at most 7 windows, so the budget holds in every hour, while a whole listing
 * (about 30 calls for 300 items, about 250 for 20,000 items in 200 albums) fits in the first
 * window and is never slowed. Sustained, a long run gets 6/7 of the budget.
 */
public final class Resilience {
  /** The limiter's refresh period. */
  public static final Duration WINDOW = Duration.ofMinutes(10);
  /** The most windows one rolling hour overlaps: 60 / 10 + 1. */
  public static final int WINDOWS_PER_HOUR = 7;

  private final Settings settings;
  private final RateLimiter limiter;
  private final BackupListener listener;

  /**
   * Retry and limiter settings.
   *
   * @param maxAttempts attempts for transient failures, including the first
   * @param baseDelay first backoff delay; doubles per attempt, with jitter
   * @param maxDelay cap of one backoff delay (and of an honoured {@code Retry-After})
   * @param callsPerHour the hourly API budget the limiter keeps
   */
  public record Settings(int maxAttempts, Duration baseDelay, Duration maxDelay, int callsPerHour) {
    /** Validates. */
    public Settings {
      if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1");
      Objects.requireNonNull(baseDelay, "baseDelay");
      Objects.requireNonNull(maxDelay, "maxDelay");
      if (callsPerHour < 61) throw new IllegalArgumentException("callsPerHour must be >= 61");
    }

    /**
     * Settings from the public retry policy and an hourly budget.
     *
     * @param retry attempts and backoff
     * @param callsPerHour the hourly API budget
     * @return the settings
     */
    public static Settings of(RetryPolicy retry, int callsPerHour) {
      return new Settings(retry.maxAttempts(), retry.baseDelay(), retry.maxDelay(), callsPerHour);
    }

    /** @return permits per {@link #WINDOW} */
    public int permitsPerWindow() {
      return Math.max(1, callsPerHour / WINDOWS_PER_HOUR);
    }
  }

  /**
   * @param settings retry and limiter settings
   * @param listener hears {@code retrying} events
   */
  public Resilience(Settings settings, BackupListener listener) {
    this.settings = settings;
    this.listener = listener;
    this.limiter = RateLimiter.of("flickr-api", limiterConfig(settings));
  }

  /**
   * The limiter configuration for a budget (exposed for tests that count permits).
   *
   * @param settings the settings
   * @return the configuration: {@link #WINDOW}s, {@link Settings#permitsPerWindow()} each
   */
  public static RateLimiterConfig limiterConfig(Settings settings) {
    return RateLimiterConfig.custom()
        .limitRefreshPeriod(WINDOW)
        .limitForPeriod(settings.permitsPerWindow())
        // Wait for the next window rather than fail: a long run simply slows down.
        .timeoutDuration(WINDOW.plusMinutes(1))
        .build();
  }

  /** @return the API rate limiter */
  public RateLimiter limiter() {
    return limiter;
  }

  /**
   * Runs an API call: each attempt takes a permit, transient failures are retried.
   *
   * @param what what is called, for events
   * @param call one attempt
   * @param <T> the result
   * @return the result
   * @throws CallFailure the last failure when retrying did not help
   */
  public <T> T api(String what, Supplier<T> call) {
    return retry(what, () -> {
      awaitPermit();
      return call.get();
    });
  }

  /** What {@link BackupListener#waiting} says a wait for the limiter or a 429 is for. */
  public static final String RATE_LIMIT = "Flickr's rate limit";

  /**
   * Takes a permit of the limiter, as {@code RateLimiter.waitForPermission} would, but says so
   * first when it has to wait: a run that waits minutes for the next window must not look
   * frozen.
   */
  private void awaitPermit() {
    long nanos = limiter.reservePermission();
    if (nanos < 0) {
      throw RequestNotPermitted.createRequestNotPermitted(limiter);
    }
    if (nanos == 0) {
      return;
    }
    tellWaiting(Duration.ofNanos(nanos));
    long deadline = System.nanoTime() + nanos;
    for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        throw RequestNotPermitted.createRequestNotPermitted(limiter);
      }
    }
  }

  private void tellWaiting(Duration wait) {
    try {
      listener.waiting(wait, RATE_LIMIT);
    } catch (RuntimeException ignored) {
      // A listener must not throw; if it does, the call goes on regardless.
    }
  }

  /**
   * Runs a media request with retries but without the API limiter (media are not API calls).
   *
   * @param what what is fetched, for events
   * @param call one attempt
   * @param <T> the result
   * @return the result
   * @throws CallFailure the last failure when retrying did not help
   */
  public <T> T media(String what, Supplier<T> call) {
    return retry(what, call);
  }

  private <T> T retry(String what, Supplier<T> call) {
    RetryConfig config = RetryConfig.custom()
        .maxAttempts(settings.maxAttempts())
        .retryOnException(Resilience::retryable)
        .intervalBiFunction(intervals())
        .failAfterMaxAttempts(false)
        .build();
    Retry retry = Retry.of(what, config);
    retry.getEventPublisher().onRetry(e -> {
      try {
        listener.retrying(what, e.getNumberOfRetryAttempts(), e.getWaitInterval(), e.getLastThrowable());
      } catch (RuntimeException ignored) {
        // A listener must not throw; if it does, the download goes on regardless.
      }
      if (e.getLastThrowable() instanceof CallFailure f && f.retryAfter() != null) {
        // Flickr said how long to wait (429 with Retry-After); said after the retry, so that a
        // display that shows the latest wait names the rate limit.
        tellWaiting(e.getWaitInterval());
      }
    });
    return Retry.decorateSupplier(retry, call).get();
  }

  private static boolean retryable(Throwable t) {
    return t instanceof CallFailure f && f.retryable();
  }

  private <T> IntervalBiFunction<T> intervals() {
    return (attempt, outcome) -> {
      Throwable t = outcome.isLeft() ? outcome.getLeft() : null;
      if (t instanceof CallFailure f && f.retryAfter() != null) {
        return Math.min(f.retryAfter().toMillis(), settings.maxDelay().toMillis());
      }
      return backoffMillis(attempt);
    };
  }

  long backoffMillis(int attempt) {
    return backoffMillis(settings.baseDelay(), settings.maxDelay(), attempt);
  }

  /**
   * The waits of a policy, for retries that are not API calls (whole downloads in the
   * engine), so that every retry in a run backs off the same way.
   *
   * @param policy the policy
   * @return the interval function for resilience4j
   */
  public static IntervalFunction backoff(RetryPolicy policy) {
    return attempt -> backoffMillis(policy.baseDelay(), policy.maxDelay(), attempt);
  }

  /** Exponential backoff with "equal jitter": half fixed, half random. */
  static long backoffMillis(Duration baseDelay, Duration maxDelay, int attempt) {
    long base = Math.max(1, baseDelay.toMillis());
    long exp = base << Math.min(20, Math.max(0, attempt - 1));
    long capped = Math.min(exp, maxDelay.toMillis());
    long half = capped / 2;
    return half + ThreadLocalRandom.current().nextLong(half + 1);
  }

  /**
   * Classifies an I/O failure of one attempt: interrupted waits are not retried.
   *
   * @param what what failed
   * @param e the exception
   * @return the classified failure
   */
  public static CallFailure ioFailure(String what, IOException e) {
    if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
      return CallFailure.permanent(what + " was interrupted");
    }
    return CallFailure.transientFailure(what + " failed: " + e, e);
  }
}
