package io.github.flickrbackup.testkit.internal;

import io.github.flickrbackup.testkit.Fault;
import io.github.flickrbackup.testkit.FaultScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, request by request, which {@link Fault}s fire. Pure and deterministic: it keeps one
 * match counter per fault, so the same faults and the same sequence of requests give the same
 * decisions on every run. Thread-safe (decisions are serialised).
 *
 * <pre>{@code
 * FaultPlan plan = new FaultPlan(List.of(Fault.httpError(503).onFirst(2)));
 * Decision d = plan.decide(FaultPlan.Request.api("flickr.photos.getInfo", "5628095432"));
 * d.replacement().ifPresent(f -> ...);   // the 503
 * }</pre>
 */
public final class FaultPlan {
  private final List<Fault> faults;
  private final long[] matched;
  private final long[] fired;

  /** A plan over these faults, in order; earlier faults win when several would replace the response. */
  public FaultPlan(List<Fault> faults) {
    this.faults = List.copyOf(faults);
    this.matched = new long[this.faults.size()];
    this.fired = new long[this.faults.size()];
  }

  /** A plan with no faults. */
  public static FaultPlan none() {
    return new FaultPlan(List.of());
  }

  /** The faults of this plan, in order. */
  public List<Fault> faults() {
    return faults;
  }

  /**
   * A request as the plan sees it.
   *
   * @param scope {@link FaultScope#API} or {@link FaultScope#MEDIA}
   * @param apiMethod the REST method, or null (media)
   * @param photoId the item the request is about, or null
   */
  public record Request(FaultScope scope, String apiMethod, String photoId) {
    public Request {
      Objects.requireNonNull(scope, "scope");
      if (scope == FaultScope.ALL) {
        throw new IllegalArgumentException("a request is either API or MEDIA, not ALL");
      }
    }

    /** An API call. */
    public static Request api(String apiMethod, String photoId) {
      return new Request(FaultScope.API, apiMethod, photoId);
    }

    /** A media request. */
    public static Request media(String photoId) {
      return new Request(FaultScope.MEDIA, null, photoId);
    }
  }

  /**
   * The faults that fire for one request, in plan order.
   *
   * @param fired every fault that fires
   */
  public record Decision(List<Fault> fired) {
    /** No fault. */
    public static final Decision NONE = new Decision(List.of());

    public Decision {
      fired = List.copyOf(fired);
    }

    /** Whether nothing fires. */
    public boolean isEmpty() {
      return fired.isEmpty();
    }

    /** The first fault that answers instead of the normal response (HTTP error, 105, 429, HTML), if any. */
    public Optional<Fault> replacement() {
      return fired.stream().filter(f -> f.kind().replacesResponse()).findFirst();
    }

    /** The faults that alter the delivery of whatever is answered: latency, bandwidth, stall, reset. */
    public List<Fault> modifiers() {
      return fired.stream().filter(f -> !f.kind().replacesResponse() && f.kind() != Fault.Kind.SHORT_PAGE).toList();
    }

    /** The short-page fault, if one fires; the dispatcher drops {@code bytes()} items from the page. */
    public Optional<Fault> shortPage() {
      return fired.stream().filter(f -> f.kind() == Fault.Kind.SHORT_PAGE).findFirst();
    }
  }

  /** Counts this request against every matching fault and returns the ones that fire. */
  public synchronized Decision decide(Request request) {
    Objects.requireNonNull(request, "request");
    List<Fault> out = null;
    for (int i = 0; i < faults.size(); i++) {
      Fault f = faults.get(i);
      if (!f.matches(request.scope(), request.apiMethod(), request.photoId())) {
        continue;
      }
      long k = ++matched[i]; // 1-based position among the requests this fault matches
      if (fires(f, k)) {
        fired[i]++;
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(f);
      }
    }
    return out == null ? Decision.NONE : new Decision(out);
  }

  /** How many times each fault has fired so far, in plan order. */
  public synchronized List<Long> firedCounts() {
    List<Long> counts = new ArrayList<>(fired.length);
    for (long c : fired) {
      counts.add(c);
    }
    return counts;
  }

  static boolean fires(Fault f, long k) {
    return switch (f.trigger()) {
      case ALWAYS -> true;
      case FIRST -> k <= f.count();
      case EVERY_NTH -> k % f.count() == 0;
      case PROBABILITY -> unitInterval(f.seed(), k) < f.probability();
    };
  }

  /** A uniform number in [0, 1) from a seed and a position (SplitMix64 finaliser). */
  static double unitInterval(long seed, long k) {
    long z = seed + k * 0x9E37_79B9_7F4A_7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53;
  }
}
