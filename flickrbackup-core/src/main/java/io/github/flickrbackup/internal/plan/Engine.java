package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.AuthenticationException;
import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.FailureKind;
import io.github.flickrbackup.ItemFailure;
import io.github.flickrbackup.ItemOutcome;
import io.github.flickrbackup.ItemUnavailableException;
import io.github.flickrbackup.ItemWarning;
import io.github.flickrbackup.NoEarlierRunException;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.StoreException;
import io.github.flickrbackup.WarningKind;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.Catalog.AlbumRow;
import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import io.github.flickrbackup.internal.layout.Layout;
import io.github.flickrbackup.internal.resilience.Resilience;
import io.github.flickrbackup.internal.store.LocalFolderStore;
import io.github.flickrbackup.metadata.ItemRecord;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.ListingSink;
import io.github.flickrbackup.source.MediaContent;
import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.MediaVariant;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.MediaStoreException;
import io.github.flickrbackup.store.PendingWrite;
import io.github.flickrbackup.store.StorePath;
import io.github.flickrbackup.store.StoredFile;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One backup run: lock, check, adopt, albums, listing overlapped with N download workers
 * through a bounded queue, pending items, retry passes, high-water mark, {@code .stamp}.
 * See {@code docs/pipeline.md}.
 */
public final class Engine {
  private static final RemoteItem END = RemoteItem.builder(PhotoId.of("0"), MediaKind.PHOTO).build();

  private final BackupPlan plan;
  private final PhotoSource source;
  private final BackupListener listener;
  private final List<MetadataWriter> writers;
  /** The plan's selection, or the one an interrupted run left to finish (see {@link Continuation}). */
  private Selection selection;
  private boolean favorites;
  private final Instant started = Instant.now();

  private MediaStore store;
  private Catalog catalog;
  private final Map<String, AlbumInfo> albumsById = new LinkedHashMap<>();
  private Map<String, List<String>> albumsByItem = Map.of();
  private final Map<String, List<String>> explicitAlbums = new ConcurrentHashMap<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  /** Items whose itemStarted was sent in the current pass over them. */
  private final Set<String> announced = ConcurrentHashMap.newKeySet();
  private final Map<String, ItemFailure> failures = new ConcurrentHashMap<>();
  private final Map<String, ItemWarning> itemWarnings = new ConcurrentHashMap<>();
  private final Map<String, RemoteItem> failedItems = new ConcurrentHashMap<>();
  private final List<PhotoId> planned = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicReference<BackupException> fatal = new AtomicReference<>();
  private final AtomicInteger listed = new AtomicInteger();
  private final AtomicInteger downloaded = new AtomicInteger();
  private final AtomicInteger updated = new AtomicInteger();
  private final AtomicInteger metadataOnly = new AtomicInteger();
  private final AtomicInteger unchanged = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong maxMark = new AtomicLong(Long.MIN_VALUE);
  private final List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
  /** Ids the listing refused this run: reported as failures, not fetched again as pending. */
  private final Set<String> refusedIds = ConcurrentHashMap.newKeySet();
  /** False once the source refused an item or could not confirm its listing: the mark must stay. */
  private volatile boolean listingConfirmed = true;

  private record AlbumInfo(Album album, String folder) {}

  private Engine(BackupPlan plan) {
    this.plan = plan;
    this.source = plan.source();
    this.listener = plan.listener();
    this.writers = plan.metadataWriters().isEmpty() ? List.of(MetadataWriters.ini()) : plan.metadataWriters();
    this.selection = plan.selection();
    this.favorites = selection instanceof Selection.Favorites;
  }

  /**
   * Runs a plan.
   *
   * @param plan the plan
   * @return the result
   * @throws BackupException if the run cannot start or must stop
   */
  public static BackupResult run(BackupPlan plan) throws BackupException {
    return new Engine(plan).execute();
  }

  private BackupResult execute() throws BackupException {
    Path state = plan.stateDirectory();
    if (plan.dryRun()) {
      return dryRun(state);
    }
    try {
      Files.createDirectories(state);
    } catch (IOException e) {
      throw new StoreException("cannot create the state folder " + state + ": "
          + LocalFolderStore.explain(e, state).getMessage(), e);
    }
    Path lockFile = state.resolve("lock");
    try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new StoreException("another flickrbackup run is using this destination (lock " + lockFile
            + " is held); wait for it to finish");
      }
      try {
        openStore();
        checkWritable();
        if (store instanceof LocalFolderStore local) {
          local.removeStaleTemporaryFiles();
        }
        catalog = Catalog.open(state.resolve("catalog.db"));
        try {
          return backup();
        } finally {
          catalog.close();
        }
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw new StoreException("cannot use the destination: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw catalogFailure(state, e);
    }
  }

