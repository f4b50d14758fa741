package io.github.flickrbackup;

import io.github.flickrbackup.internal.layout.Layout;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.store.MediaStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything a backup run needs to know: where items come from, where they go, which items,
 * and how. Immutable; build one with {@link #builder()}, derive variants with
 * {@link #toBuilder()}, run it with {@link FlickrBackup#run(BackupPlan)}.
 *
 * <pre>{@code
 * BackupPlan plan = BackupPlan.builder()
 *     .source(FlickrSource.builder().apiKey(key).accessToken(token).build())
 *     .destination(Path.of("/backup/flickr"))
 *     .selection(Selection.sinceLastRun())
 *     .threads(8)
 *     .build();
 * BackupResult result = FlickrBackup.run(plan);
 * }</pre>
 */
public final class BackupPlan {
  private final PhotoSource source;
  private final Path destination;
  private final MediaStore store;
  private final Path stateDirectory;
  private final Selection selection;
  private final boolean storeOnce;
  private final boolean keepExisting;
  private final boolean forceCopies;
  private final boolean dryRun;
  private final boolean verifyFiles;
  private final int retries;
  private final int threads;
  private final RetryPolicy downloadRetry;
  private final Path errorFile;
  private final List<MetadataWriter> extraWriters;
  private final boolean iniMetadata;
  private final BackupListener listener;
  private final boolean mirror;
  private final Path attic;
  private final int maxDelete;
  private final boolean maxDeleteGiven;

  private BackupPlan(Builder b) {
    this.source = b.source;
    this.destination = b.destination;
    this.store = b.store;
    this.stateDirectory = b.stateDirectory;
    this.selection = b.selection;
    this.storeOnce = b.storeOnce;
    this.keepExisting = b.keepExisting;
    this.forceCopies = b.forceCopies;
    this.dryRun = b.dryRun;
    this.verifyFiles = b.verifyFiles;
    this.retries = b.retries;
    this.threads = b.threads;
    this.downloadRetry = b.downloadRetry;
    this.errorFile = b.errorFile;
    this.extraWriters = b.metadataWriters;
    this.iniMetadata = b.iniMetadata;
    this.listener = b.listener;
    this.mirror = b.mirror;
    this.attic = b.attic;
    this.maxDelete = b.maxDelete;
    this.maxDeleteGiven = b.maxDeleteGiven;
  }

  /**
   * Starts a plan with the defaults written on each builder method.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this plan's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.source = source;
    b.destination = destination;
    b.store = store;
    b.stateDirectory = stateDirectory;
    b.selection = selection;
    b.storeOnce = storeOnce;
    b.keepExisting = keepExisting;
    b.forceCopies = forceCopies;
    b.dryRun = dryRun;
    b.verifyFiles = verifyFiles;
    b.retries = retries;
    b.threads = threads;
    b.downloadRetry = downloadRetry;
    b.errorFile = errorFile;
    b.metadataWriters = extraWriters;
    b.iniMetadata = iniMetadata;
    b.listener = listener;
    b.mirror = mirror;
    b.attic = attic;
    b.maxDelete = maxDelete;
    b.maxDeleteGiven = maxDeleteGiven;
    return b;
  }

  /** @return where items come from */
  public PhotoSource source() {
    return source;
  }

  /** @return the destination folder, if the built-in file-system store is used */
  public Optional<Path> destination() {
    return Optional.ofNullable(destination);
  }

  /** @return a custom store, if one was given instead of a destination folder */
  public Optional<MediaStore> store() {
    return Optional.ofNullable(store);
  }

  /**
   * @return where the catalog and lock live: {@code DEST/.flickrbackup} for a destination
   *     folder, or the folder given with a custom store
   */
  public Path stateDirectory() {
    return stateDirectory != null ? stateDirectory : destination.resolve(".flickrbackup");
  }

  /** @return which items are backed up */
  public Selection selection() {
    return selection;
  }

  /** @return store items that are in several albums only under their first album */
  public boolean storeOnce() {
    return storeOnce;
  }

  /** @return leave an item alone when its media file already exists */
  public boolean keepExisting() {
    return keepExisting;
  }

  /** @return copy rather than hard-link an item's files into its other albums */
  public boolean forceCopies() {
    return forceCopies;
  }

  /** @return list what would be fetched without fetching or writing anything */
  public boolean dryRun() {
    return dryRun;
  }

  /** @return re-hash local media and re-download any that no longer match the catalog */
  public boolean verifyFiles() {
    return verifyFiles;
  }

  /** @return how many more passes over failed items a run makes before giving up on them */
  public int retries() {
    return retries;
  }

  /** @return parallel downloads */
  public int threads() {
    return threads;
  }

  /** @return attempts and backoff for one item's whole download within a pass */
  public RetryPolicy downloadRetry() {
    return downloadRetry;
  }

  /** @return the file failed ids are appended to, if any */
  public Optional<Path> errorFile() {
    return Optional.ofNullable(errorFile);
  }

  /**
   * The metadata files written beside each media file, in order: the INI {@code .txt}
   * ({@link MetadataWriters#ini()}) first unless {@link Builder#iniMetadata(boolean)} turned it
   * off, then the writers given to {@link Builder#metadataWriters(List)}. Never empty; no two
   * share a suffix.
   *
   * @return the writers
   */
  public List<MetadataWriter> metadataWriters() {
    if (!iniMetadata || extraWriters.contains(MetadataWriters.ini())) {
      return extraWriters;
    }
    List<MetadataWriter> all = new ArrayList<>(1 + extraWriters.size());
    all.add(MetadataWriters.ini());
    all.addAll(extraWriters);
    return List.copyOf(all);
  }

  /** @return whether the INI {@code .txt} is written (see {@link Builder#iniMetadata(boolean)}) */
  public boolean iniMetadata() {
    return iniMetadata;
  }

  /** @return who hears progress events */
  public BackupListener listener() {
    return listener;
  }

  /** @return whether the run also applies deletions and album changes (see {@link Builder#mirror(boolean)}) */
  public boolean mirror() {
    return mirror;
  }

  /**
   * @return the attic folder given with {@link Builder#attic(Path)}; empty for the default,
   *     {@code .flickrbackup/attic} inside the destination (or the store)
   */
  public Optional<Path> attic() {
    return Optional.ofNullable(attic);
  }

  /** @return the most items a mirroring run may move to the attic (see {@link Builder#maxDelete(int)}) */
  public int maxDelete() {
    return maxDelete;
  }

  /**
   * @return whether {@link Builder#maxDelete(int)} was called: only then may a listing that
   *     shrank by half or more be mirrored
   */
  public boolean maxDeleteGiven() {
    return maxDeleteGiven;
  }

  @Override
  public String toString() {
    return "BackupPlan[" + (destination != null ? destination : store) + ", " + selection
        + (dryRun ? ", dry run" : "") + ", threads=" + threads + "]";
  }

  /** Builds a {@link BackupPlan}; each setter validates its argument. */
  public static final class Builder {
    private PhotoSource source;
    private Path destination;
    private MediaStore store;
    private Path stateDirectory;
    private Selection selection = Selection.sinceLastRun();
    private boolean storeOnce;
    private boolean keepExisting;
    private boolean forceCopies;
    private boolean dryRun;
    private boolean verifyFiles;
    private int retries = 1;
    private int threads = 6;
    private RetryPolicy downloadRetry = RetryPolicy.downloadDefault();
    private Path errorFile;
    private List<MetadataWriter> metadataWriters = List.of();
    private boolean iniMetadata = true;
    private BackupListener listener = BackupListener.NONE;
    private boolean mirror;
    private Path attic;
    private int maxDelete = DEFAULT_MAX_DELETE;
    private boolean maxDeleteGiven;

    /** The default of {@link #maxDelete(int)}. */
    public static final int DEFAULT_MAX_DELETE = 50;

    private Builder() {}

    /**
     * Where items come from. Required.
     *
     * @param source usually {@code FlickrSource.builder()...build()}
     * @return this
     */
    public Builder source(PhotoSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Back up into this folder with the built-in file-system store; the catalog goes in
     * {@code .flickrbackup} inside it. Either this or {@link #store} is required.
     *
     * @param destination the folder (created if missing)
     * @return this
     */
    public Builder destination(Path destination) {
      this.destination = Objects.requireNonNull(destination, "destination").toAbsolutePath().normalize();
      this.store = null;
      this.stateDirectory = null;
      return this;
    }

    /**
     * Back up into a custom store. Either this or {@link #destination} is required.
     *
     * @param store the store
     * @param stateDirectory a local folder for the catalog and the lock
     * @return this
     */
    public Builder store(MediaStore store, Path stateDirectory) {
      this.store = Objects.requireNonNull(store, "store");
      this.stateDirectory = Objects.requireNonNull(stateDirectory, "stateDirectory").toAbsolutePath().normalize();
      this.destination = null;
      return this;
    }

    /**
     * Which items. Default: {@link Selection#sinceLastRun()}, which fails with a
     * {@link NoEarlierRunException} on a destination no run has finished in; a program that
     * runs the same plan every time passes {@link Selection#sinceLastRunOr(java.time.Instant)}.
     *
     * @param selection the selection
     * @return this
     */
    public Builder selection(Selection selection) {
      this.selection = Objects.requireNonNull(selection, "selection");
      return this;
    }

    /**
     * Store an item in several albums only under its first album. Default: false.
     *
     * @param storeOnce whether to
     * @return this
     */
    public Builder storeOnce(boolean storeOnce) {
      this.storeOnce = storeOnce;
      return this;
    }

    /**
     * Leave an item alone when its media file exists, even if it changed. Default: false.
     *
     * @param keepExisting whether to
     * @return this
     */
    public Builder keepExisting(boolean keepExisting) {
      this.keepExisting = keepExisting;
      return this;
    }

    /**
     * Copy instead of hard-linking into other albums' folders. Default: false (links where
     * the file system allows).
     *
     * @param forceCopies whether to
     * @return this
     */
    public Builder forceCopies(boolean forceCopies) {
      this.forceCopies = forceCopies;
      return this;
    }

    /**
     * List what would be fetched, and its cost, without fetching or writing. Default: false.
     *
     * @param dryRun whether to
     * @return this
     */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * Re-hash every local media file and re-download those that no longer match. Default:
     * false.
     *
     * @param verifyFiles whether to
     * @return this
     */
    public Builder verifyFiles(boolean verifyFiles) {
      this.verifyFiles = verifyFiles;
      return this;
    }

    /**
     * Extra passes over failed items within one run. Default: 1.
     *
     * @param retries 0 to 100
     * @return this
     */
    public Builder retries(int retries) {
      if (retries < 0 || retries > 100) {
        throw new IllegalArgumentException("retries must be between 0 and 100, not " + retries);
      }
      this.retries = retries;
      return this;
    }

    /**
     * Parallel downloads. Default: 6.
     *
     * @param threads 1 to 64
     * @return this
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threads must be between 1 and 64, not " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * How a download is tried again within one pass when its body breaks off, has another length
     * than announced, or is not the media (an HTML page, a poster). API calls and opening a
     * media request are retried by the source ({@code FlickrSource.Builder#retry}). Default:
     * {@link RetryPolicy#downloadDefault()} (3 attempts, 500 ms doubling).
     *
     * @param policy the policy
     * @return this
     */
    public Builder downloadRetry(RetryPolicy policy) {
      this.downloadRetry = Objects.requireNonNull(policy, "downloadRetry");
      return this;
    }

    /**
     * Append the ids of failed items to this file (the Python tool's {@code -e}). Default:
     * none.
     *
     * @param errorFile the file, or {@code null} for none
     * @return this
     */
    public Builder errorFile(Path errorFile) {
      this.errorFile = errorFile;
      return this;
    }

    /**
     * Further metadata files to write beside each media file, after the INI {@code .txt},
     * which is kept unless {@link #iniMetadata(boolean) iniMetadata(false)}. Default: none.
     * Listing {@link MetadataWriters#ini()} here as well changes nothing.
     *
     * <p>Each writer's {@link MetadataWriter#fileSuffix()} is read here, once, and checked: a
     * dot, then letters, digits, {@code _} or {@code -}, in dot-separated parts of at most 32
     * characters in all (e.g. {@code .json}, {@code .xmp}, {@code .meta.json}); a writer that
     * {@linkplain MetadataWriter#replacesExtension() replaces the extension} needs a suffix of one
     * part that is not a media extension ({@code .jpg}, {@code .mp4}, …). No two writers
     * may share one, and {@code .txt} belongs to the INI writer while it is on ({@link #build()}
     * says so).
     *
     * <pre>{@code
     * builder.metadataWriters(List.of(MetadataWriters.jsonSidecar()));   // ID.EXT.txt and ID.EXT.json
     * }</pre>
     *
     * @param writers the writers, in the order they are written
     * @return this
     * @throws IllegalArgumentException if a suffix is malformed or used twice, naming the writer
     */
    public Builder metadataWriters(List<MetadataWriter> writers) {
      List<MetadataWriter> copy = List.copyOf(writers);
      checkSuffixes(copy);
      this.metadataWriters = copy;
      return this;
    }

    /**
     * Whether to write the INI {@code ID.EXT.txt} of {@link MetadataWriters#ini()}, the Python
     * tool's metadata file. Default: true. Turning an existing backup over to this tool
     * (adoption) and {@link FlickrBackup#findMissing} read these files, so turn it off only for
     * a destination that needs neither, and give another writer then.
     *
     * @param write false to write only the writers of {@link #metadataWriters(List)}
     * @return this
     */
    public Builder iniMetadata(boolean write) {
      this.iniMetadata = write;
      return this;
    }

    private static final Pattern SUFFIX = Pattern.compile("(\\.[A-Za-z0-9][A-Za-z0-9_-]*)+");

    /**
     * Suffixes become part of file names in every store: only a safe, short form is allowed,
     * and a shared suffix would make two writers overwrite one file.
     */
    private static void checkSuffixes(List<MetadataWriter> writers) {
      Map<String, MetadataWriter> seen = new HashMap<>();
      for (MetadataWriter w : writers) {
        String suffix = w.fileSuffix();
        if (suffix == null || suffix.length() > 32 || !SUFFIX.matcher(suffix).matches()) {
          throw new IllegalArgumentException("metadata writer " + w.getClass().getName() + " has the file suffix "
              + (suffix == null ? "null" : "'" + suffix.replaceAll("\\p{Cntrl}", "?") + "'")
              + ": a suffix is a dot followed by letters, digits, '_' or '-' (more parts separated by dots),"
              + " at most 32 characters, e.g. '.json'");
        }
        // ID + ".jpg" would be the media file, ID + ".jpg.txt" another writer's file.
        if (w.replacesExtension() && (suffix.indexOf('.', 1) > 0
            || Layout.MEDIA_EXTENSIONS.contains(suffix.substring(1).toLowerCase(Locale.ROOT)))) {
          throw new IllegalArgumentException("metadata writer " + w.getClass().getName() + " replaces the media file's "
              + "extension with '" + suffix + "': such a suffix must be one part and not a media extension "
              + "(e.g. '.xmp'), or its files would overwrite media or other metadata files");
        }
        MetadataWriter other = seen.putIfAbsent(suffix, w);
        if (other != null && other != w) {
          throw new IllegalArgumentException("metadata writers " + other.getClass().getName() + " and "
              + w.getClass().getName() + " both write '" + suffix + "' files: give each writer its own suffix");
        }
      }
    }

    /**
     * Who hears progress events. Default: {@link BackupListener#NONE}.
     *
     * @param listener the listener
     * @return this
     */
    public Builder listener(BackupListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Also apply what changed on Flickr: an item deleted on Flickr (or unfaved, with
     * {@link Selection#favorites()}), an item taken out of an album, an album deleted or
     * renamed. Default: false.
     *
     * <p>Nothing is ever deleted: a file leaves the layout by being moved into the attic,
     * {@code .flickrbackup/attic/<run time>/<path as it was>} (see {@link #attic(Path)}), with
     * its metadata files, and the catalog records each move. A renamed album's files move to
     * its new folder; nothing is downloaded again. To know what is gone, the run lists the
     * whole account ({@code people.getPhotos}, about one call per 500 items, or the whole
     * favorites list) and every album's members (one call per album), whatever the
     * selection's date. Safety: no file goes to the attic after a listing that was not
     * confirmed complete, an empty one, one with less than half the items the catalog knows
     * (unless {@link #maxDelete(int)} was set to at least the number of items to move), or
     * when more than {@link #maxDelete(int)} items would go; {@link BackupResult#mirror()}
     * says why. With {@link #dryRun(boolean)} the moves are reported, not made.
     *
     * @param mirror whether to
     * @return this
     */
    public Builder mirror(boolean mirror) {
      this.mirror = mirror;
      return this;
    }

    /**
     * The attic of {@link #mirror(boolean)}: files leaving the layout go to
     * {@code attic/<run time>/<path as it was>}. It must be on the same file system as the
     * destination, since files are moved by an atomic rename (the run refuses another one at
     * its start). Default: {@code .flickrbackup/attic} inside the destination.
     *
     * @param attic a folder (created if missing); only with {@link #destination(Path)}
     * @return this
     */
    public Builder attic(Path attic) {
      this.attic = attic == null ? null : attic.toAbsolutePath().normalize();
      return this;
    }

    /**
     * The most items {@link #mirror(boolean)} may move to the attic in one run; a run that
     * would move more moves none and says so ({@link MirrorOutcome#refusal()}), so that a
     * Flickr fault cannot empty a backup. Setting it explicitly also allows mirroring a
     * listing with less than half of the items the catalog knows, up to this many. Default:
     * {@value #DEFAULT_MAX_DELETE}.
     *
     * @param maxDelete 0 or more
     * @return this
     */
    public Builder maxDelete(int maxDelete) {
      if (maxDelete < 0) {
        throw new IllegalArgumentException("maxDelete must be 0 or more, not " + maxDelete);
      }
      this.maxDelete = maxDelete;
      this.maxDeleteGiven = true;
      return this;
    }

    /**
     * Checks the plan and builds it.
     *
     * @return the plan
     * @throws IllegalStateException if the source or the destination is missing, no metadata
     *     writer is left, a writer claims {@code .txt} while the INI writer is on, mirroring is
     *     asked for explicit ids, or an attic is given without mirroring, without a destination
     *     folder or inside the destination's layout
     */
    public BackupPlan build() {
      if (source == null) {
        throw new IllegalStateException("a plan needs a source: call source(...)");
      }
      if (destination == null && store == null) {
        throw new IllegalStateException("a plan needs a destination: call destination(...) or store(...)");
      }
      if (!iniMetadata && metadataWriters.isEmpty()) {
        throw new IllegalStateException("a plan writes at least one metadata file: with iniMetadata(false), "
            + "give the writers with metadataWriters(...)");
      }
      MetadataWriter ini = MetadataWriters.ini();
      for (MetadataWriter w : metadataWriters) {
        if (iniMetadata && w != ini && w.fileSuffix().equals(ini.fileSuffix())) {
          throw new IllegalStateException("metadata writer " + w.getClass().getName() + " writes '.txt' files, "
              + "which are the INI writer's: call iniMetadata(false) to replace the INI .txt with it");
        }
      }
      if (mirror && selection instanceof Selection.Ids) {
        throw new IllegalStateException("mirror needs a listing of the whole account: it cannot be combined "
            + "with a selection of explicit ids");
      }
      if (attic != null && !mirror) {
        throw new IllegalStateException("an attic is used only when mirroring: call mirror(true) as well");
      }
      if (attic != null && destination == null) {
        throw new IllegalStateException("attic(...) needs a destination folder; with a custom store the attic is "
            + ".flickrbackup/attic inside the store");
      }
      if (attic != null && attic.startsWith(destination) && !attic.startsWith(destination.resolve(".flickrbackup"))) {
        throw new IllegalStateException("the attic " + attic + " is inside the destination's layout; choose a "
            + "folder outside " + destination + " (or leave it out for .flickrbackup/attic)");
      }
      return new BackupPlan(this);
    }
  }
}
