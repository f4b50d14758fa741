package io.github.flickrbackup.internal.verify;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.ItemOutcome;
import io.github.flickrbackup.VerifyProblem;
import io.github.flickrbackup.VerifyProblem.Kind;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.StorePath;
import io.github.flickrbackup.store.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a destination against its catalog: every file the catalog records (the media file,
 * each album's copy, the metadata files beside each) is looked at, and every media file is
 * read and hashed; then, for a store that can be walked, every file in the layout that the
 * catalog does not record is reported. Reading is streaming (one 64 kB buffer per reader) and
 * parallel: the catalog is streamed by one thread and items are checked by {@code threads}
 * readers, with at most a few items per reader waiting, so memory does not grow with the
 * backup (only the problems found are kept).
 */
final class Verifier {
  /** Files a user or the OS leaves in any folder; they are not "unknown" backup files. */
  private static final Set<String> IGNORED = Set.of(".stamp", ".flickrbackup-probe", ".DS_Store", "Thumbs.db",
      "desktop.ini");
  /** Metadata suffixes of the built-in writers, known even when this verify does not write them. */
  private static final List<String> BUILT_IN_SUFFIXES = List.of(".txt", ".json");
  private static final Pattern ITEM_FILE = Pattern.compile("^(\\d{1,20})\\.[^.]+.*$");
  private static final int BUFFER = 64 * 1024;

  private final MediaStore store;
  private final Catalog catalog;
  private final List<MetadataWriter> writers;
  private final int threads;
  private final BackupListener listener;

  /**
   * What one pass found.
   *
   * @param items items checked
   * @param files files looked at
   * @param bytes media bytes hashed
   * @param problems the problems, ordered by path
   * @param homes id to the item's own media path, for each item with a problem
   */
  record Outcome(long items, long files, long bytes, List<VerifyProblem> problems, Map<String, String> homes) {
    Outcome {
      problems = List.copyOf(problems);
      homes = Map.copyOf(homes);
    }
  }

  Verifier(MediaStore store, Catalog catalog, List<MetadataWriter> writers, int threads, BackupListener listener) {
    this.store = store;
    this.catalog = catalog;
    this.writers = List.copyOf(writers);
    this.threads = threads;
    this.listener = listener;
  }

  /**
   * Checks items and, if asked, looks for unknown files.
   *
   * @param only the ids to check, or null for every item
   * @param unknown whether to walk the store for files the catalog does not record
   * @return what was found
   * @throws IOException if the store cannot be read (a missing or damaged file is a problem, not an error)
   * @throws SQLException if the catalog cannot be read
   */
  Outcome check(Set<String> only, boolean unknown) throws IOException, SQLException {
    ConcurrentLinkedQueue<VerifyProblem> problems = new ConcurrentLinkedQueue<>();
    AtomicLong items = new AtomicLong();
    AtomicLong files = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicReference<IOException> failure = new AtomicReference<>();
    Map<String, String> homes = new java.util.concurrent.ConcurrentHashMap<>();
    ExecutorService readers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "flickrbackup-verify");
      t.setDaemon(true);
      return t;
    });
    // A few items per reader in flight: enough to keep every reader busy, never the whole catalog.
    Semaphore inFlight = new Semaphore(threads * 4);
    try {
      catalog.forEachRecorded((row, albumPaths) -> {
        if ((only != null && !only.contains(row.id())) || failure.get() != null) {
          return;
        }
        inFlight.acquireUninterruptibly();
        readers.execute(() -> {
          try {
            ItemCheck c = new ItemCheck(row, albumPaths);
            c.run();
            items.incrementAndGet();
            files.addAndGet(c.files);
            bytes.addAndGet(c.bytes);
            problems.addAll(c.found);
            if (!c.found.isEmpty()) {
              homes.put(row.id(), row.primaryPath());
            }
          } catch (IOException e) {
            failure.compareAndSet(null, e);
          } finally {
            inFlight.release();
          }
        });
      });
    } finally {
      readers.shutdown();
      try {
        readers.awaitTermination(365, TimeUnit.DAYS);
      } catch (InterruptedException e) {
        readers.shutdownNow();
        Thread.currentThread().interrupt();
        throw new IOException("verify was interrupted", e);
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    if (unknown) {
      problems.addAll(unknownFiles());
    }
    List<VerifyProblem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparing(VerifyProblem::path).thenComparing(VerifyProblem::kind));
    return new Outcome(items.get(), files.get(), bytes.get(), sorted, homes);
  }

  /** The checks of one item, run by one reader. */
  private final class ItemCheck {
    private final ItemRow row;
    private final Map<String, String> albumPaths;
    private final PhotoId id;
    private final List<VerifyProblem> found = new ArrayList<>();
    private final byte[] buffer = new byte[BUFFER];
    private long files;
    private long bytes;

    ItemCheck(ItemRow row, Map<String, String> albumPaths) {
      this.row = row;
      this.albumPaths = albumPaths;
      this.id = PhotoId.of(row.id());
    }

    void run() throws IOException {
      StorePath home = StorePath.parse(row.primaryPath());
      event(() -> listener.itemStarted(id, row.size()));
      media(home, true);
      Set<String> copies = new LinkedHashSet<>(albumPaths.values());
      copies.remove(row.primaryPath());
      for (String copy : copies) {
        media(StorePath.parse(copy), false);
      }
      for (MetadataWriter w : writers) {
        StorePath homeMeta = metadataOf(home, w);
        byte[] own = read(homeMeta);
        if (own == null) {
          problem(Kind.MISSING_METADATA, homeMeta, "no " + w.fileSuffix() + " file beside the media file");
        } else if (w.fileSuffix().equals(".txt")) {
          staleIni(new String(own, StandardCharsets.UTF_8)).ifPresent(why -> problem(Kind.STALE_METADATA, homeMeta,
              why));
        }
        for (String copy : copies) {
          StorePath copyMeta = metadataOf(StorePath.parse(copy), w);
          byte[] theirs = read(copyMeta);
          if (theirs == null) {
            problem(Kind.MISSING_METADATA, copyMeta, "no " + w.fileSuffix() + " file beside the album's copy");
          } else if (own != null && !Arrays.equals(own, theirs)) {
            problem(Kind.STALE_METADATA, copyMeta, "differs from the item's own " + homeMeta);
          }
        }
      }
      event(() -> listener.itemFinished(id, ItemOutcome.UNCHANGED));
    }

    private void media(StorePath path, boolean home) throws IOException {
      files++;
      Optional<StoredFile> stat = store.stat(path);
      if (stat.isEmpty()) {
        problem(home ? Kind.MISSING_MEDIA : Kind.MISSING_COPY, path,
            home ? "the media file is missing" : "the album's copy is missing");
        return;
      }
      if (stat.get().size() != row.size()) {
        problem(Kind.CORRUPT, path, "size " + stat.get().size() + ", the catalog says " + row.size());
        return;
      }
      if (row.sha256() == null) {
        return; // nothing to compare the bytes with
      }
      String sha = hash(path);
      if (sha == null) {
        problem(home ? Kind.MISSING_MEDIA : Kind.MISSING_COPY, path, "vanished while it was read");
      } else if (!sha.equals(row.sha256())) {
        problem(Kind.CORRUPT, path, "SHA-256 " + sha + ", the catalog says " + row.sha256());
      }
    }

    /** @return the hex SHA-256, or null if the file vanished */
    private String hash(StorePath path) throws IOException {
      MessageDigest md = sha256();
      try (InputStream in = store.open(path)) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          md.update(buffer, 0, n);
          bytes += n;
          int read = n;
          event(() -> listener.bytesReceived(id, read));
        }
      } catch (java.nio.file.NoSuchFileException e) {
        return null;
      }
      return HexFormat.of().formatHex(md.digest());
    }

    /** @return a metadata file's bytes (they are small), or null if it is missing */
    private byte[] read(StorePath path) throws IOException {
      files++;
      if (store.stat(path).isEmpty()) {
        return null;
      }
      try (InputStream in = store.open(path)) {
        return in.readAllBytes();
      } catch (java.nio.file.NoSuchFileException e) {
        return null;
      }
    }

    /**
     * Whether an INI file still describes the item as recorded: its id, its original (the
     * secret is part of the URL it records) and whether it is a rendition.
     */
    private Optional<String> staleIni(String text) {
      String ownId = null;
      String url = null;
      String rendition = null;
      boolean notOriginal = false;
      for (String line : text.split("\n", -1)) {
        int eq = line.indexOf(" = ");
        if (eq < 0) {
          continue;
        }
        String key = line.substring(0, eq).trim();
        String value = line.substring(eq + 3).trim();
        switch (key) {
          case "id" -> ownId = value;
          case "url" -> url = value;
          case "rendition" -> rendition = value.replace("%%", "%");
          case "original" -> notOriginal = value.equals("no");
          default -> { }
        }
      }
      if (!row.id().equals(ownId)) {
        return Optional.of("names item " + ownId + ", not " + row.id());
      }
      String secret = row.originalSecret();
      if (secret != null && !secret.isEmpty() && !secret.startsWith("adopted:")
          && (url == null || !url.contains(secret))) {
        return Optional.of("its url does not name the original backed up (secret " + secret + ")");
      }
      if (row.rendition() != null && (!notOriginal || !row.rendition().equals(rendition))) {
        return Optional.of("the file holds the rendition '" + row.rendition() + "', the metadata does not say so");
      }
      if (row.rendition() == null && notOriginal) {
        return Optional.of("says the file is a rendition, but it holds the original");
      }
      return Optional.empty();
    }

    private void problem(Kind kind, StorePath path, String detail) {
      found.add(new VerifyProblem(kind, Optional.of(id), path.toString(), detail));
    }
  }

  /**
   * Walks the store: files in the layout that no catalog row names. Each file is looked up as
   * it is visited (files of one item sit together, so one lookup serves them), so nothing
   * grows with the backup but the problems.
   */
  private List<VerifyProblem> unknownFiles() throws IOException {
    List<VerifyProblem> unknown = new ArrayList<>();
    String[] lastId = {null};
    List<Set<String>> recorded = new ArrayList<>(List.of(Set.of()));
    try {
      store.walk(f -> {
        StorePath path = f.path();
        String name = path.fileName();
        if (IGNORED.contains(name) || name.startsWith("._")) {
          return;
        }
        Matcher m = ITEM_FILE.matcher(name);
        boolean known = false;
        if (m.matches()) {
          String itemId = m.group(1);
          if (!itemId.equals(lastId[0])) {
            try {
              recorded.set(0, catalog.recordedPaths(itemId));
            } catch (SQLException e) {
              throw new CatalogUnreadable(e);
            }
            lastId[0] = itemId;
          }
          known = recorded.get(0).contains(mediaOf(path).toString());
        }
        if (!known) {
          unknown.add(new VerifyProblem(Kind.UNKNOWN, Optional.empty(), path.toString(),
              "not recorded in the catalog; left alone"));
        }
      });
    } catch (CatalogUnreadable e) {
      throw new IOException("cannot read the catalog: " + e.getCause().getMessage(), e.getCause());
    }
    return unknown;
  }

  /** Carries a catalog failure out of the store's walk. */
  private static final class CatalogUnreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CatalogUnreadable(SQLException cause) {
      super(cause);
    }
  }

  /** The media file a file belongs to: itself, or the file a metadata file describes. */
  private StorePath mediaOf(StorePath path) {
    String name = path.fileName();
    List<String> suffixes = new ArrayList<>(BUILT_IN_SUFFIXES);
    writers.forEach(w -> suffixes.add(w.fileSuffix()));
    for (String suffix : suffixes) {
      if (name.endsWith(suffix) && name.length() > suffix.length()) {
        return path.resolveSibling(name.substring(0, name.length() - suffix.length()));
      }
    }
    return path;
  }

  static StorePath metadataOf(StorePath media, MetadataWriter writer) {
    return media.resolveSibling(media.fileName() + writer.fileSuffix());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Listener calls: a listener must not throw, and one that does must not stop a verify. */
  private static void event(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException ignored) {
      // the listener's problem
    }
  }
}
