package io.github.flickrbackup;

import io.github.flickrbackup.source.PhotoId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Which items a run backs up.
 *
 * <pre>{@code
 * Selection.sinceLastRunOr(Instant.EPOCH);                   // a program run every night: all, then what changed
 * Selection.sinceLastRun();                                  // nightly cron, after a first run
 * Selection.updatedSince(Instant.parse("2012-02-28T00:00:00Z"));
 * Selection.favorites();
 * Selection.ids(List.of(PhotoId.of("1001")));               // retry an error file
 * }</pre>
 */
public sealed interface Selection {

  /**
   * The account's own items updated since the last successful run (the catalog's high-water
   * mark, or a {@code .stamp} left by the Python tool). On a destination without an earlier
   * run, the run fails with a {@link NoEarlierRunException} before fetching anything; use
   * {@link #sinceLastRunOr(Instant)} to say where a first run starts instead.
   *
   * @return the selection
   */
  static Selection sinceLastRun() {
    return new OwnItems(null, null);
  }

  /**
   * The account's own items updated since the last successful run, or, on a destination
   * without one, since {@code firstRun}: the one selection a program that runs the same plan
   * every time needs.
   *
   * @param firstRun where a first run starts; {@link Instant#EPOCH} for everything
   * @return the selection
   */
  static Selection sinceLastRunOr(Instant firstRun) {
    return new OwnItems(null, Objects.requireNonNull(firstRun, "firstRun"));
  }

  /**
   * The account's own items updated at or after {@code since}.
   *
   * @param since the start; {@link Instant#EPOCH} for everything
   * @return the selection
   */
  static Selection updatedSince(Instant since) {
    return new OwnItems(Objects.requireNonNull(since, "since"), null);
  }

  /**
   * The account's favorites faved since the last favorites run (all on the first).
   *
   * @return the selection
   */
  static Selection favorites() {
    return new Favorites(null);
  }

  /**
   * The account's favorites faved at or after {@code since}.
   *
   * @param since the start
   * @return the selection
   */
  static Selection favoritesSince(Instant since) {
    return new Favorites(Objects.requireNonNull(since, "since"));
  }

  /**
   * Exactly these items, whatever their dates.
   *
   * @param ids the items; at least one
   * @return the selection
   */
  static Selection ids(Collection<PhotoId> ids) {
    return new Ids(List.copyOf(ids));
  }

  /**
   * Own items updated since a date.
   *
   * @param since the start, or {@code null} for "since the last run"
   * @param ifNoEarlierRun with {@code since == null}: the start when the destination has no
   *     earlier run, or {@code null} to fail then; must be {@code null} when {@code since} is
   *     set (an {@link IllegalArgumentException} otherwise)
   */
  record OwnItems(Instant since, Instant ifNoEarlierRun) implements Selection {
    /**
     * Refuses a fallback that could never apply.
     *
     * @param since the start, or {@code null} for "since the last run"
     * @param ifNoEarlierRun with {@code since == null}: the start when the destination has no
     *     earlier run, or {@code null} to fail then; must be {@code null} when {@code since} is
     *     set (an {@link IllegalArgumentException} otherwise)
     */
    public OwnItems {
      if (since != null && ifNoEarlierRun != null) {
        throw new IllegalArgumentException("ifNoEarlierRun applies only to 'since the last run' (since == null)");
      }
    }

    /**
     * Own items since a date, without a fallback: the record's shape before
     * {@code ifNoEarlierRun} existed, kept for code written against it.
     *
     * @param since the start, or {@code null} for "since the last run"
     */
    public OwnItems(Instant since) {
      this(since, null);
    }
  }

  /**
   * Favorites faved since a date.
   *
   * @param since the start, or {@code null} for "since the last favorites run"
   */
  record Favorites(Instant since) implements Selection {}

  /**
   * An explicit list of items.
   *
   * @param ids the items
   */
  record Ids(List<PhotoId> ids) implements Selection {
    /**
     * Validates the list.
     *
     * @param ids the items
     */
    public Ids {
      ids = List.copyOf(ids);
      if (ids.isEmpty()) {
        throw new IllegalArgumentException("the list of ids is empty");
      }
    }
  }
}
