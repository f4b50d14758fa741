package io.github.flickrbackup.internal.store;

import io.github.flickrbackup.store.MediaStore;
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
 * <p>Folder syncs: by default every commit and link fsyncs its folder before it returns, as
 * {@code FileSystemStore.at} promises. The engine makes its store with
 * {@link #deferringFolderSyncs}: commits and links then leave the folder to {@link #sync},
 * which the engine calls once per catalog batch, so that a folder holding many of a batch's
 * files is synced once instead of once per file. File content is fsynced before its rename
 * either way, so a name never points at content that could be lost.
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
  private final AtomicLong folderSyncs = new AtomicLong();

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
   * A store whose commits and links leave their folder to {@link #sync}.
   *
   * @param root the folder, created if missing
   * @return the store
   * @throws IOException if it cannot be created or is not a folder
   */
  public static LocalFolderStore deferringFolderSyncs(Path root) throws IOException {
    return new LocalFolderStore(root, true);
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
    return new StoreFeatures(true, true);
  }

  /**
   * Resolves a store path to a file under the root, refusing symbolic links on the way.
   *
   * @param path the store path
   * @return the file
   * @throws IOException if a component is a symbolic link or the path leaves the root
   */
  public Path resolve(StorePath path) throws IOException {
    Path p = root;
    for (String segment : path.segments()) {
      p = p.resolve(segment);
      if (Files.isSymbolicLink(p)) {
        throw new IOException("refusing to follow a symbolic link inside the destination: " + p);
      }
    }
    Path normal = p.normalize();
    if (!normal.startsWith(root) || normal.equals(root)) {
      throw new IOException("path leaves the destination: " + path);
    }
    return normal;
  }

  /** @return how many folder fsyncs this store has made (for tests of batching) */
  public long folderSyncs() {
    return folderSyncs.get();
  }

  private Path createFolders(StorePath path) throws IOException {
    Path file = resolve(path);
    Path dir = file.getParent();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      // A new folder's own name lives in its parent: that parent needs a sync too.
      List<Path> created = new ArrayList<>();
      for (Path d = dir; !d.equals(root) && !Files.exists(d, LinkOption.NOFOLLOW_LINKS); d = d.getParent()) {
        created.add(d);
      }
      try {
        Files.createDirectories(dir);
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
      throw new IOException("folder resolves outside the destination: " + dir);
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
    }
  }

  @Override
  public PendingWrite create(StorePath path) throws IOException {
    Path file = createFolders(path);
    Path temp = tempFor(file);
    FileChannel channel;
    try {
      channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
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
    return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
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
      } catch (UnsupportedOperationException | FileSystemException e) {
        Files.deleteIfExists(temp);
        if (isFatal(e)) {
          throw explain((IOException) e, file);
        }
        // The file system cannot link (FAT, some network shares, cross-device): copy.
      }
    }
    try (PendingWrite w = create(target); InputStream in = Files.newInputStream(source)) {
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
        throw exc;
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
    List<Path> stale = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
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
    Set<Path> folders = new LinkedHashSet<>();
    for (StorePath f : files) {
      folders.add(resolve(f).getParent());
    }
    for (Path d : List.copyOf(foldersWithNewEntries)) {
      foldersWithNewEntries.remove(d);
      folders.add(d);
    }
    if (folders.size() <= 1) {
      for (Path d : folders) {
        syncFolder(d);
      }
      return;
    }
    List<Future<?>> pending = new ArrayList<>(folders.size());
    for (Path d : folders) {
      pending.add(FOLDER_SYNCS.submit(() -> {
        syncFolder(d);
        return null;
      }));
    }
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
      // Some file systems (and Windows) cannot open a folder for sync; the rename stands.
      if (isFatal(e)) {
        throw explain(e, dir);
      }
    }
  }

  /**
   * Whether an I/O error means the destination as a whole cannot be written.
   *
   * @param e the error
   * @return true for disk full, read-only, permission denied
   */
  public static boolean isFatal(Exception e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return e instanceof AccessDeniedException || m.contains("no space left") || m.contains("disk full")
        || m.contains("read-only file system") || m.contains("permission denied")
        || m.contains("disk quota exceeded");
  }

  /**
   * Rewords an I/O error so that it says what is wrong with the destination.
   *
   * @param e the error
   * @param where the file involved
   * @return an exception with a clear message and {@code e} as cause
   */
  public static IOException explain(IOException e, Path where) {
    if (e instanceof NoSuchFileException) {
      return e;
    }
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    String what;
    if (m.contains("no space left") || m.contains("disk full") || m.contains("disk quota exceeded")) {
      what = "disk full: no space left on the destination while writing " + where;
    } else if (m.contains("read-only file system")) {
      what = "the destination is on a read-only file system: cannot write " + where;
    } else if (e instanceof AccessDeniedException || m.contains("permission denied")) {
      what = "permission denied: cannot write " + where + " (check the destination's permissions)";
    } else {
      return e;
    }
    IOException clear = e instanceof AccessDeniedException
        ? new AccessDeniedException(where.toString(), null, what)
        : new IOException(what, e);
    if (clear.getCause() == null) {
      clear.initCause(e);
    }
    return clear;
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
      }, 64 * 1024);
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
        channel.force(true);
        channel.close();
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        done = true;
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
