package io.github.flickrbackup.testkit;

/**
 * Which requests a {@link Fault} may hit.
 *
 * <pre>{@code
 * Fault.httpError(503).scopedTo(FaultScope.MEDIA).onFirst(2);
 * }</pre>
 */
public enum FaultScope {
  /** REST calls under {@code /services/rest/}. */
  API,
  /** Photo and video downloads (originals, sizes, {@code /play/} redirects and CDN answers). */
  MEDIA,
  /** Both. */
  ALL;

  /** Whether a request of scope {@code requestScope} ({@link #API} or {@link #MEDIA}) is covered. */
  public boolean covers(FaultScope requestScope) {
    return this == ALL || this == requestScope;
  }
}
