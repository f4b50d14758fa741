package io.github.flickrbackup.testkit;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link FakeFlickr} has served so far: live, thread-safe counters. Use them to assert that
 * a client made no more calls than it should, downloaded each item once, or stayed within its
 * connection limit.
 *
 * <pre>{@code
 * FakeStats stats = fake.stats();
 * assertThat(stats.apiCalls("flickr.photos.getInfo")).isZero();
 * assertThat(stats.downloads("1001")).isEqualTo(1);
 * assertThat(stats.peakConcurrentConnections()).isLessThanOrEqualTo(4);
 * }</pre>
 */
public final class FakeStats {
  private final LongAdder apiCalls = new LongAdder();
  private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
  private final LongAdder mediaRequests = new LongAdder();
  private final LongAdder mediaBytes = new LongAdder();
  private final Map<String, LongAdder> downloads = new ConcurrentHashMap<>();
  private final LongAdder oauthCalls = new LongAdder();
  private final LongAdder rateLimited = new LongAdder();
  private final LongAdder faultsInjected = new LongAdder();
  private final AtomicInteger openConnections = new AtomicInteger();
  private final AtomicInteger peakConnections = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  // Times as Instant's epoch microseconds; 0: none yet.
  private final AtomicLong firstRequest = new AtomicLong();
  private final AtomicLong firstMediaRequest = new AtomicLong();
  private final AtomicLong lastMediaEnd = new AtomicLong();

  FakeStats() {}

  /** REST calls received (every {@code /services/rest/} request, failed ones included). */
  public long apiCalls() {
    return apiCalls.sum();
  }

  /** REST calls of one method, e.g. {@code flickr.photos.getInfo}. */
  public long apiCalls(String method) {
    LongAdder a = byMethod.get(method);
    return a == null ? 0 : a.sum();
  }

  /** REST calls per method, sorted by name. */
  public Map<String, Long> apiCallsByMethod() {
    Map<String, Long> m = new TreeMap<>();
    byMethod.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** Media requests (originals, resized images, {@code /play/} pages, CDN video), HEAD included. */
  public long mediaRequests() {
    return mediaRequests.sum();
  }

  /** Media body bytes written to clients. */
  public long mediaBytes() {
    return mediaBytes.sum();
  }

  /** GET requests (full or ranged) of one item's original media (photo original or CDN video). */
  public int downloads(String itemId) {
    LongAdder a = downloads.get(itemId);
    return a == null ? 0 : a.intValue();
  }

  /** Requests to the OAuth endpoints. */
  public long oauthCalls() {
    return oauthCalls.sum();
  }

  /** REST calls answered 429 because the hourly budget was spent. */
  public long rateLimited() {
    return rateLimited.sum();
  }

  /** Requests that got a fault injected. */
  public long faultsInjected() {
    return faultsInjected.sum();
  }

  /** Every request the fake received. */
  public long requests() {
    return requests.get();
  }

  /** The most requests the fake was serving at the same time (request start to body end). */
  public int peakConcurrentConnections() {
    return peakConnections.get();
  }

  /**
   * When the first request since the start (or the last {@link #reset()}) arrived. With
   * {@link #firstMediaRequestAt()} and {@link #lastMediaEndAt()} a benchmark splits a client's
   * run into start-up, listing, downloads and what follows them.
   */
  public Optional<Instant> firstRequestAt() {
    return instant(firstRequest.get());
  }

  /** When the first media request (as counted by {@link #mediaRequests()}) arrived. */
  public Optional<Instant> firstMediaRequestAt() {
    return instant(firstMediaRequest.get());
  }

  /** When the fake finished answering the latest media request (its body written, or refused). */
  public Optional<Instant> lastMediaEndAt() {
    return instant(lastMediaEnd.get());
  }

  /** Sets every counter back to zero. */
  public void reset() {
    apiCalls.reset();
    byMethod.clear();
    mediaRequests.reset();
    mediaBytes.reset();
    downloads.clear();
    oauthCalls.reset();
    rateLimited.reset();
    faultsInjected.reset();
    requests.set(0);
    peakConnections.set(openConnections.get());
    firstRequest.set(0);
    firstMediaRequest.set(0);
    lastMediaEnd.set(0);
  }

  void apiCall(String method) {
    apiCalls.increment();
    byMethod.computeIfAbsent(method == null ? "" : method, k -> new LongAdder()).increment();
  }

  void mediaRequest() {
    mediaRequests.increment();
    firstMediaRequest.compareAndSet(0, micros(Instant.now()));
  }

  /** A media request's answer is complete. */
  void mediaEnded() {
    lastMediaEnd.accumulateAndGet(micros(Instant.now()), Math::max);
  }

  void mediaBytes(long n) {
    mediaBytes.add(n);
  }

  void download(String itemId) {
    downloads.computeIfAbsent(itemId, k -> new LongAdder()).increment();
  }

  void oauthCall() {
    oauthCalls.increment();
  }

  void countRateLimited() {
    rateLimited.increment();
  }

  void countFaultInjected() {
    faultsInjected.increment();
  }

  void requestStarted() {
    requests.incrementAndGet();
    firstRequest.compareAndSet(0, micros(Instant.now()));
    int now = openConnections.incrementAndGet();
    peakConnections.accumulateAndGet(now, Math::max);
  }

  void requestEnded() {
    openConnections.decrementAndGet();
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
  }

  private static Optional<Instant> instant(long micros) {
    return micros == 0 ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000));
  }

  @Override
  public String toString() {
    return "FakeStats{apiCalls=" + apiCalls() + ", mediaRequests=" + mediaRequests() + ", mediaBytes=" + mediaBytes()
        + ", peakConcurrentConnections=" + peakConcurrentConnections() + "}";
  }
}
