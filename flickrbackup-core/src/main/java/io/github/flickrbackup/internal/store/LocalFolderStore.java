package io.github.flickrbackup.internal.store;

import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.MediaStoreException;
import io.github.flickrbackup.store.MediaStoreException.Reason;
import io.github.flickrbackup.store.PendingWrite;
import io.github.flickrbackup.store.StoreFeatures;
import io.github.flickrbackup.store.StorePath;
import io.github.flickrbackup.store.StoredFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A {@link MediaStore} in a local folder; see {@code FileSystemStore}.
 *
 * <p>Syncs: by default every commit fsyncs the file's content before its rename, and every
 * commit and link fsyncs its folder before it returns, as {@code FileSystemStore.at} promises.
 * The engine makes its store with {@link #deferringFolderSyncs}, and calls {@link #sync} once
 * per catalog batch, before the batch is recorded. Commits and links then leave their folders
 * to that sync, and a commit under a new name leaves its content to it too: the sync makes the
 * whole batch durable with one {@code syncfs} of the destination's file system where the system
 * offers it ({@link FileSystemSync}), else with an fsync of each file and folder. A crash before
 * that sync may leave a new name with lost content, but no catalog row points at it, so the
 * next run writes it again. A commit that replaces a file fsyncs its content before the rename
 * in every mode: the file it replaces is never lost before the new one is durable. So does the
 * commit of a file of {@link #SYNC_AT_COMMIT_FROM} bytes or more.
 */
public final class LocalFolderStore implements MediaStore {
  /** Name of our temporary files: {@code .NAME.RANDOM.part}. */
  public static final Pattern TEMP_FILE = Pattern.compile("^\\..+\\.[0-9a-z]{8,}\\.part$");
  /** The state folder inside a destination, never listed by {@link #walk}. */
  public static final String STATE_FOLDER = ".flickrbackup";

  private static final SecureRandom RANDOM = new SecureRandom();
  /** Folder fsyncs wait on the disk, not the CPU: a few in flight at once finish sooner. */
  private static final int PARALLEL_FOLDER_SYNCS = 8;
  private static final ExecutorService FOLDER_SYNCS = folderSyncThreads();

  private final Path root;
  private final boolean deferFolderSyncs;
  /** Folders that gained a new sub-folder whose name is not yet durable (deferred mode). */
  private final Set<Path> foldersWithNewEntries = ConcurrentHashMap.newKeySet();
  /** Files committed under a new name without their own fsync (deferred mode): the next sync's. */
  private final Set<Path> unsyncedFiles = ConcurrentHashMap.newKeySet();
  /** How a deferred sync makes everything durable at once; null once it failed, or where none. */
  private volatile FileSystemSync fileSystemSync;
  private final AtomicLong folderSyncs = new AtomicLong();
  private final AtomicLong fileSyncs = new AtomicLong();
  private final AtomicLong fileSystemSyncs = new AtomicLong();
  /**
   * Folders under the root already found to be real folders (no symbolic link on the way, inside
   * the root): their checks are not repeated. A run writes thousands of files into the same
   * folders, and checking each component of each path again (an lstat per component, a
   * {@code toRealPath}) was some 45 system calls per item. Someone who swaps a checked folder
   * for a link while a run writes could do so between a check and the write anyway; a folder
   * that disappears is checked again ({@link #create} retries once). Only the engine's store of
   * one run ({@link #deferringFolderSyncs}) remembers; a store that may live across runs checks
   * every time.
   */
  private final Set<Path> checkedFolders = ConcurrentHashMap.newKeySet();
  /**
   * Checked folders remembered at most: the folders in use at a time (albums, years, months,
   * the days being written) fit; all the day folders of a large account would hold megabytes
   * for the whole run (20,000 items: tens of thousands of folders), so the set starts afresh
   * when full.
   */
  public static final int MAX_CHECKED_FOLDERS = 2048;

  /**
   * Up to this many files and folders are synced one by one even where the whole file system
   * could be: a file-system sync starts a process and writes out everything dirty on the file
   * system, other programs' data included, which costs more than a few fsyncs (the state
   * file a run writes at its end: 126 ms of an unchanged run, against one folder's fsync).
   */
  static final int FEW_SYNCS = 3;
  /**
   * Bytes from which a new file's content is synced as it is committed, in every mode: there
   * the flush costs its bytes more than its call, and it overlaps the downloads that follow
   * (docs/pipeline.md, "Group commit").
   */
  static final long SYNC_AT_COMMIT_FROM = 256 * 1024;

  /**
   * A store whose commits and links sync their folder before they return.
   *
   * @param root the folder, created if missing
   * @throws IOException if it cannot be created or is not a folder
   */
  public LocalFolderStore(Path root) throws IOException {
    this(root, false);
  }

  /**
   * A store whose commits and links leave their folder to {@link #sync}, which syncs the whole
   * file system at once where the system offers it.
   *
   * @param root the folder, created if missing
   * @return the store
   * @throws IOException if it cannot be created or is not a folder
   */
  public static LocalFolderStore deferringFolderSyncs(Path root) throws IOException {
    return deferringFolderSyncs(root, true);
  }

  /**
   * A store whose commits and links leave their folder to {@link #sync}.
   *
   * @param root the folder, created if missing
   * @param wholeFileSystem whether {@link #sync} may sync the whole file system at once where
   *     the system offers it; false syncs each file and folder
   * @return the store
   * @throws IOException if it cannot be created or is not a folder
   */
  public static LocalFolderStore deferringFolderSyncs(Path root, boolean wholeFileSystem) throws IOException {
    return deferringFolderSyncs(root, wholeFileSystem ? FileSystemSync.system() : null);
  }

  /**
   * A deferring store that makes a batch durable with {@code fileSystemSync}.
   *
   * @param root the folder, created if missing
   * @param fileSystemSync the whole-file-system sync to try first, or null to sync each file
   * @return the store
   * @throws IOException if it cannot be created or is not a folder
   */
  static LocalFolderStore deferringFolderSyncs(Path root, FileSystemSync fileSystemSync) throws IOException {
    LocalFolderStore store = new LocalFolderStore(root, true);
    store.fileSystemSync = fileSystemSync;
    return store;
  }

  private LocalFolderStore(Path root, boolean deferFolderSyncs) throws IOException {
    this.deferFolderSyncs = deferFolderSyncs;
    Path abs = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(abs);
    } catch (IOException e) {
      throw explain(e, abs);
    }
    this.root = abs.toRealPath();
  }

  /** @return the real path of the root */
  public Path root() {
    return root;
  }

  @Override
  public StoreFeatures features() {
    return StoreFeatures.fileSystem();
  }

  /**
   * Resolves a store path to a file under the root, refusing symbolic links on the way and
   * files where a folder must be.
   *
   * @param path the store path
   * @return the file
   * @throws MediaStoreException {@code REFUSED_PATH} if a component is a symbolic link, a
   *     folder component is not a folder, or the path leaves the root
   */
  public Path resolve(StorePath path) throws IOException {
    return resolve(path, false);
  }

  /**
   * @param forWrite also refuse a folder standing at the final path, which a write would
   *     otherwise only find at its rename
   */
  private Path resolve(StorePath path, boolean forWrite) throws IOException {
    List<String> segments = path.segments();
    Path p = root;
    for (int i = 0; i < segments.size(); i++) {
      p = p.resolve(segments.get(i));
      if (deferFolderSyncs && i < segments.size() - 1 && checkedFolders.contains(p)) {
        continue; // a real folder, checked before
      }
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        break; // nothing deeper exists either
      } catch (IOException e) {
        throw explain(e, p);
      }
      boolean last = i == segments.size() - 1;
      if (a.isSymbolicLink()) {
        throw refused("refusing to follow a symbolic link inside the destination: " + p);
      } else if (!last && !a.isDirectory()) {
        throw refused("a file stands where a folder must be: " + p + " (needed for " + path + ")");
      } else if (last && forWrite && a.isDirectory()) {
        throw refused("a folder stands where a file must be: " + p);
      }
    }
    Path file = root.resolve(path.toString()).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw refused("path leaves the destination: " + path);
    }
    return file;
  }

  private static MediaStoreException refused(String message) {
    return new MediaStoreException(Reason.REFUSED_PATH, message);
  }

  /** @return how many folder fsyncs this store has made (for tests of batching) */
  public long folderSyncs() {
    return folderSyncs.get();
  }

  /** @return how many file contents this store has fsynced one by one (for tests) */
  public long fileSyncs() {
    return fileSyncs.get();
  }

  /** @return how many whole-file-system syncs this store has made (for tests) */
  public long fileSystemSyncs() {
    return fileSystemSyncs.get();
  }

  private Path createFolders(StorePath path) throws IOException {
    Path file = resolve(path, true);
    Path dir = file.getParent();
    if (deferFolderSyncs && checkedFolders.contains(dir)) {
      return file;
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      // A new folder's own name lives in its parent: that parent needs a sync too.
      List<Path> created = new ArrayList<>();
      for (Path d = dir; !d.equals(root) && !Files.exists(d, LinkOption.NOFOLLOW_LINKS); d = d.getParent()) {
        created.add(d);
      }
      try {
        Files.createDirectories(dir);
      } catch (FileAlreadyExistsException e) {
        // Another writer put a file there since resolve looked.
        throw new MediaStoreException(Reason.REFUSED_PATH, "a file stands where a folder must be: " + dir, e);
      } catch (IOException e) {
        throw explain(e, dir);
      }
      for (Path d : created) {
        if (deferFolderSyncs) {
          foldersWithNewEntries.add(d.getParent());
        } else {
          syncFolder(d.getParent());
        }
      }
    }
    // createDirectories follows links; check again that the real folder is inside the root.
    if (!dir.toRealPath().startsWith(root)) {
      throw refused("folder resolves outside the destination: " + dir);
    }
    // resolve() found no link on the way and the folder is real and inside: remember it and its
    // ancestors.
    if (deferFolderSyncs && checkedFolders.size() >= MAX_CHECKED_FOLDERS) {
      checkedFolders.clear();
    }
    for (Path d = dir; deferFolderSyncs && d != null && !d.equals(root) && d.startsWith(root); d = d.getParent()) {
      checkedFolders.add(d);
    }
    return file;
  }

  @Override
  public Optional<StoredFile> stat(StorePath path) throws IOException {
    Path file = resolve(path);
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isRegularFile() ? Optional.of(new StoredFile(path, a.size())) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw explain(e, file);
    }
  }

  @Override
  public PendingWrite create(StorePath path) throws IOException {
    Path file = createFolders(path);
    Path temp = tempFor(file);
    FileChannel channel;
    try {
      channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      // A folder checked earlier in the run is gone (removed by someone else): check again.
      checkedFolders.clear();
      file = createFolders(path);
      temp = tempFor(file);
      try {
        channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (IOException again) {
        throw explain(again, temp);
      }
    } catch (IOException e) {
      throw explain(e, temp);
    }
    return new LocalWrite(file, temp, channel, !deferFolderSyncs);
  }

  private static Path tempFor(Path file) {
    StringBuilder r = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      r.append(Character.forDigit(RANDOM.nextInt(36), 36));
    }
    String name = file.getFileName().toString();
    // Keep the temporary name within 255 bytes: shorten the visible part of long names.
    if (name.length() > 200) {
      name = name.substring(0, 200);
    }
    return file.resolveSibling("." + name + "." + r + ".part");
  }

  @Override
  public InputStream open(StorePath path) throws IOException {
    Path file = resolve(path);
    try {
      return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw explain(e, file);
    }
  }

  @Override
  public void link(StorePath existing, StorePath target, boolean forceCopy) throws IOException {
    Path source = resolve(existing);
    if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(source.toString(), null, "cannot link: no such file");
    }
    Path file = createFolders(target);
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !forceCopy) {
      try {
        if (Files.isSameFile(source, file)) {
          return;
        }
      } catch (IOException ignored) {
        // fall through and replace it
      }
    }
    if (!forceCopy) {
      Path temp = tempFor(file);
      try {
        Files.createLink(temp, source);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (!deferFolderSyncs) {
          syncFolder(file.getParent());
        }
        return;
      } catch (UnsupportedOperationException e) {
        // This file system has no links at all: copy.
      } catch (IOException e) {
        Files.deleteIfExists(temp);
        IOException failure = explain(e, file);
        // Only an unexplained failure means "cannot link here" (FAT, some network shares,
        // another volume, too many links): copy. A full or read-only destination stops here.
        if (MediaStoreException.reasonOf(failure) != Reason.OTHER) {
          throw failure;
        }
      }
    }
    try (PendingWrite w = create(target); InputStream in = open(existing)) {
      in.transferTo(w.stream());
      w.commit();
    }
  }

  @Override
  public boolean delete(StorePath path) throws IOException {
    Path file = resolve(path);
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw explain(e, file);
    }
  }

  /**
   * Moves a file by an atomic rename, never over an existing file, then syncs the folders of
   * both names (and the parents of folders it created), so the move is durable when this
   * returns.
   */
  @Override
  public void move(StorePath from, StorePath to) throws IOException {
    Path source = resolve(from);
    if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(source.toString(), null, "cannot move: no such file");
    }
    Path target = createFolders(to);
    renameInto(source, target);
    sync(List.of(to, from));
  }

  /**
   * Moves a file of this store to a place outside it on the same file system (an attic given
   * with {@code --attic}), by an atomic rename, never over an existing file; both folders are
   * synced.
   *
   * @param from the file
   * @param target an absolute path outside the store; missing folders are created
   * @throws MediaStoreException {@code REFUSED_PATH} if a file is at {@code target}, or the
   *     reason the rename failed (another file system: {@code OTHER})
   * @throws IOException for another failure
   */
  public void moveOut(StorePath from, Path target) throws IOException {
    Path source = resolve(from);
    if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(source.toString(), null, "cannot move: no such file");
    }
    Path dir = target.getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw explain(e, dir);
    }
    renameInto(source, target);
    syncFolder(dir);
    syncFolder(dir.getParent());
    sync(List.of(from));
  }

  private static void renameInto(Path source, Path target) throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw refused("cannot move " + source + ": something is already at " + target + ", which is never replaced");
    }
    try {
      // ATOMIC_MOVE is rename(2): one step, same file system only, so the file is at one name or the other.
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      throw new MediaStoreException(Reason.OTHER, "cannot move " + source + " to " + target
          + ": they are on different file systems", e);
    } catch (IOException e) {
      throw explain(e, target);
    }
  }

  /**
   * Removes the folders holding {@code file} that are empty, from the deepest up, stopping
   * at the first one that is not (and never the root or the state folder).
   *
   * @param file a file that was moved away
   * @throws IOException if a folder cannot be read
   */
  public void pruneEmptyFolders(StorePath file) throws IOException {
    Path dir = resolve(file).getParent();
    List<Path> removed = new ArrayList<>();
    while (dir != null && dir.startsWith(root) && !dir.equals(root) && !dir.equals(root.resolve(STATE_FOLDER))) {
      try {
        Files.delete(dir);
      } catch (java.nio.file.DirectoryNotEmptyException | NoSuchFileException e) {
        break;
      } catch (IOException e) {
        throw explain(e, dir);
      }
      removed.add(dir);
      dir = dir.getParent();
    }
    if (!removed.isEmpty() && dir != null) {
      syncFolder(dir);
    }
  }

  @Override
  public void walk(Consumer<? super StoredFile> visitor) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return dir.getFileName() != null && dir.getFileName().toString().equals(STATE_FOLDER)
            && dir.getParent().equals(root) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && !TEMP_FILE.matcher(file.getFileName().toString()).matches()) {
          toStorePath(file).ifPresent(p -> visitor.accept(new StoredFile(p, attrs.size())));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
        throw explain(exc, file);
      }
    });
  }

  private Optional<StorePath> toStorePath(Path file) {
    Path rel = root.relativize(file);
    List<String> segments = new ArrayList<>();
    for (Path part : rel) {
      segments.add(part.toString());
    }
    try {
      return Optional.of(new StorePath(segments));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a name we would never write (not NFC, control characters)
    }
  }

  /**
   * Deletes temporary files left by a killed run.
   *
   * @return how many were deleted
   * @throws IOException if the folder cannot be listed
   */
  public int removeStaleTemporaryFiles() throws IOException {
    return removeStaleTemporaryFiles(Integer.MAX_VALUE);
  }

  /**
   * Deletes temporary files left by a killed run, looking only this deep.
   *
   * @param depth 1 for the root folder alone
   * @return how many were deleted
   * @throws IOException if the folder cannot be listed
   */
  public int removeStaleTemporaryFiles(int depth) throws IOException {
    List<Path> stale = new ArrayList<>();
    Files.walkFileTree(root, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), depth,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && TEMP_FILE.matcher(file.getFileName().toString()).matches()) {
              stale.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    for (Path p : stale) {
      Files.deleteIfExists(p);
    }
    return stale.size();
  }

  /**
   * Syncs the folders of {@code files}, each once, and the parents of folders this store
   * created since the last sync, a few at a time.
   */
  @Override
  public void sync(Collection<StorePath> files) throws IOException {
    List<Path> contents = new ArrayList<>(unsyncedFiles);
    unsyncedFiles.removeAll(contents);
    Set<Path> folders = new LinkedHashSet<>();
    for (StorePath f : files) {
      folders.add(resolve(f).getParent());
    }
    for (Path f : contents) {
      folders.add(f.getParent());
    }
    for (Path d : List.copyOf(foldersWithNewEntries)) {
      foldersWithNewEntries.remove(d);
      folders.add(d);
    }
    if (folders.isEmpty()) {
      return;
    }
    FileSystemSync whole = fileSystemSync;
    if (whole != null && contents.size() + folders.size() > FEW_SYNCS && allOnRootsFileSystem(folders)) {
      if (whole.sync(root)) {
        fileSystemSyncs.incrementAndGet();
        return;
      }
      fileSystemSync = null; // not here: each file and folder from now on
    }
    List<Future<?>> pending = new ArrayList<>(contents.size() + folders.size());
    for (Path f : contents) {
      pending.add(FOLDER_SYNCS.submit(() -> {
        syncContent(f);
        return null;
      }));
    }
    awaitAll(pending);
    pending.clear();
    if (folders.size() <= 1) {
      for (Path d : folders) {
        syncFolder(d);
      }
      return;
    }
    for (Path d : folders) {
      pending.add(FOLDER_SYNCS.submit(() -> {
        syncFolder(d);
        return null;
      }));
    }
    awaitAll(pending);
  }

  /** Whether every folder is on the root's file system (a mount inside the destination is not). */
  private boolean allOnRootsFileSystem(Set<Path> folders) {
    try {
      Object device = Files.getAttribute(root, "unix:dev", LinkOption.NOFOLLOW_LINKS);
      for (Path d : folders) {
        if (!device.equals(Files.getAttribute(d, "unix:dev", LinkOption.NOFOLLOW_LINKS))) {
          return false;
        }
      }
      return true;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /** An fsync of a committed file's content, on a fresh descriptor (it reports an unseen write error). */
  private void syncContent(Path file) throws IOException {
    fileSyncs.incrementAndGet();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (NoSuchFileException e) {
      // replaced since (that commit synced its own content) or moved away by the run
    } catch (IOException e) {
      throw explain(e, file);
    }
  }

  private static void awaitAll(List<Future<?>> pending) throws IOException {
    IOException first = null;
    for (Future<?> f : pending) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        if (first == null) {
          first = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while syncing folders");
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static ExecutorService folderSyncThreads() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(PARALLEL_FOLDER_SYNCS, PARALLEL_FOLDER_SYNCS,
        10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "flickrbackup-folder-sync");
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private void syncFolder(Path dir) throws IOException {
    folderSyncs.incrementAndGet();
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      IOException failure = explain(e, dir);
      // Some file systems (and Windows) cannot open a folder for sync: an unexplained failure
      // leaves the rename standing. One that says the destination is unusable does not.
      if (MediaStoreException.reasonOf(failure) != Reason.OTHER) {
        throw failure;
      }
    }
  }

  /** Below this much usable space a volume counts as full: a media file rarely fits. */
  static final long NEARLY_FULL = 1024 * 1024;

  /**
   * Turns an I/O error into the store's typed failure, with a message that says what is wrong
   * with the destination. Java names only some causes by type (a missing file, access denied),
   * so for the others the volume itself is asked: is it read-only, is it out of space. The
   * message is read only as a last resort, for causes that leave no other trace: a used-up
   * quota (the volume still has space) and platforms whose errors carry nothing else.
   *
   * @param e the error
   * @param where the file involved
   * @return {@code e} itself if it is already typed or a {@link NoSuchFileException};
   *     otherwise a {@link MediaStoreException} with {@code e} as cause
   */
  public static IOException explain(IOException e, Path where) {
    if (e instanceof MediaStoreException || e instanceof NoSuchFileException) {
      return e;
    }
    Reason reason = classify(e, where);
    String what = switch (reason) {
      case NO_SPACE -> "disk full: no space left on the destination while writing " + where;
      case READ_ONLY -> "the destination is on a read-only file system: cannot write " + where;
      case PERMISSION_DENIED -> "permission denied: cannot use " + where + " (check the destination's permissions)";
      // A FileSystemException's message already names its file.
      case NOT_FOUND, REFUSED_PATH, OTHER -> e instanceof FileSystemException ? e.getMessage() : where + ": " + e.getMessage();
    };
    return new MediaStoreException(reason, what, e);
  }

  static Reason classify(IOException e, Path where) {
    Optional<FileStore> volume = volumeOf(where);
    // Read-only first: on some systems writing to a read-only mount is reported as access denied.
    if (volume.isPresent() && volume.get().isReadOnly()) {
      return Reason.READ_ONLY;
    }
    if (e instanceof AccessDeniedException) {
      return Reason.PERMISSION_DENIED;
    }
    if (volume.isPresent() && usableSpace(volume.get()) < NEARLY_FULL) {
      return Reason.NO_SPACE;
    }
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (m.contains("no space left") || m.contains("disk quota exceeded") || m.contains("not enough space")
        || m.contains("disk full")) {
      return Reason.NO_SPACE;
    }
    if (m.contains("read-only file system")) {
      return Reason.READ_ONLY;
    }
    // "Operation not permitted" (EPERM) is deliberately absent: it is how some file systems
    // refuse hard links, which the store answers with a copy.
    if (m.contains("permission denied")) {
      return Reason.PERMISSION_DENIED;
    }
    return Reason.OTHER;
  }

  /** The volume holding {@code where}, or its nearest existing folder (a temp file may be gone). */
  private static Optional<FileStore> volumeOf(Path where) {
    for (Path p = where; p != null; p = p.getParent()) {
      try {
        return Optional.of(Files.getFileStore(p));
      } catch (IOException e) {
        // not there (or not readable): ask its folder
      }
    }
    return Optional.empty();
  }

  private static long usableSpace(FileStore volume) {
    try {
      return volume.getUsableSpace();
    } catch (IOException e) {
      return Long.MAX_VALUE; // unknown: do not claim the volume is full
    }
  }

  private final class LocalWrite implements PendingWrite {
    private final Path file;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private final boolean syncFolderOnCommit;
    private boolean done;

    LocalWrite(Path file, Path temp, FileChannel channel, boolean syncFolderOnCommit) {
      this.file = file;
      this.temp = temp;
      this.channel = channel;
      this.syncFolderOnCommit = syncFolderOnCommit;
      OutputStream raw = Channels.newOutputStream(channel);
      // Small writes (metadata files) are gathered; a write of at least the buffer's size (the
      // fetcher's 64 KB) goes straight to the file. A buffer per file is garbage per file.
      this.out = new BufferedOutputStream(new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          try {
            raw.write(b);
          } catch (IOException e) {
            throw explain(e, temp);
          }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          try {
            raw.write(b, off, len);
          } catch (IOException e) {
            throw explain(e, temp);
          }
        }
      }, 8 * 1024);
    }

    @Override
    public OutputStream stream() {
      return out;
    }

    @Override
    public void commit() throws IOException {
      if (done) {
        throw new IllegalStateException("write of " + file + " already committed or closed");
      }
      try {
        out.flush();
        // A new name may wait for the batch's sync; a file that replaces another may not. Nor
        // may a large one: its bytes are flushed here, on this writer's thread while the other
        // items download, instead of all together by the batch's sync, which the run then
        // waits for (on its last batch, after the last download).
        boolean deferred = deferFolderSyncs && channel.position() < SYNC_AT_COMMIT_FROM
            && !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        if (!deferred) {
          channel.force(true);
          fileSyncs.incrementAndGet();
        }
        channel.close();
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        done = true;
        if (deferred) {
          unsyncedFiles.add(file);
        }
      } catch (IOException e) {
        discard();
        throw explain(e, file);
      }
      if (syncFolderOnCommit) {
        syncFolder(file.getParent());
      }
    }

    private void discard() {
      done = true;
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a channel we are throwing away
      }
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // a stale .part is cleaned by the next run
      }
    }

    @Override
    public void close() {
      if (!done) {
        discard();
      }
    }
  }
}
