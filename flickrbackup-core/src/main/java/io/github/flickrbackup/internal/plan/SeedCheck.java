package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.SeedChecks;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import io.github.flickrbackup.internal.plan.Fetcher.Fetched;
import io.github.flickrbackup.internal.plan.ImageDimensions.Dimensions;
import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.StorePath;
import io.github.flickrbackup.store.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The planner's rule for an item seeded from Flickr's data export (its catalog row is
 * marked "from export"): the export has no {@code lastupdate} and no original secret, so the
 * first run that lists the item decides, in this order (see {@code docs/seeding.md}):
 *
 * <ol>
 *   <li>the file is missing or of another size than seeded: fetch (mismatched);
 *   <li>Flickr's {@code lastupdate} is later than the export's date, or the export's original
 *       URL names another original secret than the listing: fetch (changed after export);
 *   <li>a photo whose listed {@code originalformat} is not the file's format, or whose listed
 *       {@code o_width × o_height} is not what the file's header declares (either orientation):
 *       fetch (mismatched);
 *   <li>a sample: the first seeded item of the run, and every item whose id's SHA-256 is 0 mod
 *       100 (about 1 in 100, the same items on every machine): fetch, and compare the hash of the
 *       download with the seeded file's;
 *   <li>otherwise the file stands (confirmed); the planner rewrites its metadata from the listing.
 * </ol>
 *
 * Recording the item (fetched or refreshed) replaces its row, which clears the mark, so each
 * seeded item is checked by one run. Thread-safe: the fetch threads share one instance.
 */
final class SeedCheck {
  /** Prefix of the original secret of a seeded row; the rest is the export's original URL. */
  static final String EXPORTED = "export:";
  /** One item in this many is downloaded again as a sample. */
  static final int SAMPLE_ONE_IN = 100;
  /** An original URL on the static host: {@code .../<id>_<originalsecret>_o.<ext>}. */
  private static final Pattern ORIGINAL_URL = Pattern.compile("/(\\d+)_([0-9a-f]{6,40})_o\\.[A-Za-z0-9]+$");

  private final Catalog catalog;
  private final MediaStore store;
  private final AtomicBoolean firstSampled = new AtomicBoolean();
  private final Set<String> samples = ConcurrentHashMap.newKeySet();
  private final AtomicInteger confirmed = new AtomicInteger();
  private final AtomicInteger changed = new AtomicInteger();
  private final AtomicInteger mismatched = new AtomicInteger();
  private final AtomicInteger sampled = new AtomicInteger();
  private final AtomicInteger sampleMatches = new AtomicInteger();
  private final AtomicInteger sampleDiffered = new AtomicInteger();

  /**
   * @param store the store, or {@code null} in a dry run into a destination that does not exist
   */
  SeedCheck(Catalog catalog, MediaStore store) {
    this.catalog = catalog;
    this.store = store;
  }

  /** @return whether a row was seeded from the export and not yet checked */
  static boolean seeded(ItemRow row) {
    return row != null && row.done() && row.originalSecret().startsWith(EXPORTED);
  }

  /** @return whether a seeded item's original changed: listed under another secret than its export URL names */
  static boolean sameOriginal(ItemRow row, RemoteItem item) {
    Matcher m = ORIGINAL_URL.matcher(row.originalSecret());
    return !m.find() || item.originalSecret().isEmpty() || m.group(2).equals(item.originalSecret());
  }

  /**
   * Decides for a seeded item (see the class comment) and counts the decision.
   *
   * @param item the item as listed now
   * @param row its seeded row
   * @return true to fetch it, false when its file stands
   */
  boolean fetch(RemoteItem item, ItemRow row) throws IOException, SQLException {
    StorePath home = StorePath.parse(row.primaryPath());
    Optional<StoredFile> local = store == null ? Optional.empty() : store.stat(home);
    if (local.isEmpty() || local.get().size() != row.size()) {
      mismatched.incrementAndGet();
      return true;
    }
    Instant exportDate = catalog.exportDate(row.id()).orElse(Instant.EPOCH);
    if (item.lastUpdate().isAfter(exportDate) || !sameOriginal(row, item)) {
      changed.incrementAndGet();
      return true;
    }
    if (item.media() == MediaKind.PHOTO && !agreesWithListing(item, row, home)) {
      mismatched.incrementAndGet();
      return true;
    }
    if (firstSampled.compareAndSet(false, true) || sampledById(row.id())) {
      samples.add(row.id());
      sampled.incrementAndGet();
      return true;
    }
    confirmed.incrementAndGet();
    return false;
  }

  /** After a seeded item was fetched: a sample's download is compared with the seeded file. */
  void fetched(ItemRow previous, Fetched fetched) {
    if (previous != null && samples.remove(previous.id()) && !fetched.kept()) {
      (previous.sha256().equals(fetched.sha256()) ? sampleMatches : sampleDiffered).incrementAndGet();
    }
  }

  SeedChecks tally() {
    return new SeedChecks(confirmed.get(), changed.get(), mismatched.get(), sampled.get(), sampleMatches.get(),
        sampleDiffered.get());
  }

  /** The sample rule: the id's SHA-256, read as an unsigned number, is 0 mod {@link #SAMPLE_ONE_IN}. */
  static boolean sampledById(String id) {
    byte[] h = Sha256.digest().digest(id.getBytes(StandardCharsets.US_ASCII));
    return Long.remainderUnsigned(ByteBuffer.wrap(h).getLong(), SAMPLE_ONE_IN) == 0;
  }

  /** Format and pixel dimensions, where the listing gives them and the file's header can be read. */
  private boolean agreesWithListing(RemoteItem item, ItemRow row, StorePath home) throws IOException {
    String format = item.originalFormat().toLowerCase(Locale.ROOT);
    if (format.equals("jpeg")) {
      format = "jpg";
    }
    if (!format.isEmpty() && !format.equals(row.ext())) {
      return false;
    }
    int w = intAttr(item, "o_width");
    int h = intAttr(item, "o_height");
    if (w <= 0 || h <= 0) {
      return true;
    }
    Optional<Dimensions> dims;
    try (InputStream in = store.open(home)) {
      dims = ImageDimensions.read(row.ext(), in);
    }
    return dims.isEmpty() || dims.get().matches(w, h);
  }

  private static int intAttr(RemoteItem item, String name) {
    try {
      return Integer.parseInt(item.attributes().getOrDefault(name, ""));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
