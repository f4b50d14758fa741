package io.github.flickrbackup.source;

import java.util.function.Consumer;

/**
 * Receives a listing ({@link PhotoSource#listUpdated}, {@link PhotoSource#listFavorites}) and
 * also hears what a plain {@link Consumer} cannot: items the source refused, warnings, and a
 * listing that could not be confirmed complete. Every method but {@link #accept} does nothing by
 * default.
 *
 * <p>A source calls these on the listing's thread while it pages: {@code total} as soon as it
 * knows how many items the listing holds (before the first {@code accept}), {@code accept},
 * {@code refused}, {@code warning} and {@code total} again any number of times, then
 * {@code incomplete} at most once, last. Given a
 * {@code ListingSink}, a source reports refusals and an unconfirmed listing here and returns
 * normally, so that the caller can back up everything else; given a plain {@code Consumer}, it
 * throws instead (see {@link PhotoSource}).
 *
 * <pre>{@code
 * List<RemoteItem> items = new ArrayList<>();
 * AtomicBoolean trusted = new AtomicBoolean(true);
 * source.listUpdated(since, new ListingSink() {
 *   @Override public void accept(RemoteItem item) { items.add(item); }
 *   @Override public void refused(String rawId, String reason) { trusted.set(false); }
 *   @Override public void incomplete(String reason) { trusted.set(false); }
 * });
 * // move a high-water mark only if trusted.get()
 * }</pre>
 */
public interface ListingSink extends Consumer<RemoteItem> {
  /**
   * How many items the listing holds, as the service counts them (Flickr's {@code total} on the
   * listing's first page), so that a progress display knows its end long before the last page.
   * Comes before the items of the first page, and again when a later page reports a different
   * count (items uploaded or deleted while the listing is paged). A figure for people, not a
   * promise: the items handed over may be a few more or fewer. A source that cannot tell never
   * calls it. Must not throw.
   *
   * @param items the count, {@code >= 0}
   */
  default void total(int items) {}

  /**
   * Flickr listed an item whose data the source refused (an unsafe id, no readable
   * {@code lastupdate}); it is not passed to {@link #accept}. Each refused item is reported once
   * per listing, even if the listing is repeated.
   *
   * @param rawId the id as Flickr sent it, made printable; it may be empty or not a valid
   *     {@link PhotoId}
   * @param reason why it was refused, one line
   */
  default void refused(String rawId, String reason) {}

  /**
   * Something worth a user's attention that lost nothing, e.g. the listing changed while it was
   * paged (items uploaded or deleted during the run) and was listed again.
   *
   * @param message one line
   */
  default void warning(String message) {}

  /**
   * The listing ended without confirming that every item Flickr reported was handed over or
   * refused: a page stayed short after being asked for again, or the listing kept changing. The
   * items handed over are real, but some may be missing, so the caller must not treat the
   * listing as complete (for example, must not move a high-water mark past it).
   *
   * @param reason what could not be confirmed, one line
   */
  default void incomplete(String reason) {}
}
