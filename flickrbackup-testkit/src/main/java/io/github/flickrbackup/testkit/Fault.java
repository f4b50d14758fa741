package io.github.flickrbackup.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault the fake injects, as an immutable value: what goes wrong ({@link Kind}), where
 * ({@link FaultScope}, optionally one API method or one item) and when (a deterministic trigger
 * over the sequence of matching requests: always, the first {@code n}, every {@code n}th, or a
 * seeded probability). The same faults and the same requests fail the same way on every run.
 *
 * <pre>{@code
 * List<Fault> faults = List.of(
 *     Fault.httpError(503).scopedTo(FaultScope.API).onFirst(2),          // two 503s, then fine
 *     Fault.resetAfter(10_000).forItem("5628095432"),                    // that download breaks
 *     Fault.apiError(105).forMethod("flickr.photos.getInfo").everyNth(3),
 *     Fault.latency(Duration.ofMillis(50)).withProbability(0.1, 42L),
 *     Fault.rateLimited(Duration.ofSeconds(5)).onFirst(1));
 * }</pre>
 *
 * <p>Counting: each fault counts only the requests it matches (scope, method and item filters);
 * {@code onFirst(2)} fails the first two of those and lets the rest through.
 */
public final class Fault {

  /** What a fault does. */
  public enum Kind {
    /** Delays the response headers by {@link #duration()}. */
    LATENCY(false, FaultScope.ALL),
    /** Limits the body to {@link #bytes()} bytes per second. */
    BANDWIDTH(false, FaultScope.ALL),
    /** Answers HTTP {@link #status()} (500/502/503/504) with the front end's HTML body. */
    HTTP_ERROR(true, FaultScope.ALL),
    /** Answers HTTP 200 with {@code stat=fail} and error {@link #code()} (API only). */
    API_ERROR(true, FaultScope.API),
    /** Sends the headers and the first {@link #bytes()} bytes of the body, then drops the connection. */
    RESET_AFTER_BYTES(false, FaultScope.ALL),
    /** Sends the headers and the first {@link #bytes()} bytes, then pauses for {@link #duration()}. */
    STALL(false, FaultScope.ALL),
    /** A listing page returns {@link #bytes()} fewer items than it should, though not the last (API only). */
    SHORT_PAGE(false, FaultScope.API),
    /** Answers HTTP 429 with Flickr's HTML, and {@code Retry-After} if {@link #retryAfter()} is set. */
    RATE_LIMITED(true, FaultScope.ALL),
    /** The CDN answers HTTP 200 with an HTML page instead of the media (media only). */
    HTML_INSTEAD_OF_MEDIA(true, FaultScope.MEDIA),
    /** The CDN answers HTTP {@link #status()} (403, 404 or 410) for media that exists (media only). */
    CDN_ERROR(true, FaultScope.MEDIA);

    private final boolean replacesResponse;
    private final FaultScope allowed;

    Kind(boolean replacesResponse, FaultScope allowed) {
      this.replacesResponse = replacesResponse;
      this.allowed = allowed;
    }

    /** Whether the fault answers instead of the normal response (else it alters the normal one). */
    public boolean replacesResponse() {
      return replacesResponse;
    }

    /** The scopes this kind can apply to ({@link FaultScope#ALL} if any). */
    public FaultScope allowedScope() {
      return allowed;
    }
  }

  /** When a fault fires among the requests it matches. */
  public enum Trigger {
    /** Every matching request. */
    ALWAYS,
    /** The first {@code n} matching requests. */
    FIRST,
    /** Matching requests number n, 2n, 3n… */
    EVERY_NTH,
    /** Each matching request with a seeded probability. */
    PROBABILITY
  }

  private final Kind kind;
  private final FaultScope scope;
  private final Duration duration;
  private final long bytes;
  private final int status;
  private final int code;
  private final Duration retryAfter;
  private final Trigger trigger;
  private final long n;
  private final double probability;
  private final long seed;
  private final String method;
  private final String itemId;