  /** SQLite reports a full disk in many ways; say so plainly when space is the problem. */
  static StoreException catalogFailure(Path state, SQLException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    boolean full = m.contains("full");
    try {
      full |= Files.getFileStore(state).getUsableSpace() < 1024 * 1024;
    } catch (IOException ignored) {
      // keep what the message says
    }
    return new StoreException(full
        ? "disk full: no space left on the destination for the catalog in " + state
        : "the catalog in " + state + " cannot be used: " + e.getMessage(), e);
  }

  private BackupResult dryRun(Path state) throws BackupException {
    Path temp = null;
    try {
      Path db = state.resolve("catalog.db");
      if (Files.exists(db)) {
        // Work on a copy, so that a dry run writes nothing in the destination.
        temp = Files.createTempFile("flickrbackup-dry-run", ".db");
        Files.copy(db, temp, StandardCopyOption.REPLACE_EXISTING);
      } else {
        temp = Files.createTempFile("flickrbackup-dry-run", ".db");
        Files.delete(temp);
      }
      if (plan.store().isPresent()) {
        store = plan.store().get();
      } else if (Files.isDirectory(plan.destination().orElseThrow())) {
        store = new LocalFolderStore(plan.destination().get());
      }
      catalog = Catalog.open(temp);
      try {
        return backup();
      } finally {
        catalog.close();
      }
    } catch (IOException e) {
      throw new StoreException("dry run: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new StoreException("dry run: the catalog cannot be read: " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        for (String s : new String[] {"", "-wal", "-shm"}) {
          try {
            Files.deleteIfExists(Path.of(temp + s));
          } catch (IOException ignored) {
            // a temporary file
          }
        }
      }
    }
  }

  private void openStore() throws IOException {
    store = plan.store().isPresent() ? plan.store().get() : new LocalFolderStore(plan.destination().orElseThrow());
  }

  private void checkWritable() throws StoreException {
    try (PendingWrite probe = store.create(StorePath.of(".flickrbackup-probe"))) {
      probe.stream().write(0);
      probe.stream().flush();
    } catch (IOException e) {
      throw new StoreException("the destination is not writable: " + e.getMessage(), e);
    }
  }

  private BackupResult backup() throws BackupException, SQLException {
    Optional<Selection> continued = Continuation.of(selection, catalog);
    if (continued.isPresent()) {
      selection = continued.get();
      favorites = selection instanceof Selection.Favorites;
    }
    // Without a start date the run cannot start: it throws before runStarted, and records no run.
    Instant since = since();
    long runId = plan.dryRun() ? -1
        : catalog.runStarted(started, mode(), selection instanceof Selection.Ids ? null : since);
    listener.runStarted(plan);
    continued.ifPresent(c -> listener.warning(Continuation.warning(c)));
    Instant mark = null;
    RuntimeException unexpected = null;
    try {
      mark = backupFrom(since);
    } catch (BackupException e) {
      fatal.compareAndSet(null, e);
    } catch (SQLException e) {
      fatal.compareAndSet(null, plan.dryRun()
          ? new StoreException("dry run: the catalog cannot be read: " + e.getMessage(), e)
          : catalogFailure(plan.stateDirectory(), e));
    } catch (IOException e) {
      fatal.compareAndSet(null, new StoreException(
          (plan.dryRun() ? "dry run: " : "cannot use the destination: ") + e.getMessage(), e));
    } catch (RuntimeException e) {
      unexpected = e;
      fatal.compareAndSet(null, new BackupException("the run stopped on an unexpected error: " + e, e));
    }
    return finish(runId, mark, unexpected);
  }

  /**
   * Adopts, loads albums, lists from {@code since} into the workers and makes the retry passes.
   *
   * @return the new high-water mark, or null when it does not move
   */
  private Instant backupFrom(Instant since) throws BackupException, SQLException, IOException {
    if (store != null && catalog.isEmpty() && !favorites) {
      Adoption.adopt(store, catalog);
    }
    if (!favorites && !(selection instanceof Selection.Ids)) {
      loadAlbums();
    } else if (selection instanceof Selection.Ids) {
      loadAlbumsWithoutMembers();
    }

    int threads = plan.threads();
    BlockingQueue<RemoteItem> queue = new ArrayBlockingQueue<>(Math.max(16, threads * 8));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "flickrbackup-worker");
      t.setDaemon(true);
      return t;
    });
    for (int i = 0; i < threads; i++) {
      pool.execute(() -> work(queue));
    }
    boolean listingComplete = false;
    try {
      list(since, queue);
      listener.listingFinished(listed.get(), listed.get() - unchanged.get());
      // Items left pending by earlier runs, even if older than the mark: nothing is dropped.
      for (String id : catalog.pendingIds()) {
        if (fatal.get() != null) {
          break;
        }
        if (!seen.contains(id) && !refusedIds.contains(id) && !favorites) {
          fetchById(PhotoId.of(id), queue);
        }
      }
      // Videos saved from a rendition: Flickr may offer the original now, and lastupdate need
      // not move when it does, so each run asks.
      for (String id : catalog.renditionIds()) {
        if (fatal.get() != null) {
          break;
        }
        if (!seen.contains(id) && !refusedIds.contains(id) && !favorites) {
          fetchById(PhotoId.of(id), queue);
        }
      }
      listingComplete = fatal.get() == null && listingConfirmed;
    } catch (AuthenticationException e) {
      fatal.compareAndSet(null, e);
    } catch (SourceException e) {
      fatal.compareAndSet(null, e);
    } catch (StopListing e) {
      // a worker hit a fatal error
    } finally {
      for (int i = 0; i < threads; i++) {
        putQuietly(queue, END);
      }
      pool.shutdown();
      try {
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
          if (fatal.get() != null) {
            queue.clear();
            for (int i = 0; i < threads; i++) {
              queue.offer(END);
            }
          }
        }
      } catch (InterruptedException e) {
        pool.shutdownNow();
        Thread.currentThread().interrupt();
        fatal.compareAndSet(null, new BackupException("the run was interrupted"));
      }
    }
    if (fatal.get() == null) {
      for (int pass = 0; pass < plan.retries() && !failedItems.isEmpty() && fatal.get() == null; pass++) {
        List<RemoteItem> again = new ArrayList<>(failedItems.values());
        for (RemoteItem item : again) {
          if (isWorthRetrying(failures.get(item.id().value()))) {
            failures.remove(item.id().value());
            failedItems.remove(item.id().value());
            process(item);
          }
        }
      }
    }
    Instant mark = null;
    if (fatal.get() == null && listingComplete && !plan.dryRun() && !(selection instanceof Selection.Ids)) {
      // A complete listing that found nothing still covers everything since `since`: recording
      // it as the mark lets the next plain run start from there instead of asking for a date.
      mark = maxMark.get() != Long.MIN_VALUE ? Instant.ofEpochSecond(maxMark.get()) : since;
      Instant old = catalog.mark(markKey()).orElse(Instant.EPOCH);
      if (mark.isAfter(old)) {
        catalog.setMark(markKey(), mark);
      } else {
        mark = old;
      }
      if (!favorites) {
        writeStamp(mark);
      }
    }
    return mark;
  }

  /**
   * Ends every run that sent runStarted, stopped or not: error file, the run's row, then
   * runFinished with a result that says whether (and by what) the run was stopped.
   */
  private BackupResult finish(long runId, Instant mark, RuntimeException unexpected) throws BackupException {
    List<ItemFailure> failed = new ArrayList<>(failures.values());
    failed.sort((a, b) -> a.id().compareTo(b.id()));
    if (!plan.dryRun() && !failed.isEmpty() && plan.errorFile().isPresent()) {
      try {
        appendErrorFile(failed);
      } catch (StoreException e) {
        fatal.compareAndSet(null, e);
      }
    }
    if (!plan.dryRun()) {
      BackupException stop = fatal.get();
      try {
        catalog.runFinished(runId, Instant.now(), mark, source.apiCalls(), bytes.get(),
            stop != null ? "fatal: " + stop.getMessage()
                : !listingConfirmed ? Catalog.LISTING_INCOMPLETE : failed.isEmpty() ? "complete" : "partial");
      } catch (SQLException e) {
        fatal.compareAndSet(null, catalogFailure(plan.stateDirectory(), e));
      }
    }
    BackupException stop = fatal.get();
    List<ItemWarning> warned = new ArrayList<>(itemWarnings.values());
    warned.sort((a, b) -> a.id().compareTo(b.id()));
    BackupResult result = new BackupResult(plan.dryRun(), listed.get(), downloaded.get(), updated.get(),
        metadataOnly.get(), unchanged.get(), failed, warned, new ArrayList<>(planned), bytes.get(),
        source.apiCalls(), Duration.between(started, Instant.now()), new ArrayList<>(warnings), listingConfirmed,
        Optional.ofNullable(stop));
    listener.runFinished(result);
    if (unexpected != null) {
      throw unexpected;
    }
    if (stop != null) {
      throw stop;
    }
    return result;
  }

  private static boolean isWorthRetrying(ItemFailure f) {
    return f == null || (f.kind() != FailureKind.NOT_FOUND && f.kind() != FailureKind.NEEDS_WEB_SESSION
        && f.kind() != FailureKind.INVALID_ITEM && f.kind() != FailureKind.STALE_WEB_SESSION
        && f.kind() != FailureKind.ORIGINAL_UNAVAILABLE);
  }

  private String mode() {
    Selection s = selection;
    return s instanceof Selection.Favorites ? "favorites" : s instanceof Selection.Ids ? "ids" : "own";
  }

  private String markKey() {
    return favorites ? "favorites" : "own";
  }

  private Instant since() throws BackupException, SQLException {
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

  private void writeStamp(Instant mark) throws IOException {
    String date = mark.atZone(ZoneOffset.UTC).toLocalDate().toString();
    try (PendingWrite w = store.create(StorePath.of(".stamp"))) {
      w.stream().write(date.getBytes(StandardCharsets.UTF_8));
      w.commit();
    }
  }

  private void appendErrorFile(List<ItemFailure> failed) throws StoreException {
    Path file = plan.errorFile().get();
    StringBuilder b = new StringBuilder();
    for (ItemFailure f : failed) {
      b.append(f.id().value()).append('\n');
    }
    try {
      Files.writeString(file, b, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new StoreException("cannot append to the error file " + file + ": " + e.getMessage(), e);
    }
  }

  // ---- albums ----

  private void loadAlbums() throws SourceException, SQLException {
    List<Album> albums = source.albums();
    Map<String, AlbumRow> stored = catalog.albums();
    assignFolders(albums, stored);
    int position = 0;
    for (Album a : albums) {
      AlbumRow old = stored.get(a.id());
      AlbumInfo info = albumsById.get(a.id());
      AlbumRow row = new AlbumRow(a.id(), a.title(), info.folder(), a.dateUpdate().getEpochSecond());
      if (old == null || old.dateUpdate() != row.dateUpdate()) {
        List<String> members = new ArrayList<>();
        source.listAlbumMembers(a, id -> members.add(id.value()));
        catalog.saveAlbum(row, position, members);
      } else {
        catalog.saveAlbum(row, position, null);
      }
      position++;
    }
    catalog.removeAlbumsExcept(albumsById.keySet());
    albumsByItem = catalog.albumsByItem();
  }

  private void loadAlbumsWithoutMembers() throws SourceException, SQLException {
    List<Album> albums = source.albums();
    assignFolders(albums, catalog.albums());
  }

  /**
   * Folder names: an album keeps the folder it was given while its title is unchanged; a
   * title whose safe name (compared case-insensitively) is shared with another album gets
   * {@code "title – albumId"}, so duplicates stay apart and names stay stable across runs.
   */
  private void assignFolders(List<Album> albums, Map<String, AlbumRow> stored) {
    Map<String, Integer> nameCount = new java.util.HashMap<>();
    for (Album a : albums) {
      nameCount.merge(key(Layout.folderName(a.title())), 1, Integer::sum);
    }
    Set<String> used = new java.util.HashSet<>();
    for (Album a : albums) {
      AlbumRow old = stored.get(a.id());
      if (old != null && old.title().equals(a.title())) {
        used.add(key(old.folder()));
      }
    }
    for (Album a : albums) {
      AlbumRow old = stored.get(a.id());
      String folder;
      if (old != null && old.title().equals(a.title())) {
        folder = old.folder();
      } else {
        String plain = Layout.folderName(a.title());
        folder = nameCount.get(key(plain)) > 1 || used.contains(key(plain))
            ? Layout.disambiguated(a.title(), a.id()) : plain;
        used.add(key(folder));
      }
      albumsById.put(a.id(), new AlbumInfo(a, folder));
    }
  }

  private static String key(String folder) {
    return folder.toLowerCase(Locale.ROOT);
  }

  // ---- listing ----

  private static final class StopListing extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StopListing() {
      super(null, null, false, false);
    }
  }

  private void list(Instant since, BlockingQueue<RemoteItem> queue) throws SourceException {
    Selection s = selection;
    if (s instanceof Selection.Ids ids) {
      for (PhotoId id : ids.ids()) {
        if (fatal.get() != null) {
          throw new StopListing();
        }
        fetchById(id, queue);
      }
    } else if (favorites) {
      source.listFavorites(since, listingSink(queue));
    } else {
      source.listUpdated(since, listingSink(queue));
    }
  }

  /**
   * Hears the listing: items go to the queue; a refused item with a usable id becomes an
   * INVALID_ITEM failure (pending, so a later run takes it up), one without becomes a warning;
   * either, or a listing the source could not confirm, keeps the high-water mark where it was,
   * so that the next run lists those items again.
   */
  private ListingSink listingSink(BlockingQueue<RemoteItem> queue) {
    return new ListingSink() {
      @Override
      public void accept(RemoteItem item) {
        enqueue(item, queue);
      }

      @Override
      public void refused(String rawId, String reason) {
        listingConfirmed = false;
        PhotoId id;
        try {
          id = PhotoId.of(rawId);
        } catch (IllegalArgumentException e) {
          warn(reason + "; it cannot be backed up, and the next run lists it again");
          return;
        }
        refusedIds.add(id.value());
        fail(id, null, FailureKind.INVALID_ITEM, reason, false);
      }

      @Override
      public void warning(String message) {
        warn(message);
      }

      @Override
      public void incomplete(String reason) {
        listingConfirmed = false;
        warn(reason + "; the high-water mark stays where it was, so the next run lists these items again");
      }
    };
  }

  private void warn(String message) {
    warnings.add(message);
    listener.warning(message);
  }

  private void fetchById(PhotoId id, BlockingQueue<RemoteItem> queue) throws SourceException {
    Optional<RemoteItem> item;
    try {
      item = source.item(id);
      if (item.isPresent()) {
        explicitAlbums.put(id.value(), source.albumIdsOf(id));
      }
    } catch (AuthenticationException e) {
      throw e;
    } catch (ItemUnavailableException e) {
      // The source says what is wrong with this one item (e.g. INVALID_ITEM for data it refused).
      fail(id, null, e.kind(), e.getMessage(), false);
      return;
    } catch (SourceException e) {
      fail(id, null, FailureKind.DOWNLOAD_FAILED, e.getMessage(), false);
      return;
    }
    if (item.isEmpty()) {
      seen.add(id.value());
      fail(id, null, FailureKind.NOT_FOUND, "Flickr says item " + id + " does not exist", false);
      if (!plan.dryRun()) {
        try {
          // Reported once; a deleted item is not retried on every later run. Local files stay.
          catalog.itemGone(id.value());
        } catch (SQLException e) {
          fatal.compareAndSet(null, catalogFailure(plan.stateDirectory(), e));
        }
      }
      return;
    }
    enqueue(item.get(), queue);
  }

  private void enqueue(RemoteItem item, BlockingQueue<RemoteItem> queue) {
    if (fatal.get() != null) {
      throw new StopListing();
    }
    if (!seen.add(item.id().value())) {
      return; // listings may repeat items across pages
    }
    listed.incrementAndGet();
    Instant m = favorites && item.dateFaved() != null ? item.dateFaved() : item.lastUpdate();
    maxMark.accumulateAndGet(m.getEpochSecond(), Math::max);
    try {
      while (!queue.offer(item, 200, TimeUnit.MILLISECONDS)) {
        if (fatal.get() != null) {
          throw new StopListing();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fatal.compareAndSet(null, new BackupException("the run was interrupted"));
      throw new StopListing();
    }
  }

  private static void putQuietly(BlockingQueue<RemoteItem> queue, RemoteItem item) {
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void work(BlockingQueue<RemoteItem> queue) {
    while (true) {
      RemoteItem item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (item == END) {
        return;
      }
      if (fatal.get() == null) {
        process(item);
      }
    }
  }

  // ---- one item ----

  private void process(RemoteItem item) {
    String id = item.id().value();
    announced.remove(id); // a retry pass announces the item again
    try {
      processItem(item);
    } catch (AuthenticationException e) {
      fatal.compareAndSet(null, e);
    } catch (ItemUnavailableException e) {
      boolean session = e.kind() == FailureKind.NEEDS_WEB_SESSION || e.kind() == FailureKind.STALE_WEB_SESSION;
      fail(item.id(), item, e.kind(), e.getMessage(), session);
    } catch (SourceException e) {
      fail(item.id(), item, FailureKind.DOWNLOAD_FAILED, e.getMessage(), false);
    } catch (CorruptMedia e) {
      fail(item.id(), item, FailureKind.CORRUPT_MEDIA, e.getMessage(), false);
    } catch (StoreIo e) {
      storeFailed(item, e.io);
    } catch (MediaStoreException e) {
      storeFailed(item, e); // from a store call not wrapped in StoreIo (stat, open)
    } catch (IOException e) {
      fail(item.id(), item, FailureKind.DOWNLOAD_FAILED, e.getMessage(), false);
    } catch (IllegalArgumentException e) {
      fail(item.id(), item, FailureKind.INVALID_ITEM, e.getMessage(), false);
    } catch (SQLException e) {
      fatal.compareAndSet(null, catalogFailure(plan.stateDirectory(), e));
    } catch (RuntimeException e) {
      fail(item.id(), item, FailureKind.DOWNLOAD_FAILED, "unexpected: " + e, false);
    }
    if (fatal.get() != null) {
      failedItems.remove(id);
    }
  }

  /** Decided by the store's reason alone; see MediaStoreException.Reason for the contract. */
  private void storeFailed(RemoteItem item, IOException io) {
    // A switch expression, so that a new reason does not compile until it is decided here.
    FailureKind kind = switch (MediaStoreException.reasonOf(io)) {
      case NO_SPACE, READ_ONLY, PERMISSION_DENIED -> null; // stop: every further write would fail too
      case REFUSED_PATH -> FailureKind.INVALID_ITEM;
      case NOT_FOUND, OTHER -> FailureKind.STORE_FAILED;
    };
    if (kind == null) {
      fatal.compareAndSet(null, new StoreException(io.getMessage(), io));
    } else {
      fail(item.id(), item, kind, io.getMessage(), false);
    }
  }

  private void fail(PhotoId id, RemoteItem item, FailureKind kind, String message, boolean needsSession) {
    announce(id, -1); // failed before its media response (if any) said how long it is
    ItemFailure f = new ItemFailure(id, kind, message);
    failures.put(id.value(), f);
    if (item != null) {
      failedItems.put(id.value(), item);
    }
    if (!plan.dryRun()) {
      try {
        catalog.itemFailed(id.value(), item == null ? 0 : item.lastUpdate().getEpochSecond(),
            item == null ? "photo" : item.media().name().toLowerCase(Locale.ROOT), kind + ": " + message, needsSession);
      } catch (SQLException e) {
        fatal.compareAndSet(null, catalogFailure(plan.stateDirectory(), e));
      }
    }
    listener.itemFailed(f);
  }

  /**
   * Sends itemStarted once per pass over an item. A download announces itself when its media
   * response arrives, so that the length is known; other work announces 0 bytes up front.
   */
  private void announce(PhotoId id, long expectedBytes) {
    if (announced.add(id.value())) {
      listener.itemStarted(id, expectedBytes);
    }
  }

  private List<AlbumInfo> albumsOf(RemoteItem item) {
    if (favorites) {
      return List.of();
    }
    List<String> ids = explicitAlbums.containsKey(item.id().value())
        ? explicitAlbums.get(item.id().value()) : albumsByItem.getOrDefault(item.id().value(), List.of());
    List<AlbumInfo> out = new ArrayList<>(ids.size());
    for (String a : ids) {
      AlbumInfo info = albumsById.get(a);
      if (info != null) {
        out.add(info);
      }
    }
    return out;
  }

  private void processItem(RemoteItem item) throws SourceException, IOException, SQLException {
    String id = item.id().value();
    ItemRow row = catalog.item(id).orElse(null);
    List<AlbumInfo> albums = albumsOf(item);
    String primaryFolder = albums.isEmpty() ? null : albums.get(0).folder();

    boolean fetch;
    ItemRow renditionOnDisk = null;
    if (row == null || !row.done() || row.primaryPath() == null || row.ext() == null) {
      fetch = true;
    } else if (!sameOriginal(row, item)) {
      fetch = true;
    } else {
      Optional<StoredFile> local = store == null ? Optional.empty() : store.stat(StorePath.parse(row.primaryPath()));
      fetch = local.isEmpty() || local.get().size() != row.size()
          || (plan.verifyFiles() && !row.sha256().equals(sha256(StorePath.parse(row.primaryPath()))));
      if (plan.keepExisting() && local.isPresent()) {
        fetch = false;
      }
      if (!fetch && row.rendition() != null) {
        // A rendition stands in for the original: ask whether Flickr offers the original now
        // (even with keepExisting, as the file is not what was asked for); download() keeps the
        // rendition on disk while it is still all there is.
        fetch = true;
        renditionOnDisk = row;
      }
    }
    if (plan.dryRun()) {
      if (fetch) {
        planned.add(item.id());
        announce(item.id(), 0); // a dry run downloads nothing
        listener.itemFinished(item.id(), ItemOutcome.PLANNED);
      } else {
        unchanged.incrementAndGet();
      }
      return;
    }
    if (!fetch) {
      announce(item.id(), 0);
    }
    URI mediaUrl = source.mediaUrl(item);
    StorePath primary;
    String ext;
    long size;
    String sha;
    boolean moved = false;
    Fetched f = fetch ? download(item, primaryFolder, renditionOnDisk) : null;
    MediaVariant substitute = f == null ? null : f.substitute;
    if (f != null && f.kept) {
      fetch = false;
    }
    if (fetch) {
      primary = f.path;
      ext = f.ext;
      size = f.size;
      sha = f.sha;
      if (row != null && row.primaryPath() != null && !row.primaryPath().equals(primary.toString())
          && row.done()) {
        moved = true;
      }
    } else {
      ext = row.ext();
      size = row.size();
      sha = row.sha256();
      primary = Layout.mediaPath(primaryFolder, item, ext);
      if (!primary.toString().equals(row.primaryPath())) {
        StorePath old = StorePath.parse(row.primaryPath());
        if (store.stat(old).isPresent()) {
          link(old, primary, false);
        }
        moved = true;
      }
    }
    Map<String, String> recorded = row == null ? Map.of() : catalog.memberships(id);
    Map<String, String> copies = new LinkedHashMap<>();
    boolean linksChanged = false;
    if (!plan.storeOnce() && !favorites) {
      for (int i = 1; i < albums.size(); i++) {
        AlbumInfo a = albums.get(i);
        StorePath target = Layout.mediaPath(a.folder(), item, ext);
        copies.put(a.album().id(), target.toString());
        if (fetch || !target.toString().equals(recorded.get(a.album().id())) || store.stat(target).isEmpty()) {
          linksChanged = true;
        }
      }
    }
    Map<String, String> membership = new LinkedHashMap<>();
    if (!albums.isEmpty()) {
      membership.put(albums.get(0).album().id(), primary.toString());
    }
    membership.putAll(copies);
    boolean metadataChanged = fetch || moved || linksChanged || row.lastUpdate() != item.lastUpdate().getEpochSecond()
        || !membership.equals(recorded)
        || !row.originalSecret().equals(item.originalSecret())
        || !Objects.equals(row.rendition(), substitute == null ? null : substitute.label());
    if (metadataChanged || missingMetadata(primary)) {
      List<Album> albumList = albums.stream().map(AlbumInfo::album).toList();
      ItemRecord record = new ItemRecord(item, albumList, substitute == null ? mediaUrl : substitute.url(),
          primary.fileName(), substitute);
      for (MetadataWriter w : writers) {
        byte[] content = w.render(record);
        writeFile(primary.resolveSibling(primary.fileName() + w.fileSuffix()), content);
      }
      for (String target : copies.values()) {
        StorePath t = StorePath.parse(target);
        link(primary, t, plan.forceCopies());
        for (MetadataWriter w : writers) {
          link(primary.resolveSibling(primary.fileName() + w.fileSuffix()),
              t.resolveSibling(t.fileName() + w.fileSuffix()), plan.forceCopies());
        }
      }
    }
    catalog.itemDone(new ItemRow(id, item.lastUpdate().getEpochSecond(), item.originalSecret(),
        item.media().name().toLowerCase(Locale.ROOT), ext, size, sha, primary.toString(), "done", 0, null, false,
        substitute == null ? null : substitute.label()), membership);
    if (fetch && row != null && row.rendition() != null) {
      removeReplacedRendition(row, recorded, membership);
    }
    if (substitute != null) {
      ItemWarning w = new ItemWarning(item.id(), WarningKind.NOT_ORIGINAL,
          "Flickr offers no original of this video; its largest rendition, '" + substitute.label()
              + "', is saved instead");
      itemWarnings.put(id, w);
      listener.warning(id + ": " + w.message());
    }
    ItemOutcome outcome;
    if (fetch) {
      outcome = row == null || !row.done() || row.primaryPath() == null ? ItemOutcome.DOWNLOADED : ItemOutcome.UPDATED;
      (outcome == ItemOutcome.DOWNLOADED ? downloaded : updated).incrementAndGet();
    } else if (metadataChanged) {
      outcome = ItemOutcome.METADATA_ONLY;
      metadataOnly.incrementAndGet();
    } else {
      outcome = ItemOutcome.UNCHANGED;
      unchanged.incrementAndGet();
    }
    listener.itemFinished(item.id(), outcome);
  }

  /**
   * A rendition made way for a fresh download (the original, usually): its files that the new
   * ones did not overwrite go, so that an item never has two media files. Done after the catalog
   * records the new files, so a crash in between leaves stray files, never a missing one; and a
   * file that cannot be removed is only a warning, as the item itself is done.
   */
  private void removeReplacedRendition(ItemRow old, Map<String, String> oldCopies, Map<String, String> current) {
    Set<String> paths = new java.util.LinkedHashSet<>();
    paths.add(old.primaryPath());
    paths.addAll(oldCopies.values());
    paths.removeAll(current.values());
    for (String p : paths) {
      StorePath media = StorePath.parse(p);
      List<StorePath> files = new ArrayList<>(List.of(media));
      for (MetadataWriter w : writers) {
        files.add(media.resolveSibling(media.fileName() + w.fileSuffix()));
      }
      for (StorePath file : files) {
        try {
          store.delete(file);
        } catch (IOException e) {
          listener.warning(old.id() + ": could not remove the replaced rendition " + file + ": " + e.getMessage());
        }
      }
    }
  }

  private boolean missingMetadata(StorePath primary) throws IOException {
    for (MetadataWriter w : writers) {
      if (store.stat(primary.resolveSibling(primary.fileName() + w.fileSuffix())).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The same original: same secret, or an adopted file whose recorded URL names the secret. */
  private static boolean sameOriginal(ItemRow row, RemoteItem item) {
    if (row.originalSecret().equals(item.originalSecret())) {
      return true;
    }
    return row.originalSecret().startsWith(Adoption.ADOPTED) && !item.originalSecret().isEmpty()
        && row.originalSecret().contains(item.originalSecret());
  }

  private void writeFile(StorePath path, byte[] content) {
    try (PendingWrite w = store.create(path)) {
      w.stream().write(content);
      w.commit();
    } catch (IOException e) {
      throw new StoreIo(e);
    }
  }

  private void link(StorePath from, StorePath to, boolean copy) {
    try {
      // A store without hard links is asked for what it offers: a copy.
      store.link(from, to, copy || !store.features().hardLinks());
    } catch (IOException e) {
      throw new StoreIo(e);
    }
  }

  private String sha256(StorePath path) throws IOException {
    MessageDigest md = sha();
    try (InputStream in = store.open(path)) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  // ---- download ----

  /** A store failure, kept apart from network failures so that it is never retried as one. */
  static final class StoreIo extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient IOException io;

    StoreIo(IOException io) {
      super(io.getMessage(), io);
      this.io = io;
    }
  }

  /** The bytes are not the expected media, or not as long as announced. */
  static final class CorruptMedia extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptMedia(String message) {
      super(message);
    }
  }

  /**
   * A download's file. {@code substitute} is what it holds instead of the original, if so;
   * {@code kept} means nothing was downloaded, as the rendition on disk is still the best offered.
   */
  private record Fetched(StorePath path, String ext, long size, String sha, MediaVariant substitute,
      boolean kept) {}

  /** @param renditionOnDisk the row of a rendition on disk that may be kept, else null */
  private Fetched download(RemoteItem item, String folder, ItemRow renditionOnDisk)
      throws SourceException, IOException {
    RetryConfig config = RetryConfig.custom()
        .maxAttempts(plan.downloadRetry().maxAttempts())
        .intervalFunction(Resilience.backoff(plan.downloadRetry()))
        .retryOnException(e -> e instanceof IOException && !(e instanceof StoreIo))
        .build();
    Retry retry = Retry.of("download-" + item.id(), config);
    retry.getEventPublisher().onRetry(e -> listener.retrying("download " + item.id(),
        e.getNumberOfRetryAttempts(), e.getWaitInterval(), e.getLastThrowable()));
    try {
      return retry.executeCheckedSupplier(() -> downloadOnce(item, folder, renditionOnDisk));
    } catch (SourceException | IOException | RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("download of " + item.id() + " failed: " + t, t);
    }
  }

  private Fetched downloadOnce(RemoteItem item, String folder, ItemRow renditionOnDisk)
      throws SourceException, IOException {
    try (MediaContent media = source.openMedia(item)) {
      announce(item.id(), media.length().orElse(-1));
      MediaVariant substitute = media.substitute().orElse(null);
      ItemRow old = renditionOnDisk;
      if (old != null && substitute != null && substitute.label().equals(old.rendition())
          && media.length().orElse(old.size()) == old.size()) {
        // Still no original, and the same rendition: the file on disk stands; the body is not read.
        return new Fetched(StorePath.parse(old.primaryPath()), old.ext(), old.size(), old.sha256(), substitute, true);
      }
      InputStream in = media.body();
      byte[] head = in.readNBytes(Sniffer.HEAD);
      if (head.length > 0) {
        listener.bytesReceived(item.id(), head.length);
      }
      String sniffed = Sniffer.sniff(head, head.length).orElse("");
      if (!Sniffer.matchesKind(item.media(), sniffed)) {
        throw new CorruptMedia("expected the original " + item.media().name().toLowerCase(Locale.ROOT) + " of "
            + item.id() + " but got " + (sniffed.isEmpty() ? "unrecognised bytes" : sniffed)
            + media.contentType().map(t -> " (" + t + ")").orElse("") + " from " + media.url().getHost());
      }
      String ext = item.media() == MediaKind.PHOTO
          ? Sniffer.photoExtension(item.originalFormat(), sniffed)
          : Sniffer.videoExtension(media.fileName(), media.url().getPath(), sniffed);
      StorePath path = Layout.mediaPath(folder, item, ext);
      MessageDigest md = sha();
      long total = 0;
      PendingWrite w;
      try {
        w = store.create(path);
      } catch (IOException e) {
        throw new StoreIo(e);
      }
      try (w) {
        OutputStream out = w.stream();
        write(out, head, head.length);
        md.update(head);
        total += head.length;
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
          write(out, buf, n);
          md.update(buf, 0, n);
          total += n;
          listener.bytesReceived(item.id(), n);
        }
        if (media.length().isPresent() && media.length().getAsLong() != total) {
          throw new CorruptMedia("item " + item.id() + ": received " + total + " bytes, announced "
              + media.length().getAsLong());
        }
        try {
          w.commit();
        } catch (IOException e) {
          throw new StoreIo(e);
        }
      }
      bytes.addAndGet(total);
      return new Fetched(path, ext, total, HexFormat.of().formatHex(md.digest()), substitute, false);
    }
  }

  private static void write(OutputStream out, byte[] b, int n) {
    try {
      out.write(b, 0, n);
    } catch (IOException e) {
      throw new StoreIo(e);
    }
  }
}
