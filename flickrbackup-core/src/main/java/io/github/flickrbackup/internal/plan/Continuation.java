package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.Selection;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.Catalog.RunRow;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * A run "since the last run" right after a run that did not finish (killed, or stopped by an
 * error) continues that run's selection. Its listing never completed, so no mark covers it
 * (after a killed first run there is no mark at all), while the items it committed are
 * skipped as unchanged: continuing costs a listing, not a download.
 */
final class Continuation {
  private Continuation() {}

  /**
   * The selection an interrupted run left to finish, when {@code asked} has no start date of its
   * own.
   *
   * @param asked the plan's selection
   * @param catalog the destination's catalog
   * @return the interrupted run's selection, or empty to run {@code asked} as it is
   */
  static Optional<Selection> of(Selection asked, Catalog catalog) throws SQLException {
    Set<String> modes;
    if (asked instanceof Selection.OwnItems own && own.since() == null) {
      // A plain run continues whichever listing was cut short: own items or favorites.
      modes = Set.of("own", "favorites");
    } else if (asked instanceof Selection.Favorites fav && fav.since() == null) {
      modes = Set.of("favorites");
    } else {
      return Optional.empty();
    }
    Optional<RunRow> last = catalog.lastRun(modes);
    if (last.isEmpty() || !last.get().interrupted() || last.get().since().isEmpty()) {
      return Optional.empty(); // finished, or recorded before runs kept their start (schema 1)
    }
    RunRow run = last.get();
    return Optional.of("favorites".equals(run.mode())
        ? Selection.favoritesSince(run.since().get())
        : Selection.updatedSince(run.since().get()));
  }

  /**
   * @param selection a continued selection
   * @return the warning that says so
   */
  static String warning(Selection selection) {
    String what = selection instanceof Selection.Favorites f
        ? "favorites faved since " + f.since()
        : "own items updated since " + ((Selection.OwnItems) selection).since();
    return "the previous run in this destination did not finish (it was killed, stopped by an error, or Flickr's"
        + " listing could not be confirmed complete);"
        + " this run continues it: " + what;
  }
}