  private Fault(Kind kind, FaultScope scope, Duration duration, long bytes, int status, int code, Duration retryAfter,
      Trigger trigger, long n, double probability, long seed, String method, String itemId) {
    this.kind = kind;
    this.scope = scope;
    this.duration = duration;
    this.bytes = bytes;
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
    this.trigger = trigger;
    this.n = n;
    this.probability = probability;
    this.seed = seed;
    this.method = method;
    this.itemId = itemId;
  }

  private static Fault of(Kind kind, Duration duration, long bytes, int status, int code, Duration retryAfter) {
    return new Fault(kind, kind.allowedScope(), duration, bytes, status, code, retryAfter, Trigger.ALWAYS, 0, 0, 0,
        null, null);
  }

  private Fault with(FaultScope scope, Trigger trigger, long n, double probability, long seed, String method,
      String itemId) {
    return new Fault(kind, scope, duration, bytes, status, code, retryAfter, trigger, n, probability, seed, method,
        itemId);
  }

  // --- Factories ---------------------------------------------------------------------------

  /** Delays each matching response by {@code delay} before its headers. */
  public static Fault latency(Duration delay) {
    return of(Kind.LATENCY, nonNegative(delay, "latency"), 0, 0, 0, null);
  }

  /** Limits each matching response body to {@code bytesPerSecond}. */
  public static Fault bandwidth(long bytesPerSecond) {
    if (bytesPerSecond < 1) {
      throw new IllegalArgumentException("bandwidth must be at least 1 byte per second: " + bytesPerSecond);
    }
    return of(Kind.BANDWIDTH, null, bytesPerSecond, 0, 0, null);
  }

  /** Answers HTTP {@code status} (500, 502, 503 or 504) with the front end's HTML body. */
  public static Fault httpError(int status) {
    if (status != 500 && status != 502 && status != 503 && status != 504) {
      throw new IllegalArgumentException("httpError status must be 500, 502, 503 or 504: " + status
          + " (use rateLimited() for 429)");
    }
    return of(Kind.HTTP_ERROR, null, 0, status, 0, null);
  }

  /**
   * Answers {@code stat=fail} with Flickr error {@code code} (HTTP 200), e.g. 105 "Service
   * currently unavailable" or 106 "Write operation failed". API only.
   */
  public static Fault apiError(int code) {
    if (code < 1 || code > 999) {
      throw new IllegalArgumentException("Flickr error codes are 1..999: " + code);
    }
    return of(Kind.API_ERROR, null, 0, 0, code, null);
  }

  /** {@code apiError(105)}: "Service currently unavailable". */
  public static Fault serviceUnavailable() {
    return apiError(105);
  }

