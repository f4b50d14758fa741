package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.AuthenticationException;
import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.FailureKind;
import io.github.flickrbackup.ItemUnavailableException;
import io.github.flickrbackup.NoEarlierRunException;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.Catalog.AlbumRow;
import io.github.flickrbackup.internal.plan.Listed.AlbumFolder;
import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.ListingSink;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.StorePath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Stage 2: lists what the run covers and hands each item on once, with its albums.
 *
 * <p>Albums first, but not one call after another: {@code photosets.getList}, then
 * {@code photosets.getPhotos} for every album whose {@code date_update} moved, several at a
 * time under the source's rate limiter, while the item listing's first page is already on
 * its way. An item's home folder is its first album's. A new item (no catalog row, no
 * recorded membership) can only be in changed albums, so its home is certain once the
 * changed albums before the first one holding it are read: it is handed on then, ahead of
 * the rest, and its download overlaps the album calls still running ({@link
 * Listed#albums()} waits for them). Any other item is held (at most {@value #MAX_HELD}; then
 * the listing waits) until every album is read. After the listing, items left pending by
 * earlier runs are looked up by id, so that a failure is never skipped when the high-water
 * mark moves.
 */
final class Lister {
  /**
   * Album-member calls in flight at once. Flickr's budget is calls per hour, not connections,
   * and the source's limiter keeps it; 8 keeps a first run's 200 albums to 25 round trips
   * while staying polite.
   */
  private static final int PARALLEL_ALBUM_CALLS = 8;

  /** Listed items held until the albums are read, at most: one page of the listing. */
  static final int MAX_HELD = 500;

  private final BackupPlan plan;
  private final Selection selection;
  private final PhotoSource source;
  private final Catalog catalog;
  private final MediaStore store;
  private final ItemRecorder recorder;
  private final StopSignal stop;
  private final BackupListener listener;
  private final boolean favorites;
  /** The mirror stage, or null when not mirroring: full listings, every album's members, renames. */
  private final Mirror mirror;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final AtomicInteger listed = new AtomicInteger();
  private final AtomicLong highWater = new AtomicLong(Long.MIN_VALUE);
  /** Items listed while the albums were being read, whose home was not yet certain (listing thread only). */
  private final List<Held> held = new ArrayList<>();
  /** How many of the first changed albums were read when the held items were last looked at. */
  private int heldCheckedAt = -1;
  /** The changed albums' members as they are read; null before {@code getList} answered. */
  private volatile AlbumsAhead ahead;
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  /** Ids the listing refused this run: reported as failures, not fetched again as pending. */
  private final Set<String> refusedIds = ConcurrentHashMap.newKeySet();
  /** False once the source refused an item or could not confirm its listing: the mark must stay. */
  private volatile boolean confirmed = true;
  private volatile boolean ranToEnd;
  /**
   * Items earlier runs left pending, or saved from a rendition, that are looked up by id after
   * the listing: counted into {@link BackupListener#itemsExpected} from the first listing page
   * on. Read before listing; some may be in the listing too, so the figure is corrected once
   * the listing ends.
   */
  private int lookupsAfterListing;
  private final AtomicInteger lastExpected = new AtomicInteger(-1);

  /** Thrown through a source's listing to end it early: the run is stopping. */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super(null, null, false, false);
    }
  }

  /**
   * @param selection what to list: the plan's selection, or the one an interrupted run left
   *     to finish ({@link Continuation})
   */
  Lister(BackupPlan plan, Selection selection, Catalog catalog, MediaStore store, ItemRecorder recorder,
      StopSignal stop) {
    this(plan, selection, catalog, store, recorder, stop, null);
  }

  /**
   * @param mirror the mirror stage, or null: with it the listing is always a full one (every
   *     item, every album's members), and the stage hears every item handed on and the albums
   */
  Lister(BackupPlan plan, Selection selection, Catalog catalog, MediaStore store, ItemRecorder recorder,
      StopSignal stop, Mirror mirror) {
    this.mirror = mirror;
    this.plan = plan;
    this.selection = selection;
    this.source = plan.source();
    this.catalog = catalog;
    this.store = store;
    this.recorder = recorder;
    this.stop = stop;
    this.listener = plan.listener();
    this.favorites = selection instanceof Selection.Favorites;
  }

  /**
   * Where the listing starts: the selection's date, else the catalog's mark, else the Python
   * tool's {@code .stamp}.
   *
   * @return the lower bound of {@code lastupdate} (or {@code date_faved})
   * @throws BackupException if a plain run finds no earlier run to continue
   */
  Instant since() throws BackupException, SQLException {
    Selection s = selection;
    if (s instanceof Selection.OwnItems own) {
      if (own.since() != null) {
        return own.since();
      }
      Optional<Instant> mark = catalog.mark("own");
      if (mark.isPresent()) {
        return mark.get();
      }
      Optional<Instant> stamp = readStamp();
      if (stamp.isPresent()) {
        return stamp.get();
      }
      if (own.ifNoEarlierRun() != null) {
        return own.ifNoEarlierRun();
      }
      if (catalog.seededCount() > 0) {
        // Seeded from Flickr's export and never run: list everything, to check every seeded item.
        return Instant.EPOCH;
      }
      throw new NoEarlierRunException("no earlier run is recorded in this destination (no catalog mark, no .stamp),"
          + " so Selection.sinceLastRun() has no start: choose where the first run starts with"
          + " Selection.sinceLastRunOr(Instant.EPOCH) (everything, later runs what changed) or"
          + " Selection.updatedSince(Instant)");
    }
    if (s instanceof Selection.Favorites fav) {
      return fav.since() != null ? fav.since() : catalog.mark("favorites").orElse(Instant.EPOCH);
    }
    return Instant.EPOCH;
  }

  private Optional<Instant> readStamp() {
    if (store == null) {
      return Optional.empty();
    }
    try (InputStream in = store.open(StorePath.of(".stamp"))) {
      String text = new String(in.readNBytes(64), StandardCharsets.UTF_8).strip();
      // The Python tool wrote its local date; start a day early so that no time zone loses items.
      return Optional.of(LocalDate.parse(text.substring(0, Math.min(10, text.length())))
          .minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Lists albums and items and hands each item to {@code sink} once. Returns early, without
   * an exception, when the run is stopped.
   *
   * @param since from {@link #since()}
   * @param sink receives each item; may block (back-pressure)
   * @throws AuthenticationException if Flickr refuses the credentials
   * @throws SourceException if a listing fails after retries
   * @throws SQLException if the catalog fails
   */
  void list(Instant since, Consumer<Listed> sink) throws SourceException, SQLException {
    // One thread loads the albums; the others make its member calls.
    ExecutorService calls = Executors.newFixedThreadPool(PARALLEL_ALBUM_CALLS + 1, r -> {
      Thread t = new Thread(r, "flickrbackup-lister");
      t.setDaemon(true);
      return t;
    });
    List<String> pendingIds = favorites ? List.of() : catalog.pendingIds();
    List<String> renditionIds = favorites ? List.of() : catalog.renditionIds();
    lookupsAfterListing = pendingIds.size() + renditionIds.size();
    CompletableFuture<AlbumFolders> albums = CompletableFuture.supplyAsync(() -> loadAlbums(calls), calls);
    try {
      listItems(since, albums, sink);
      waitForAlbums(albums, sink);
      AlbumFolders known = await(albums);
      handHeld(known, sink);
      listener.listingFinished(listed.get(), listed.get() - recorder.unchangedSoFar());
      if (!favorites && !stop.stopped()) {
        // Now exact: the listed items, and the looked-up ones the listing did not already hold.
        int more = (int) java.util.stream.Stream.concat(pendingIds.stream(), renditionIds.stream())
            .distinct().filter(id -> !seen.contains(id) && !refusedIds.contains(id)).count();
        expect(listed.get() + refusedIds.size() + more);
      }
      if (!favorites) {
        for (String id : pendingIds) {
          if (stop.stopped()) {
            break;
          }
          if (!seen.contains(id) && !refusedIds.contains(id)) {
            listById(PhotoId.of(id), known, sink);
          }
        }
        // Videos saved from a rendition: Flickr may offer the original now, and lastupdate need
        // not move when it does, so each run asks.
        for (String id : renditionIds) {
          if (stop.stopped()) {
            break;
          }
          if (!seen.contains(id) && !refusedIds.contains(id)) {
            listById(PhotoId.of(id), known, sink);
          }
        }
      }
      ranToEnd = !stop.stopped();
    } catch (Stopped e) {
      // the run is stopping; what was listed is handled
    } finally {
      // A failed listing may leave album calls running: end them before the catalog closes.
      calls.shutdownNow();
      try {
        calls.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void listItems(Instant since, CompletableFuture<AlbumFolders> albums, Consumer<Listed> sink)
      throws SourceException, SQLException {
    Selection s = selection;
    if (s instanceof Selection.Ids ids) {
      expect(ids.ids().size() + lookupsAfterListing);
      AlbumFolders known = await(albums);
      for (PhotoId id : ids.ids()) {
        if (stop.stopped()) {
          return;
        }
        listById(id, known, sink);
      }
      return;
    }
    ListingSink onItem = new ListingSink() {
      @Override
      public void total(int items) {
        expect(items + lookupsAfterListing);
      }

      @Override
      public void accept(RemoteItem item) {
        if (stop.stopped()) {
          throw new Stopped();
        }
        if (mirror == null && !favorites && !albums.isDone()) {
          // Albums still being read: a new item whose home is certain goes ahead, the others
          // wait here, a page at most, and the listing waits when that is full.
          handHeldAhead(albums, sink);
          boolean isNew = isNew(item);
          if (isNew && handAhead(item, albums, sink)) {
            return;
          }
          held.add(new Held(item, isNew));
          if (held.size() < MAX_HELD) {
            return;
          }
          waitForAlbums(albums, sink);
          handHeld(awaitInsideListing(albums), sink);
          return;
        }
        AlbumFolders known = awaitInsideListing(albums);
        handHeld(known, sink);
        hand(item, favorites ? List.of() : known.of(item.id().value()), sink);
      }

      /**
       * A refused item with a usable id becomes an INVALID_ITEM failure (pending, so a later
       * run takes it up), one without becomes a warning; either keeps the high-water mark
       * where it was, so that the next run lists those items again.
       */
      @Override
      public void refused(String rawId, String reason) {
        confirmed = false;
        PhotoId id;
        try {
          id = PhotoId.of(rawId);
        } catch (IllegalArgumentException e) {
          warn(reason + "; it cannot be backed up, and the next run lists it again");
          return;
        }
        refusedIds.add(id.value());
        recorder.failed(id, null, FailureKind.INVALID_ITEM, reason, false);
      }

      @Override
      public void warning(String message) {
        warn(message);
      }

      @Override
      public void incomplete(String reason) {
        confirmed = false;
        warn(reason + "; the high-water mark stays where it was, so the next run lists these items again");
      }
    };
    // Mirroring compares a full listing with the catalog: only a full one shows what is gone.
    Instant from = mirror != null ? Instant.EPOCH : since;
    try {
      if (favorites) {
        source.listFavorites(from, onItem);
      } else {
        source.listUpdated(from, onItem);
      }
    } catch (CompletionException e) {
      rethrow(e.getCause());
    }
  }

  private void warn(String message) {
    warnings.add(message);
    try {
      listener.warning(message);
    } catch (RuntimeException ignored) {
      // a listener must not throw; the listing goes on regardless
    }
  }

  /** Tells the listener how many items the run expects, when that figure changes. */
  private void expect(int items) {
    if (lastExpected.getAndSet(items) != items) {
      try {
        listener.itemsExpected(Math.max(0, items));
      } catch (RuntimeException ignored) {
        // a listener must not throw; the listing goes on regardless
      }
    }
  }

  /** A listed item held until its home is certain; only a new one may go before the albums are all read. */
  private record Held(RemoteItem item, boolean isNew) {}

  /**
   * @return whether the catalog knows nothing of the item: no row, no album membership (a
   *     known item may be in an unchanged album, whose members are not read again)
   */
  private boolean isNew(RemoteItem item) {
    String id = item.id().value();
    try {
      return catalog.item(id).isEmpty() && catalog.albumsOf(id).isEmpty();
    } catch (SQLException e) {
      throw new CompletionException(e); // unwrapped by the lister, outside the source's listing
    }
  }

  /**
   * Hands a new item on before every album is read, if its home is already certain.
   *
   * @return whether it was handed on
   */
  private boolean handAhead(RemoteItem item, CompletableFuture<AlbumFolders> albums, Consumer<Listed> sink) {
    AlbumsAhead read = ahead;
    String id = item.id().value();
    AlbumsAhead.Home home = read == null ? null : read.homeOf(id);
    if (home == null) {
      return false;
    }
    hand(Listed.ahead(item, home.folder(), albums.thenApply(known -> known.of(id))), sink);
    return true;
  }

  /** Hands on the held items whose home became certain since they were last looked at. */
  private void handHeldAhead(CompletableFuture<AlbumFolders> albums, Consumer<Listed> sink) {
    AlbumsAhead read = ahead;
    if (read == null || held.isEmpty() || read.prefix() == heldCheckedAt) {
      return;
    }
    heldCheckedAt = read.prefix();
    for (Iterator<Held> i = held.iterator(); i.hasNext();) {
      Held h = i.next();
      if (h.isNew() && handAhead(h.item(), albums, sink)) {
        i.remove();
      }
    }
  }

  /**
   * Waits until every album is read (or reading them failed), handing on the held items whose
   * home becomes certain meanwhile. Returns early, by {@link Stopped}, when the run stops.
   */
  private void waitForAlbums(CompletableFuture<AlbumFolders> albums, Consumer<Listed> sink) {
    while (!albums.isDone()) {
      if (stop.stopped()) {
        throw new Stopped();
      }
      AlbumsAhead read = ahead;
      try {
        if (read == null || mirror != null || favorites) {
          albums.get(10, TimeUnit.MILLISECONDS); // getList has not answered yet
        } else {
          int known = read.prefix();
          handHeldAhead(albums, sink);
          read.awaitMoreThan(known);
        }
      } catch (TimeoutException | ExecutionException e) {
        // not read yet, or failed: the loop ends once it is done, and the caller sees the failure
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stopped();
      }
    }
  }

  /** Hands on the items held while the albums were read. */
  private void handHeld(AlbumFolders known, Consumer<Listed> sink) {
    for (Held h : held) {
      if (stop.stopped()) {
        break;
      }
      hand(h.item(), known.of(h.item().id().value()), sink);
    }
    held.clear();
    ahead = null; // every album is read: its members are in the catalog now
  }

  private void hand(RemoteItem item, List<AlbumFolder> albums, Consumer<Listed> sink) {
    hand(new Listed(item, albums), sink);
  }

  private void hand(Listed handed, Consumer<Listed> sink) {
    RemoteItem item = handed.item();
    if (!seen.add(item.id().value())) {
      return; // listings may repeat items across pages
    }
    listed.incrementAndGet();
    if (mirror != null) {
      mirror.listed(handed);
    }
    Instant m = favorites && item.dateFaved() != null ? item.dateFaved() : item.lastUpdate();
    highWater.accumulateAndGet(m.getEpochSecond(), Math::max);
    sink.accept(handed);
  }

  /** Looks an item up by id (explicit ids, and items left pending): two calls, item and albums. */
  private void listById(PhotoId id, AlbumFolders known, Consumer<Listed> sink) throws SourceException {
    Optional<RemoteItem> item;
    List<String> albumIds = List.of();
    try {
      item = source.item(id);
      if (item.isPresent()) {
        albumIds = source.albumIdsOf(id);
      }
    } catch (AuthenticationException e) {
      throw e;
    } catch (ItemUnavailableException e) {
      // The source says what is wrong with this one item (e.g. INVALID_ITEM for data it refused).
      recorder.failed(id, null, e.kind(), e.getMessage(), false);
      return;
    } catch (SourceException e) {
      recorder.failed(id, null, FailureKind.DOWNLOAD_FAILED, e.getMessage(), false);
      return;
    }
    if (item.isEmpty()) {
      seen.add(id.value());
      recorder.failed(id, null, FailureKind.NOT_FOUND, "Flickr says item " + id + " does not exist", false);
      // Reported once; a deleted item is not retried on every later run. Local files stay.
      recorder.gone(id);
      return;
    }
    hand(item.get(), known.resolve(albumIds), sink);
  }

  /** Albums with folders and membership; members are listed again only for changed albums. */
  private AlbumFolders loadAlbums(ExecutorService calls) {
    try {
      if (favorites) {
        return AlbumFolders.NONE;
      }
      List<Album> albums = source.albums();
      Map<String, AlbumRow> stored = catalog.albums();
      List<AlbumFolder> folders = AlbumFolders.assign(albums, stored);
      if (selection instanceof Selection.Ids) {
        // Explicit ids ask Flickr for each item's albums; the catalog's membership is not touched.
        return AlbumFolders.of(folders, Map.of());
      }
      List<Album> changed = new ArrayList<>();
      List<AlbumFolder> changedFolders = new ArrayList<>();
      for (AlbumFolder f : folders) {
        AlbumRow old = stored.get(f.album().id());
        // A mirror lists every album: what left an album must be known, whatever date_update says.
        if (mirror != null || old == null || old.dateUpdate() != f.album().dateUpdate().getEpochSecond()) {
          changed.add(f.album());
          changedFolders.add(f);
        }
      }
      AtomicInteger read = new AtomicInteger();
      if (!changed.isEmpty()) {
        albumsRead(0, changed.size());
      }
      AlbumsAhead progress = new AlbumsAhead(changedFolders);
      ahead = progress;
      try {
        return readMembers(folders, stored, changed, progress, calls, read);
      } finally {
        progress.end();
      }
    } catch (SourceException | SQLException e) {
      throw new CompletionException(e);
    }
  }

  private AlbumFolders readMembers(List<AlbumFolder> folders, Map<String, AlbumRow> stored, List<Album> changed,
      AlbumsAhead progress, ExecutorService calls, AtomicInteger read) throws SourceException, SQLException {
    Map<String, Future<List<String>>> pending = new LinkedHashMap<>();
    for (Album album : changed) {
      pending.put(album.id(), calls.submit(() -> {
        List<String> ids = members(album);
        progress.read(album.id(), ids);
        albumsRead(read.incrementAndGet(), changed.size());
        return ids;
      }));
    }
    Map<String, List<String>> members = new LinkedHashMap<>();
    for (Map.Entry<String, Future<List<String>>> e : pending.entrySet()) {
      members.put(e.getKey(), get(e.getValue()));
    }
    if (mirror != null) {
      mirror.albumsAssigned(stored, folders, members);
    }
    List<AlbumRow> rows = new ArrayList<>(folders.size());
    for (AlbumFolder f : folders) {
      rows.add(new AlbumRow(f.album().id(), f.album().title(), f.folder(), f.album().dateUpdate().getEpochSecond()));
    }
    if (members.isEmpty() && rows.equals(List.copyOf(stored.values()))) {
      // Nothing changed (the usual later run): no transaction, and each listed item's albums
      // are looked up by index as it comes, instead of loading every membership of the
      // account (on 20,000 items that was most of an unchanged run's own work).
      return AlbumFolders.of(folders, catalog::albumsOf);
    }
    catalog.replaceAlbums(rows, members);
    return AlbumFolders.of(folders, catalog.albumsByItem());
  }

  private void albumsRead(int done, int total) {
    try {
      listener.albumsRead(done, total);
    } catch (RuntimeException ignored) {
      // a listener must not throw; the albums are read regardless
    }
  }

  private List<String> members(Album album) throws SourceException {
    if (stop.stopped()) {
      throw new Stopped();
    }
    List<String> ids = new ArrayList<>();
    source.listAlbumMembers(album, id -> ids.add(id.value()));
    return ids;
  }

  private static <T> T get(Future<T> f) throws SourceException, SQLException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      rethrow(e.getCause());
      throw new IllegalStateException("unreachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped();
    }
  }

  private static AlbumFolders await(CompletableFuture<AlbumFolders> albums) throws SourceException, SQLException {
    try {
      return albums.join();
    } catch (CompletionException e) {
      rethrow(e.getCause());
      throw new IllegalStateException("unreachable");
    }
  }

  /** Inside a source's listing only unchecked exceptions pass; they are unwrapped outside. */
  private static AlbumFolders awaitInsideListing(CompletableFuture<AlbumFolders> albums) {
    return albums.join();
  }

  private static void rethrow(Throwable t) throws SourceException, SQLException {
    if (t instanceof CompletionException c && c.getCause() != null) {
      rethrow(c.getCause());
    }
    if (t instanceof SourceException s) {
      throw s;
    }
    if (t instanceof SQLException s) {
      throw s;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException(t);
  }

  /** @return items listed (each once) */
  int listed() {
    return listed.get();
  }

  /**
   * @return whether the listing ran to its end without the run stopping, and the source
   *     confirmed it complete: only then may the high-water mark move
   */
  boolean complete() {
    return ranToEnd && confirmed;
  }

  /** @return whether the source confirmed its listing complete, with no item refused */
  boolean confirmed() {
    return confirmed;
  }

  /** @return warnings of the listing, in order */
  List<String> warnings() {
    synchronized (warnings) {
      return List.copyOf(warnings);
    }
  }

  /** @return the highest {@code lastupdate} (or {@code date_faved}) listed, if any */
  Optional<Instant> highWater() {
    long h = highWater.get();
    return h == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(h));
  }

  /**
   * The changed albums' members as each album's calls end, in the owner's album order: what
   * tells a new item's home before every album is read. A new item can be in changed albums
   * only (adding an item to an album moves its {@code date_update}), so its home is the first
   * changed album that holds it, certain once every changed album before that one is read.
   */
  private static final class AlbumsAhead {
    /** A certain home: an album's folder, or null for an item in no album. */
    record Home(String folder) {}

    private final List<AlbumFolder> changed;
    private final Map<String, Integer> position = new HashMap<>();
    private final boolean[] read;
    /** Item id to the position of the first album read so far that holds it. */
    private final Map<String, Integer> firstAlbum = new HashMap<>();
    /** How many of the first changed albums are read, all of them. */
    private int prefix;
    private boolean ended;

    AlbumsAhead(List<AlbumFolder> changed) {
      this.changed = changed;
      this.read = new boolean[changed.size()];
      for (int i = 0; i < changed.size(); i++) {
        position.put(changed.get(i).album().id(), i);
      }
    }

    synchronized void read(String albumId, List<String> itemIds) {
      int p = position.get(albumId);
      for (String id : itemIds) {
        firstAlbum.merge(id, p, Math::min);
      }
      read[p] = true;
      while (prefix < read.length && read[prefix]) {
        prefix++;
      }
      notifyAll();
    }

    /** No more albums will be read (all are, or reading failed). */
    synchronized void end() {
      ended = true;
      notifyAll();
    }

    /** @return the new item's home, or null while a changed album that would come first is unread */
    synchronized Home homeOf(String itemId) {
      Integer first = firstAlbum.get(itemId);
      if (first != null) {
        // Every album before it is read, so no other can come first.
        return first < prefix ? new Home(changed.get(first).folder()) : null;
      }
      return prefix == read.length ? new Home(null) : null;
    }

    synchronized int prefix() {
      return prefix;
    }

    /** Waits a little for more of the first albums to be read than {@code known}. */
    synchronized void awaitMoreThan(int known) throws InterruptedException {
      if (prefix == known && !ended) {
        wait(50);
      }
    }
  }
}
