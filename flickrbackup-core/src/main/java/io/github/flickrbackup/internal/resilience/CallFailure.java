package io.github.flickrbackup.internal.resilience;

import java.time.Duration;

/**
 * One failed attempt at a Flickr API call or a media request, classified so that the retry
 * decorator knows whether to try again and the source knows which public exception to throw.
 * Never leaves the internal packages.
 */
public final class CallFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How a failure is handled. */
  public enum Kind {
    /** Resets, timeouts, 5xx, code 105/106, HTML or malformed bodies: retried with backoff. */
    TRANSIENT,
    /** HTTP 429: retried after {@code Retry-After}, else with backoff. */
    RATE_LIMITED,
    /** Bad key, signature or token (96-100, HTTP 401): never retried. */
    AUTHENTICATION,
    /** Code 1/2 on an item method, or media 404/410: the item is gone. */
    NOT_FOUND,
    /** Anything else (client bug, unknown code, refused redirect): never retried. */
    PERMANENT
  }

  private final Kind kind;
  private final int apiCode;
  private final int httpStatus;
  private final transient Duration retryAfter;
  private final boolean retryable;

  /**
   * @param kind the class
   * @param apiCode Flickr's error code, or 0
   * @param httpStatus the HTTP status, or 0 when there was no response
   * @param retryAfter the server's {@code Retry-After}, or null
   * @param message what happened (never contains secrets)
   * @param cause the underlying exception, or null
   */
  public CallFailure(Kind kind, int apiCode, int httpStatus, Duration retryAfter, String message, Throwable cause) {
    this(kind, apiCode, httpStatus, retryAfter, message, cause,
        kind == Kind.TRANSIENT || kind == Kind.RATE_LIMITED);
  }

  private CallFailure(Kind kind, int apiCode, int httpStatus, Duration retryAfter, String message, Throwable cause,
      boolean retryable) {
    super(message, cause);
    this.kind = kind;
    this.apiCode = apiCode;
    this.httpStatus = httpStatus;
    this.retryAfter = retryAfter;
    this.retryable = retryable;
  }

  /** A transient failure. @param message what @param cause why @return the failure */
  public static CallFailure transientFailure(String message, Throwable cause) {
    return new CallFailure(Kind.TRANSIENT, 0, 0, null, message, cause);
  }

  /** A permanent failure. @param message what @return the failure */
  public static CallFailure permanent(String message) {
    return new CallFailure(Kind.PERMANENT, 0, 0, null, message, null);
  }

  /**
   * The same failure with an explicit decision (e.g. a CDN 404 is retried only a few times).
   *
   * @param retry whether the retry decorator may try again
   * @return a copy
   */
  public CallFailure retryable(boolean retry) {
    return new CallFailure(kind, apiCode, httpStatus, retryAfter, getMessage(), getCause(), retry);
  }

  /** @return the class */
  public Kind kind() {
    return kind;
  }

  /** @return Flickr's error code, or 0 */
  public int apiCode() {
    return apiCode;
  }

  /** @return the HTTP status, or 0 */
  public int httpStatus() {
    return httpStatus;
  }

  /** @return the {@code Retry-After} delay, or null */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** @return whether another attempt may help */
  public boolean retryable() {
    return retryable;
  }
}
