package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.MirrorMove;
import io.github.flickrbackup.MirrorMove.Reason;
import io.github.flickrbackup.MirrorOutcome;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.StoreException;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.Catalog.AlbumRow;
import io.github.flickrbackup.internal.catalog.Catalog.ItemFiles;
import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import io.github.flickrbackup.internal.catalog.Catalog.MoveRow;
import io.github.flickrbackup.internal.plan.Listed.AlbumFolder;
import io.github.flickrbackup.internal.store.LocalFolderStore;
import io.github.flickrbackup.internal.layout.Layout;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.StorePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --mirror} stage: applies on disk what changed on Flickr, never deleting. A file
 * leaves the layout only by being moved into the attic, {@code attic/<run time>/<path as it
 * was>}, with its metadata files; a renamed album's files move to its new folder.
 *
 * <p>How it knows: before the listing it takes the catalog's picture of the layout (every
 * item's files). The lister then lists the whole account (or all favorites) and every album's
 * members, and tells this stage each item it hands on. Renamed albums are applied as soon as
 * the album list is known, before any item is planned, so that no item is fetched or linked
 * into the new folder twice. After the run, an item not listed is gone from Flickr (or was
 * unfaved), and a file the catalog no longer places in the layout (album removed or deleted,
 * home moved) is stale: both go to the attic, but only after a complete, non-empty listing
 * that did not shrink by half, and only if no more than {@code maxDelete} items would go.
 *
 * <p>Every move is written to the catalog's {@code moves} table before it is made and marked
 * done after it, together with the catalog changes it brings, so a killed run's moves are
 * finished by the next run ({@link #finishUnfinished}) and the catalog never points at a
 * file that is not where it says for longer than that.
 */
final class Mirror {
  /** A drop in the listing below this share of the items the catalog knows counts as sharp. */
  static final double SHARP_DROP = 0.5;
  /** Below this many known items the sharp-drop rule does not apply (small accounts shrink fast). */
  static final int SHARP_DROP_MIN_KNOWN = 10;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final BackupPlan plan;
  private final boolean favorites;
  private final Catalog catalog;
  private final MediaStore store;
  private final List<MetadataWriter> writers;
  private final BackupListener listener;
  private final String stamp;
  private Map<String, ItemFiles> before = Map.of();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  /** Dry run only: where the listed items' media files would be, and their albums. */
  private final Map<String, Expected> expected = new ConcurrentHashMap<>();

  /** A file name the engine gives a media file: {@code <id>.<ext>}. */
  private static final Pattern MEDIA_NAME = Pattern.compile("(\\d{1,20})\\.([a-z0-9]{1,5})");

  /** Where a listed item's media files would be, and its albums (dry run). */
  private record Expected(Set<String> paths, Set<String> albums) {}
  /** Media paths of renamed albums: old to new. */
  private final Map<String, String> renamed = new ConcurrentHashMap<>();
  private final List<MirrorMove> renameMoves = Collections.synchronizedList(new ArrayList<>());
  private volatile Set<String> albumIds = Set.of();
  /** Folder name to album id, for files whose album the catalog does not know (adopted ones). */
  private volatile Map<String, String> folderAlbums = Map.of();
  private long runId = -1;

  Mirror(BackupPlan plan, Selection selection, Catalog catalog, MediaStore store, List<MetadataWriter> writers,
      Instant runStart) {
    this.plan = plan;
    this.favorites = selection instanceof Selection.Favorites;
    this.catalog = catalog;
    this.store = store;
    this.writers = List.copyOf(writers);
    this.listener = plan.listener();
    this.stamp = STAMP.format(runStart);
  }

  /**
   * Checks that an attic given with {@code --attic} is on the destination's file system, since
   * files are moved into it by renaming. Creates it (not in a dry run).
   *
   * @throws StoreException if it is elsewhere or cannot be created
   */
  void checkAttic() throws StoreException {
    if (plan.attic().isEmpty()) {
      return;
    }
    Path attic = plan.attic().get();
    Path dest = plan.destination().orElseThrow();
    try {
      if (!plan.dryRun()) {
        Files.createDirectories(attic);
      }
      FileStore atticVolume = Files.getFileStore(nearestExisting(attic));
      FileStore destVolume = Files.getFileStore(nearestExisting(dest));
      if (!atticVolume.equals(destVolume)) {
        throw new StoreException("the attic " + attic + " is on another file system (" + atticVolume
            + ") than the destination " + dest + " (" + destVolume + "): files go into the attic by renaming,"
            + " which works only within one file system; choose a folder on the same file system, or leave out"
            + " --attic for " + dest.resolve(".flickrbackup/attic"));
      }
    } catch (IOException e) {
      throw new StoreException("cannot use the attic " + attic + ": " + e.getMessage(), e);
    }
  }

  /** A folder itself, or the nearest of its parents that exists (a dry run creates nothing). */
  private static Path nearestExisting(Path folder) {
    Path p = folder;
    while (p.getParent() != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p;
  }

  /**
   * Takes the catalog's picture of the layout, before anything is listed.
   *
   * @param runId the run's row in the catalog
   */
  void snapshot(long runId) throws SQLException {
    this.runId = runId;
    this.before = catalog.itemFiles();
  }

  /** The lister handed an item on: it is on Flickr (or still a favorite). */
  void listed(Listed listed) {
    seen.add(listed.id());
    if (plan.dryRun()) {
      ItemFiles old = before.get(listed.id());
      if (old != null) {
        ItemPaths paths = ItemPaths.of(listed, extension(old.primaryPath()), plan.storeOnce());
        Set<String> files = new LinkedHashSet<>();
        files.add(paths.home().toString());
        files.addAll(paths.membership().values());
        Set<String> albums = new HashSet<>();
        listed.albums().forEach(a -> albums.add(a.album().id()));
        expected.put(listed.id(), new Expected(files, albums));
      }
    }
  }

  /**
   * The album list is known, with every album's folder: an album whose folder changed (it was
   * renamed) has its files moved to the new folder now, before any item is planned. Called by
   * the lister before it saves the new album list.
   *
   * @param stored the albums the catalog knew
   * @param folders the albums now, with their folders
   * @param members the albums' members as just listed (every album, when mirroring): a file of an
   *     item no longer in the album is not renamed, it goes to the attic under its old path
   */
  void albumsAssigned(Map<String, AlbumRow> stored, List<AlbumFolder> folders, Map<String, List<String>> members)
      throws SQLException {
    Set<String> ids = new HashSet<>();
    folders.forEach(f -> ids.add(f.album().id()));
    albumIds = Set.copyOf(ids);
    Map<String, String> byFolder = new java.util.HashMap<>();
    stored.values().forEach(a -> byFolder.put(a.folder(), a.id()));
    folders.forEach(f -> byFolder.put(f.folder(), f.album().id()));
    folderAlbums = Map.copyOf(byFolder);
    if (favorites) {
      return;
    }
    List<MoveRow> rows = new ArrayList<>();
    Map<String, Map<String, String>> pathChanges = new LinkedHashMap<>();
    for (AlbumFolder f : folders) {
      AlbumRow old = stored.get(f.album().id());
      if (old == null || old.folder().equals(f.folder())) {
        continue;
      }
      List<String> listedMembers = members.get(f.album().id());
      Set<String> stillIn = listedMembers == null ? null : new HashSet<>(listedMembers);
      for (ItemFiles item : new TreeMap<>(before).values()) {
        String path = item.albumPaths().get(f.album().id());
        if (path == null || !path.startsWith(old.folder() + "/") || (stillIn != null && !stillIn.contains(item.id()))) {
          continue;
        }
        StorePath from = StorePath.parse(path);
        StorePath to = StorePath.parse(f.folder() + path.substring(old.folder().length()));
        if (!exists(from)) {
          continue;
        }
        renamed.put(from.toString(), to.toString());
        pathChanges.computeIfAbsent(item.id(), k -> new LinkedHashMap<>()).put(from.toString(), to.toString());
        renameMoves.add(new MirrorMove(PhotoId.of(item.id()), Reason.ALBUM_RENAMED, from, to.toString()));
        for (StorePath[] pair : withMetadata(from, to)) {
          rows.add(new MoveRow(0, item.id(), Reason.ALBUM_RENAMED.name(), pair[0].toString(), pair[1].toString(), false));
        }
      }
    }
    if (rows.isEmpty() || plan.dryRun()) {
      return;
    }
    List<MoveRow> planned = catalog.planMoves(runId, rows, List.of(), pathChanges);
    List<Long> done = new ArrayList<>();
    List<Long> failed = new ArrayList<>();
    Map<String, Map<String, String>> undo = new LinkedHashMap<>();
    for (MoveRow m : planned) {
      if (make(m)) {
        done.add(m.id());
      } else {
        failed.add(m.id());
        if (renamed.containsKey(m.from())) {
          // The media file stays where it was: the catalog goes on pointing there.
          undo.computeIfAbsent(m.itemId(), k -> new LinkedHashMap<>()).put(m.to(), m.from());
          renamed.remove(m.from());
        }
      }
    }
    catalog.movesDone(done);
    if (!failed.isEmpty()) {
      catalog.forgetMoves(failed, undo);
    }
    prune(planned);
  }

  /**
   * Decides and makes the attic moves, after the listing and every item are recorded.
   *
   * @param lister how the listing went
   * @param failed ids of items that failed in this run: their old files stay
   * @return what was moved, or why nothing was
   */
  MirrorOutcome finish(Lister lister, Set<String> failed) throws SQLException {
    List<MirrorMove> renames = List.copyOf(renameMoves);
    if (!lister.complete()) {
      return refused(renames, "Flickr's listing was not confirmed complete (see the warnings), so nothing was moved"
          + " to the attic: an item missing from it may still be on Flickr");
    }
    Set<String> modes = catalog.runModes();
    if (modes.contains("favorites") && (modes.contains("own") || modes.contains("ids"))) {
      return refused(renames, "this destination holds both own items and favorites, so a missing item cannot be"
          + " told apart from one of the other kind; nothing was moved to the attic (mirror into destinations"
          + " that hold only one of them)");
    }
    if (store == null) {
      return new MirrorOutcome(true, renames, Optional.empty());
    }
    int known = before.size();
    if (lister.listed() == 0 && known > 0) {
      return refused(renames, "Flickr listed no items at all while the catalog knows " + known
          + "; taken as a Flickr fault, nothing was moved to the attic");
    }
    List<MirrorMove> moves = atticMoves(failed);
    Set<String> items = new LinkedHashSet<>();
    moves.forEach(m -> items.add(m.item().value()));
    List<MirrorMove> all = new ArrayList<>(renames);
    all.addAll(moves);
    if (items.size() > plan.maxDelete()) {
      return refused(all, items.size() + " items would be moved to the attic, more than --max-delete "
          + plan.maxDelete() + " allows; nothing was moved. If Flickr really lost them, run again with"
          + " --max-delete " + items.size() + " (BackupPlan.Builder.maxDelete)");
    }
    if (known >= SHARP_DROP_MIN_KNOWN && lister.listed() < known * SHARP_DROP
        && !(plan.maxDeleteGiven() && items.size() <= plan.maxDelete())) {
      return refused(all, "Flickr listed " + lister.listed() + " items, less than half of the " + known
          + " the catalog knows; taken as a Flickr fault, nothing was moved to the attic. If they really are"
          + " gone, run again with --max-delete " + Math.max(1, items.size()) + " (BackupPlan.Builder.maxDelete)");
    }
    if (plan.dryRun() || moves.isEmpty()) {
      return new MirrorOutcome(true, all, Optional.empty());
    }
    apply(moves);
    return new MirrorOutcome(true, all, Optional.empty());
  }

  private MirrorOutcome refused(List<MirrorMove> moves, String why) {
    try {
      listener.warning("--mirror: " + why);
    } catch (RuntimeException ignored) {
      // a listener must not throw
    }
    return new MirrorOutcome(true, moves, Optional.of(why));
  }

  /**
   * The media files that leave the layout, with why. The layout itself is read (a walk of the
   * store), not only the catalog's memory of it: a file an earlier run without {@code --mirror}
   * (or a refused mirror) left behind when it moved an item is found as well. Only files named
   * {@code <id>.<ext>} of items the catalog knows are considered; anything else is left alone.
   */
  private List<MirrorMove> atticMoves(Set<String> failed) throws SQLException {
    Map<String, List<String>> mediaById = new TreeMap<>();
    try {
      store.walk(f -> {
        Matcher m = MEDIA_NAME.matcher(f.path().fileName());
        // Only media: a sidecar named by replacing the extension (ID.xmp) is never a media
        // extension (BackupPlan refuses such a writer), and moves with its media file.
        if (m.matches() && Layout.MEDIA_EXTENSIONS.contains(m.group(2))) {
          mediaById.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(f.path().toString());
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the destination to find stale files: " + e.getMessage(), e);
    }
    List<MirrorMove> moves = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : mediaById.entrySet()) {
      String id = e.getKey();
      List<String> paths = e.getValue();
      Collections.sort(paths);
      if (!seen.contains(id)) {
        if (before.containsKey(id)) {
          Reason reason = favorites ? Reason.UNFAVED : Reason.DELETED_ON_FLICKR;
          for (String path : paths) {
            add(moves, id, reason, path);
          }
        }
        continue;
      }
      if (failed.contains(id)) {
        continue; // its new files may not be in place: the old ones stay
      }
      Set<String> current;
      Set<String> albumsNow;
      if (plan.dryRun()) {
        Expected x = expected.get(id);
        if (x == null) {
          continue;
        }
        current = x.paths();
        albumsNow = x.albums();
      } else {
        Optional<ItemRow> row = catalog.item(id);
        if (row.isEmpty() || !row.get().done()) {
          continue;
        }
        Map<String, String> memberships = catalog.memberships(id);
        albumsNow = memberships.keySet();
        current = new HashSet<>(memberships.values());
        current.add(row.get().primaryPath());
      }
      for (String path : paths) {
        String now = now(path);
        if (current.contains(now)) {
          continue;
        }
        String album = folderAlbums.get(StorePath.parse(now).segments().get(0));
        Reason reason = album == null ? Reason.RELOCATED
            : !albumIds.contains(album) ? Reason.ALBUM_DELETED
            : !albumsNow.contains(album) ? Reason.REMOVED_FROM_ALBUM : Reason.RELOCATED;
        add(moves, id, reason, path);
      }
    }
    return moves;
  }

  /** Adds the move of a media file found at {@code path} (before this run's renames, in a dry run). */
  private void add(List<MirrorMove> moves, String id, Reason reason, String path) {
    StorePath from = StorePath.parse(now(path));
    moves.add(new MirrorMove(PhotoId.of(id), reason, from, atticTarget(from)));
  }

  /** Moves the files, recording each before and after. */
  private void apply(List<MirrorMove> moves) throws SQLException {
    List<MoveRow> rows = new ArrayList<>();
    Set<String> gone = new LinkedHashSet<>();
    for (MirrorMove m : moves) {
      if (m.reason() == Reason.DELETED_ON_FLICKR || m.reason() == Reason.UNFAVED) {
        gone.add(m.item().value());
      }
      for (StorePath[] pair : withMetadata(m.from(), null)) {
        rows.add(new MoveRow(0, m.item().value(), m.reason().name(), pair[0].toString(), atticTarget(pair[0]),
            plan.attic().isPresent()));
      }
    }
    List<MoveRow> planned = catalog.planMoves(runId, rows, gone, Map.of());
    List<Long> done = new ArrayList<>();
    List<Long> failed = new ArrayList<>();
    for (MoveRow m : planned) {
      (make(m) ? done : failed).add(m.id());
    }
    catalog.movesDone(done);
    if (!failed.isEmpty()) {
      catalog.forgetMoves(failed, Map.of());
    }
    prune(planned);
  }

  /** Makes one move; a failure is a warning, and the file stays where it was. */
  private boolean make(MoveRow m) {
    try {
      move(store, m);
      return true;
    } catch (IOException | RuntimeException e) {
      try {
        listener.warning("--mirror: cannot move " + m.from() + " to " + m.to() + " (" + e.getMessage()
            + "); it stays where it was");
      } catch (RuntimeException ignored) {
        // a listener must not throw
      }
      return false;
    }
  }

  private static void move(MediaStore store, MoveRow m) throws IOException {
    StorePath from = StorePath.parse(m.from());
    if (m.outside()) {
      if (!(store instanceof LocalFolderStore local)) {
        throw new IOException("an attic outside the store needs the built-in file-system store");
      }
      local.moveOut(from, Path.of(m.to()));
    } else {
      store.move(from, StorePath.parse(m.to()));
    }
  }

  /** Removes folders the moves left empty (file-system store only). */
  private void prune(List<MoveRow> moves) {
    if (!(store instanceof LocalFolderStore local)) {
      return;
    }
    for (MoveRow m : moves) {
      try {
        local.pruneEmptyFolders(StorePath.parse(m.from()));
      } catch (IOException | RuntimeException ignored) {
        // an empty folder left behind is harmless
      }
    }
  }

  /**
   * Finishes moves a killed run recorded but may not have made: a file still at its old
   * place, with nothing at the new one, is moved now. Every run does this first.
   *
   * @return how many were finished
   */
  static int finishUnfinished(Catalog catalog, MediaStore store, BackupListener listener) throws SQLException {
    List<MoveRow> open = catalog.unfinishedMoves();
    if (open.isEmpty() || store == null) {
      return 0;
    }
    List<Long> done = new ArrayList<>();
    for (MoveRow m : open) {
      try {
        boolean there = store.stat(StorePath.parse(m.from())).isPresent();
        boolean arrived = m.outside() ? Files.exists(Path.of(m.to())) : store.stat(StorePath.parse(m.to())).isPresent();
        if (there && !arrived) {
          move(store, m);
        }
        done.add(m.id());
      } catch (IOException | RuntimeException e) {
        try {
          listener.warning("--mirror: cannot finish moving " + m.from() + " to " + m.to() + " (" + e.getMessage()
              + "); the next run tries again");
        } catch (RuntimeException ignored) {
          // a listener must not throw
        }
      }
    }
    catalog.movesDone(done);
    return done.size();
  }

  /** A media file and its metadata files, each with its target (null: the attic). */
  private List<StorePath[]> withMetadata(StorePath media, StorePath target) {
    List<StorePath[]> out = new ArrayList<>();
    out.add(new StorePath[] {media, target});
    for (MetadataWriter w : writers) {
      StorePath meta = ItemPaths.metadataOf(media, w);
      String physical = plan.dryRun() ? oldPathOf(meta.toString()) : meta.toString();
      if (exists(StorePath.parse(physical))) {
        out.add(new StorePath[] {meta, target == null ? null : ItemPaths.metadataOf(target, w)});
      }
    }
    return out;
  }

  /** Where a file goes in the attic: as a store path, or an absolute path in an outside attic. */
  private String atticTarget(StorePath from) {
    if (plan.attic().isPresent()) {
      return plan.attic().get().resolve(stamp).resolve(from.toString()).toString();
    }
    List<String> segments = new ArrayList<>(List.of(LocalFolderStore.STATE_FOLDER, "attic", stamp));
    segments.addAll(from.segments());
    return new StorePath(segments).toString();
  }

  /** A path as it is now, after this run's album renames. */
  private String now(String path) {
    return renamed.getOrDefault(path, path);
  }

  private String oldPathOf(String path) {
    for (Map.Entry<String, String> e : renamed.entrySet()) {
      if (e.getValue().equals(path)) {
        return e.getKey();
      }
      String oldMedia = e.getKey();
      String newMedia = e.getValue();
      if (path.startsWith(newMedia + ".")) {
        return oldMedia + path.substring(newMedia.length());
      }
    }
    return path;
  }

  private boolean exists(StorePath path) {
    try {
      return store != null && store.stat(path).isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  private static String extension(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(dot + 1);
  }
}