  /** Sends the first {@code bytes} of the body (0: none), then drops the connection. */
  public static Fault resetAfter(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("reset offset must not be negative: " + bytes);
    }
    return of(Kind.RESET_AFTER_BYTES, null, bytes, 0, 0, null);
  }

  /** Sends the headers, then pauses for {@code pause} before the body. */
  public static Fault stall(Duration pause) {
    return stallAfter(0, pause);
  }

  /** Sends the headers and the first {@code bytes} of the body, then pauses for {@code pause}. */
  public static Fault stallAfter(long bytes, Duration pause) {
    if (bytes < 0) {
      throw new IllegalArgumentException("stall offset must not be negative: " + bytes);
    }
    return of(Kind.STALL, nonNegative(pause, "stall"), bytes, 0, 0, null);
  }

  /** A listing page omits its last {@code missingItems} items though it is not the last page. API only. */
  public static Fault shortPage(int missingItems) {
    if (missingItems < 1) {
      throw new IllegalArgumentException("a short page misses at least 1 item: " + missingItems);
    }
    return of(Kind.SHORT_PAGE, null, missingItems, 0, 0, null);
  }

  /** Answers HTTP 429 with Flickr's HTML and no {@code Retry-After}. */
  public static Fault rateLimited() {
    return of(Kind.RATE_LIMITED, null, 0, 429, 0, null);
  }

  /** Answers HTTP 429 with Flickr's HTML and {@code Retry-After} in whole seconds (rounded up). */
  public static Fault rateLimited(Duration retryAfter) {
    return of(Kind.RATE_LIMITED, null, 0, 429, 0, nonNegative(retryAfter, "Retry-After"));
  }

  /** The CDN answers HTTP 200 with an HTML page instead of the media. Media only. */
  public static Fault htmlInsteadOfMedia() {
    return of(Kind.HTML_INSTEAD_OF_MEDIA, null, 0, 200, 0, null);
  }

  /**
   * The CDN answers HTTP {@code status} (403, 404 or 410) with an HTML error page although the
   * media exists and the API still lists it: Flickr's CDN does this now and then, for a while or
   * for good. Media only.
   */
  public static Fault cdnError(int status) {
    if (status != 403 && status != 404 && status != 410) {
      throw new IllegalArgumentException("cdnError status must be 403, 404 or 410: " + status
          + (status >= 500 ? " (use httpError)" : ""));
    }
    return of(Kind.CDN_ERROR, null, 0, status, 0, null);
  }

  // --- Where and when ------------------------------------------------------------------------

  /**
   * The same fault limited to {@code scope}.
   *
   * @throws IllegalArgumentException if the kind cannot apply there (a 105 on media, HTML on the API)
   */
  public Fault scopedTo(FaultScope scope) {
    Objects.requireNonNull(scope, "scope");
    FaultScope allowed = kind.allowedScope();
    if (allowed != FaultScope.ALL && scope != allowed) {
      throw new IllegalArgumentException(kind + " applies to " + allowed + " requests only, not " + scope);
    }
    return with(scope, trigger, n, probability, seed, method, itemId);
  }

  /** Fires on every matching request (the default). */
  public Fault always() {
    return with(scope, Trigger.ALWAYS, 0, 0, 0, method, itemId);
  }

  /** Fires on the first {@code count} matching requests, then never. */
  public Fault onFirst(long count) {
    if (count < 1) {
      throw new IllegalArgumentException("onFirst needs a count of at least 1: " + count);
    }
    return with(scope, Trigger.FIRST, count, 0, 0, method, itemId);
  }

  /** Fires on matching requests number {@code every}, 2×{@code every}, … ({@code everyNth(1)} is always). */
  public Fault everyNth(long every) {
    if (every < 1) {
      throw new IllegalArgumentException("everyNth needs at least 1: " + every);
    }
    return with(scope, Trigger.EVERY_NTH, every, 0, 0, method, itemId);
  }

  /**
   * Fires on each matching request with probability {@code p}, decided by {@code seed} and the
   * request's position among the matching ones: the same seed fails the same requests each run.
   */
  public Fault withProbability(double p, long seed) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability must be within 0..1: " + p);
    }
    return with(scope, Trigger.PROBABILITY, 0, p, seed, method, itemId);
  }

  /** Matches only API calls of this method (e.g. {@code flickr.photos.getInfo}). */
  public Fault forMethod(String apiMethod) {
    Objects.requireNonNull(apiMethod, "apiMethod");
    if (!apiMethod.startsWith("flickr.")) {
      throw new IllegalArgumentException("API methods start with 'flickr.': " + apiMethod);
    }
    if (scope == FaultScope.MEDIA) {
      throw new IllegalArgumentException("forMethod on a MEDIA-scoped fault would never match");
    }
    return with(scope, trigger, n, probability, seed, apiMethod, itemId);
  }

  /** Matches only requests about this photo or video id (API calls with {@code photo_id}, its media). */
  public Fault forItem(String photoId) {
    Objects.requireNonNull(photoId, "photoId");
    if (!photoId.matches("\\d{1,20}")) {
      throw new IllegalArgumentException("a photo id is 1 to 20 digits: '" + photoId + "'");
    }
    return with(scope, trigger, n, probability, seed, method, photoId);
  }

  // --- Accessors -----------------------------------------------------------------------------

  /** What the fault does. */
  public Kind kind() {
    return kind;
  }

  /** Where it applies. */
  public FaultScope scope() {
    return scope;
  }

  /** The delay or pause (LATENCY, STALL), else null. */
  public Duration duration() {
    return duration;
  }

  /** Bytes per second (BANDWIDTH), byte offset (RESET_AFTER_BYTES, STALL), missing items (SHORT_PAGE), else 0. */
  public long bytes() {
    return bytes;
  }

  /** The HTTP status of replacing kinds (HTTP_ERROR, CDN_ERROR, 429, 200 for HTML), else 0. */
  public int status() {
    return status;
  }

  /** The Flickr error code (API_ERROR), else 0. */
  public int code() {
    return code;
  }

  /** The Retry-After of RATE_LIMITED, or null for none. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** When it fires. */
  public Trigger trigger() {
    return trigger;
  }

  /** The count of FIRST or EVERY_NTH, else 0. */
  public long count() {
    return n;
  }

  /** The probability of PROBABILITY, else 0. */
  public double probability() {
    return probability;
  }

  /** The seed of PROBABILITY, else 0. */
  public long seed() {
    return seed;
  }

  /** The API method filter, or null for any. */
  public String method() {
    return method;
  }

  /** The item filter, or null for any. */
  public String itemId() {
    return itemId;
  }

  /** Whether a request of {@code requestScope} ({@code API}/{@code MEDIA}) with this method and item is matched. */
  public boolean matches(FaultScope requestScope, String apiMethod, String photoId) {
    return scope.covers(requestScope)
        && (method == null || method.equals(apiMethod))
        && (itemId == null || itemId.equals(photoId));
  }

  private static Duration nonNegative(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative: " + d);
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Fault)) {
      return false;
    }
    Fault f = (Fault) o;
    return kind == f.kind && scope == f.scope && Objects.equals(duration, f.duration) && bytes == f.bytes
        && status == f.status && code == f.code && Objects.equals(retryAfter, f.retryAfter) && trigger == f.trigger
        && n == f.n && Double.compare(probability, f.probability) == 0 && seed == f.seed
        && Objects.equals(method, f.method) && Objects.equals(itemId, f.itemId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, scope, duration, bytes, status, code, retryAfter, trigger, n, probability, seed, method,
        itemId);
  }

  /** E.g. {@code Fault[httpError(503) scope=API onFirst(2) method=flickr.photos.getInfo]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Fault[");
    switch (kind) {
      case LATENCY -> sb.append("latency(").append(duration.toMillis()).append(" ms)");
      case BANDWIDTH -> sb.append("bandwidth(").append(bytes).append(" B/s)");
      case HTTP_ERROR -> sb.append("httpError(").append(status).append(')');
      case API_ERROR -> sb.append("apiError(").append(code).append(')');
      case RESET_AFTER_BYTES -> sb.append("resetAfter(").append(bytes).append(" bytes)");
      case STALL -> sb.append("stallAfter(").append(bytes).append(" bytes, ").append(duration.toMillis()).append(" ms)");
      case SHORT_PAGE -> sb.append("shortPage(").append(bytes).append(" missing)");
      case RATE_LIMITED -> sb.append("rateLimited(")
          .append(retryAfter == null ? "no Retry-After" : "Retry-After " + retryAfter.toSeconds() + " s").append(')');
      case HTML_INSTEAD_OF_MEDIA -> sb.append("htmlInsteadOfMedia");
      case CDN_ERROR -> sb.append("cdnError(").append(status).append(')');
    }
    sb.append(" scope=").append(scope);
    switch (trigger) {
      case ALWAYS -> sb.append(" always");
      case FIRST -> sb.append(" onFirst(").append(n).append(')');
      case EVERY_NTH -> sb.append(" everyNth(").append(n).append(')');
      case PROBABILITY -> sb.append(" withProbability(").append(probability).append(", seed ").append(seed).append(')');
    }
    if (method != null) {
      sb.append(" method=").append(method);
    }
    if (itemId != null) {
      sb.append(" item=").append(itemId);
    }
    return sb.append(']').toString();
  }
}
