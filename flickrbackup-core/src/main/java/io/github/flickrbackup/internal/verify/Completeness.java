package io.github.flickrbackup.internal.verify;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.CompletenessReport;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.flickr.FlickrPhotoSource;
import io.github.flickrbackup.source.ListingSink;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.RemoteItem;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The completeness report: what Flickr says the account holds next to what the catalog holds.
 * It costs one API call (the account's count, {@code people.getInfo}, or the favorites' total)
 * on an ordinary run, and none after a full listing (one from before Flickr opened, see
 * {@link FlickrPhotoSource#listsEverything}), which already knows every id. Which ids
 * are missing follows from the catalog (pending items, with the failure recorded) and the last
 * report (items no run has listed) as long as the counts add up; only when they do not is
 * every id listed again, at about one call per 500 items.
 *
 * <p>The engine's end-of-run hook is a {@link Tracker}: it hears the ids the run lists,
 * {@link Tracker#prepare asks Flickr} before the run's end is recorded (so that the call
 * counts in the run's API calls) and {@link Tracker#write writes} the report once the
 * result is known.
 */
public final class Completeness {
  /** A missing item's reason when no run has listed it. */
  static final String NOT_LISTED = "NOT_LISTED";

  private Completeness() {}

  /**
   * The report's side of one run.
   *
   * @param selection the run's selection
   * @param since where its listing starts
   * @return a tracker
   */
  public static Tracker track(Selection selection, Instant since) {
    return new Tracker(selection instanceof Selection.Favorites,
        !(selection instanceof Selection.Ids) && FlickrPhotoSource.listsEverything(since));
  }

  /** Collects what a run knows, and makes its report. */
  public static final class Tracker {
    private final boolean favorites;
    private final boolean fullListing;
    private final Set<String> listed = ConcurrentHashMap.newKeySet();
    private CompletableFuture<OptionalLong> earlyCount;
    private Prepared prepared;

    private Tracker(boolean favorites, boolean fullListing) {
      this.favorites = favorites;
      this.fullListing = fullListing;
    }

    /**
     * An id the run listed. Kept only when it helps: every favorites run (to tell favorites
     * from the account's own items) and a full listing (which makes asking Flickr unnecessary).
     *
     * @param id the id
     */
    public void listed(String id) {
      if (favorites || fullListing) {
        listed.add(id);
      }
    }

    /**
     * Asks Flickr for its count now, on a thread of its own beside the listing, unless the run
     * lists everything (then the ids listed are the count). On an ordinary run the count is the
     * only call after the listing's; asked at the start, its answer is waiting when the run
     * ends, one round trip sooner. It is also a snapshot as near the listing's as can be.
     *
     * @param source the run's source
     */
    public void askCountEarly(PhotoSource source) {
      if (fullListing || earlyCount != null) {
        return;
      }
      CompletableFuture<OptionalLong> count = new CompletableFuture<>();
      Thread asking = new Thread(() -> {
        try {
          count.complete(count(source, favorites));
        } catch (Throwable e) { // whatever it is, prepare() must not wait for ever
          count.completeExceptionally(e);
        }
      }, "flickrbackup-count");
      asking.setDaemon(true);
      asking.start();
      earlyCount = count;
    }

    /**
     * Records the favorites listed and asks Flickr for its count (a listing of every id if the
     * counts do not add up). Never throws: a failure leaves the report without Flickr's figures,
     * with a warning.
     *
     * @param source the run's source
     * @param catalog the catalog
     * @param state the state folder (for the last report)
     * @param listingComplete whether the run's listing was complete and confirmed
     * @param listener told of a failure
     */
    public void prepare(PhotoSource source, Catalog catalog, Path state, boolean listingComplete,
        BackupListener listener) {
      try {
        if (favorites) {
          catalog.addFavorites(listed);
        }
        Set<String> all = fullListing && listingComplete ? listed : null;
        CompletableFuture<OptionalLong> early = earlyCount;
        Counter count = early == null ? () -> count(source, favorites) : () -> answer(early);
        prepared = Completeness.prepare(source, catalog, state, favorites, all, count);
      } catch (SQLException | IOException | SourceException | RuntimeException e) {
        warn(listener, e);
        prepared = null;
      }
    }

    /**
     * Writes the report with the run's result. Never throws.
     *
     * @param catalog the catalog
     * @param state the state folder
     * @param result the run's result
     * @param listener told of a failure
     * @return the report written, if it could be
     */
    public Optional<CompletenessReport> write(Catalog catalog, Path state, BackupResult result,
        BackupListener listener) {
      try {
        Prepared p = prepared != null ? prepared : Completeness.withoutFlickr(catalog, favorites);
        CompletenessReport report = p.report(Instant.now(), outcome(result));
        ReportFile.write(state, report, result.mirror().refused() ? List.of() : result.mirror().moves());
        return Optional.of(report);
      } catch (SQLException | IOException | RuntimeException e) {
        warn(listener, e);
        return Optional.empty();
      }
    }
  }

  /** Flickr's count of the selection's items. */
  @FunctionalInterface
  interface Counter {
    OptionalLong count() throws SourceException;
  }

  private static OptionalLong count(PhotoSource source, boolean favorites) throws SourceException {
    return favorites ? source.favoriteCount() : source.ownItemCount();
  }

  /** The early count's answer, or its failure as the call would have thrown it. */
  private static OptionalLong answer(CompletableFuture<OptionalLong> early) throws SourceException {
    try {
      return early.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Flickr's count", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SourceException s) {
        throw s;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The run's outcome as its {@code runs} row records it. */
  static String outcome(BackupResult result) {
    return result.stoppedBy().isPresent() ? "fatal: " + result.stoppedBy().get().getMessage()
        : !result.listingComplete() ? Catalog.LISTING_INCOMPLETE : result.failures().isEmpty() ? "complete" : "partial";
  }

  private static void warn(BackupListener listener, Exception e) {
    try {
      listener.warning("the completeness report could not be made: " + e.getMessage());
    } catch (RuntimeException ignored) {
      // a listener must not throw
    }
  }

  /** Everything but the time and the result. */
  record Prepared(String selection, OptionalLong flickrTotal, long localTotal,
      List<CompletenessReport.Missing> missing, List<PhotoId> extra, boolean fullListing) {
    CompletenessReport report(Instant time, String result) {
      return new CompletenessReport(time, result, selection, flickrTotal, localTotal, missing, extra, fullListing);
    }
  }

  /**
   * Compares Flickr's count with the catalog.
   *
   * @param listedIds every id on Flickr when the run listed them all, else null
   */
  static Prepared prepare(PhotoSource source, Catalog catalog, Path state, boolean favorites, Set<String> listedIds)
      throws SQLException, IOException, SourceException {
    return prepare(source, catalog, state, favorites, listedIds, () -> count(source, favorites));
  }

  private static Prepared prepare(PhotoSource source, Catalog catalog, Path state, boolean favorites,
      Set<String> listedIds, Counter count) throws SQLException, IOException, SourceException {
    String selection = favorites ? "favorites" : "own";
    Set<String> flickrIds = listedIds;
    OptionalLong total = flickrIds != null ? OptionalLong.of(flickrIds.size()) : count.count();
    Map<String, String> pending = catalog.itemsIn(favorites, Set.of("pending"));
    Map<String, String> gone = catalog.itemsIn(favorites, Set.of("gone"));
    long done = catalog.countIn(favorites, "done");
    boolean listedNow = false;
    if (flickrIds == null && total.isPresent()) {
      // What the catalog and the last report know of Flickr's side: backed-up items that are
      // still there, pending ones, and those no run has listed. When that adds up to Flickr's
      // count, the missing ids are known without listing them.
      Optional<CompletenessReport> last = lastReport(state, selection);
      List<CompletenessReport.Missing> notListed = new ArrayList<>();
      Set<String> lastExtra = new HashSet<>();
      if (last.isPresent()) {
        for (CompletenessReport.Missing m : last.get().missing()) {
          Optional<Catalog.ItemRow> row = catalog.item(m.id().value());
          if (row.isEmpty()) {
            notListed.add(m);
          }
        }
        for (PhotoId id : last.get().extra()) {
          Optional<Catalog.ItemRow> row = catalog.item(id.value());
          if (row.isPresent() && row.get().done()) {
            lastExtra.add(id.value());
          }
        }
      }
      long known = done + pending.size() + notListed.size() - lastExtra.size();
      if (known == total.getAsLong()) {
        List<CompletenessReport.Missing> missing = new ArrayList<>(notListed);
        pending.forEach((id, error) -> missing.add(missing(id, error)));
        missing.sort(java.util.Comparator.comparing(m -> m.id().value()));
        List<PhotoId> extra = new ArrayList<>();
        lastExtra.forEach(id -> extra.add(PhotoId.of(id)));
        gone.keySet().forEach(id -> extra.add(PhotoId.of(id)));
        extra.sort(java.util.Comparator.comparing(PhotoId::value));
        return new Prepared(selection, total, done + gone.size(), missing, extra, false);
      }
      flickrIds = listAll(source, favorites);
      listedNow = flickrIds != null;
      if (flickrIds == null) {
        return withoutIds(selection, total, done, pending, gone);
      }
    }
    if (flickrIds == null) {
      return withoutIds(selection, total, done, pending, gone);
    }
    Set<String> backedUp = catalog.itemsIn(favorites, Set.of("done")).keySet();
    List<CompletenessReport.Missing> missing = new ArrayList<>();
    List<String> sortedFlickr = new ArrayList<>(flickrIds);
    sortedFlickr.sort(null);
    for (String id : sortedFlickr) {
      if (!backedUp.contains(id)) {
        missing.add(pending.containsKey(id) ? missing(id, pending.get(id))
            : new CompletenessReport.Missing(PhotoId.of(id), NOT_LISTED,
                "on Flickr, but no run has listed it (older than the first run's start date?)"));
      }
    }
    List<PhotoId> extra = new ArrayList<>();
    Set<String> local = new java.util.TreeSet<>(backedUp);
    local.addAll(gone.keySet());
    for (String id : local) {
      if (!flickrIds.contains(id)) {
        extra.add(PhotoId.of(id));
      }
    }
    return new Prepared(selection, total, done + gone.size(), missing, extra, listedNow || listedIds != null);
  }

  /** Flickr's count without the ids: the catalog's pending items are what is known to be missing. */
  private static Prepared withoutIds(String selection, OptionalLong total, long done, Map<String, String> pending,
      Map<String, String> gone) {
    List<CompletenessReport.Missing> missing = new ArrayList<>();
    pending.forEach((id, error) -> missing.add(missing(id, error)));
    List<PhotoId> extra = new ArrayList<>();
    gone.keySet().forEach(id -> extra.add(PhotoId.of(id)));
    return new Prepared(selection, total, done + gone.size(), missing, extra, false);
  }

  /** A report from the catalog alone, when Flickr could not be asked. */
  static Prepared withoutFlickr(Catalog catalog, boolean favorites) throws SQLException {
    return withoutIds(favorites ? "favorites" : "own", OptionalLong.empty(), catalog.countIn(favorites, "done"),
        catalog.itemsIn(favorites, Set.of("pending")), catalog.itemsIn(favorites, Set.of("gone")));
  }

  /** A pending item, its reason the failure kind its last error starts with. */
  private static CompletenessReport.Missing missing(String id, String error) {
    String reason = "PENDING";
    String detail = error == null ? "" : error;
    if (error != null) {
      int colon = error.indexOf(": ");
      String kind = colon > 0 ? error.substring(0, colon) : error;
      if (kind.matches("[A-Z_]+")) {
        reason = kind;
        detail = error.substring(colon + 2);
      }
    }
    return new CompletenessReport.Missing(PhotoId.of(id), reason, detail);
  }

  private static Optional<CompletenessReport> lastReport(Path state, String selection) {
    try {
      return ReportFile.read(state).filter(r -> r.selection().equals(selection));
    } catch (IOException e) {
      return Optional.empty(); // a damaged report is made anew
    }
  }

  /**
   * Every id on Flickr: the full listing (about one call per 500 items).
   *
   * @return the ids, or null if the listing could not be confirmed complete
   */
  private static Set<String> listAll(PhotoSource source, boolean favorites) throws SourceException {
    Set<String> ids = new HashSet<>();
    boolean[] trusted = {true};
    ListingSink sink = new ListingSink() {
      @Override
      public void accept(RemoteItem item) {
        ids.add(item.id().value());
      }

      @Override
      public void refused(String rawId, String reason) {
        trusted[0] = false;
      }

      @Override
      public void incomplete(String reason) {
        trusted[0] = false;
      }
    };
    if (favorites) {
      source.listFavorites(Instant.EPOCH, sink);
    } else {
      source.listUpdated(Instant.EPOCH, sink);
    }
    return trusted[0] ? ids : null;
  }
}
