package io.github.flickrbackup.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flickrbackup.testkit.internal.MediaFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes what Flickr's "Request my Flickr data" would send for a {@link FakeAccount}: a
 * metadata zip split across two parts ({@code 72157000000000_1a2b3c4d_part1.zip},
 * {@code _part2.zip}) holding {@code photo_<id>.json} per item, {@code albums.json},
 * {@code faves_part001.json} and {@code account_profile.json}; and media zips
 * {@code data-download-1.zip}, {@code -2.zip}, … holding the originals, flat, named as Flickr
 * names them, quirks included:
 *
 * <ul>
 *   <li>photos {@code <slug of the title>_<id>_o.<ext>}, where the slug keeps the title's
 *       digits and underscores ({@code img_1234_5230303130_o.jpg}), or
 *       {@code <id>_<originalsecret>_o.<ext>} when the title is empty;
 *   <li>videos {@code <slug>_<id>.<ext>}, without {@code _o};
 *   <li>by default the first video's media is missing (Flickr's exports miss some videos);
 *   <li>optionally a stray file whose name matches no item.
 * </ul>
 *
 * The media bytes are exactly what {@link FakeFlickr} serves for each item, streamed from the
 * item's seeded generator, so an export of several GB is written without holding any file in
 * memory. Every entry's time is the export's date.
 *
 * <pre>{@code
 * FakeExport.Written export = FakeExport.of(fake.account())
 *     .exportDate(Instant.parse("2026-06-01T00:00:00Z"))
 *     .missingMedia("1003")
 *     .writeTo(tempDir);
 * FlickrBackup.seedFromExport(SeedOptions.of(dest, export.zips()));
 * }</pre>
 */
public final class FakeExport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter MYSQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final String METADATA_PREFIX = "72157000000000_1a2b3c4d_part";

  private final FakeAccount account;
  private Instant exportDate;
  private Set<String> missingMedia;
  private final Set<String> omitted = new LinkedHashSet<>();
  private final List<String> strayFiles = new ArrayList<>();
  private int mediaZips = 2;

  private FakeExport(FakeAccount account) {
    this.account = Objects.requireNonNull(account, "account");
  }

  /**
   * An export of the account as it is when {@link #writeTo} runs.
   *
   * @param account the account
   * @return the export, with the defaults: dated a day after the account's latest change, the
   *     first video's media missing, media in two zips
   */
  public static FakeExport of(FakeAccount account) {
    return new FakeExport(account);
  }

  /**
   * When the export was made: the time of every zip entry (default: a day after the latest
   * {@code lastupdate} of the account's items).
   *
   * @param date the date
   * @return this
   */
  public FakeExport exportDate(Instant date) {
    this.exportDate = Objects.requireNonNull(date, "date");
    return this;
  }

  /**
   * Items whose metadata is exported but whose media file is missing (replaces the default,
   * the first video).
   *
   * @param ids the items; none for an export that lacks no media
   * @return this
   */
  public FakeExport missingMedia(String... ids) {
    this.missingMedia = new LinkedHashSet<>(List.of(ids));
    return this;
  }

  /**
   * Items left out of the export entirely (no metadata, no media), as if uploaded after it.
   *
   * @param ids the items
   * @return this
   */
  public FakeExport omit(String... ids) {
    omitted.addAll(List.of(ids));
    return this;
  }

  /**
   * Adds a media file whose name matches no item (a small JPEG) to the first media zip.
   *
   * @param fileName its name, e.g. {@code holiday_2019_o.jpg}
   * @return this
   */
  public FakeExport strayFile(String fileName) {
    strayFiles.add(Objects.requireNonNull(fileName, "fileName"));
    return this;
  }

  /**
   * How many media zips the originals are spread over, round robin (default 2).
   *
   * @param count 1 or more
   * @return this
   */
  public FakeExport mediaZips(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one media zip: " + count);
    }
    this.mediaZips = count;
    return this;
  }

  /**
   * What was written.
   *
   * @param metadataZips the metadata zips, part 1 and part 2
   * @param mediaZips the media zips
   * @param exportDate the date of every entry
   * @param mediaNames item id to the name of its media file in the export (items whose media
   *     is missing are not here)
   * @param withoutMedia items whose metadata is exported but whose media is missing
   * @param mediaBytes the sum of the media files' sizes
   */
  public record Written(List<Path> metadataZips, List<Path> mediaZips, Instant exportDate,
      Map<String, String> mediaNames, Set<String> withoutMedia, long mediaBytes) {
    /** Copies the collections. */
    public Written {
      metadataZips = List.copyOf(metadataZips);
      mediaZips = List.copyOf(mediaZips);
      mediaNames = Collections.unmodifiableMap(new LinkedHashMap<>(mediaNames));
      withoutMedia = Collections.unmodifiableSet(new LinkedHashSet<>(withoutMedia));
    }

    /** @return every zip: metadata first, then media */
    public List<Path> zips() {
      List<Path> all = new ArrayList<>(metadataZips);
      all.addAll(mediaZips);
      return all;
    }
  }

  /**
   * Writes the zips into a folder.
   *
   * @param dir the folder (created if needed)
   * @return what was written
   * @throws UncheckedIOException if the files cannot be written
   */
  public Written writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      List<FakeItem> items = new ArrayList<>();
      for (FakeItem i : account.items()) {
        if (!omitted.contains(i.id())) {
          items.add(i);
        }
      }
      Instant date = exportDate != null ? exportDate : defaultDate(items);
      Set<String> missing = missingMedia != null ? missingMedia : firstVideo(items);
      List<Path> meta = List.of(dir.resolve(METADATA_PREFIX + "1.zip"), dir.resolve(METADATA_PREFIX + "2.zip"));
      try (ZipOutputStream p1 = zip(meta.get(0)); ZipOutputStream p2 = zip(meta.get(1))) {
        p1.setLevel(Deflater.BEST_SPEED);
        p2.setLevel(Deflater.BEST_SPEED);
        entry(p1, "account_profile.json", date, profile());
        for (int i = 0; i < items.size(); i++) {
          // Split across the two parts: a reader must join them.
          entry(i % 2 == 0 ? p1 : p2, "photo_" + items.get(i).id() + ".json", date, photoJson(items.get(i)));
        }
        entry(p2, "albums.json", date, albumsJson(items));
        entry(p2, "faves_part001.json", date, favesJson());
      }
      List<Path> media = new ArrayList<>();
      List<ZipOutputStream> outs = new ArrayList<>();
      Map<String, String> names = new LinkedHashMap<>();
      long total = 0;
      try {
        for (int z = 1; z <= mediaZips; z++) {
          Path p = dir.resolve("data-download-" + z + ".zip");
          media.add(p);
          ZipOutputStream out = zip(p);
          out.setLevel(Deflater.NO_COMPRESSION); // originals are compressed already, as Flickr's are
          outs.add(out);
        }
        int n = 0;
        for (FakeItem item : items) {
          if (missing.contains(item.id())) {
            continue;
          }
          ZipOutputStream out = outs.get(n++ % outs.size());
          String name = mediaName(item);
          names.put(item.id(), name);
          out.putNextEntry(entryAt(name, date));
          MediaFiles.write(item.format(), item.mediaSeed(), item.bytes(), out);
          out.closeEntry();
          total += item.bytes();
        }
        for (String stray : strayFiles) {
          entry(outs.get(0), stray, date, MediaFiles.generate(MediaFormat.JPEG, "stray:" + stray, 2048));
        }
      } finally {
        for (ZipOutputStream out : outs) {
          out.close();
        }
      }
      Set<String> without = new LinkedHashSet<>();
      for (FakeItem i : items) {
        if (missing.contains(i.id())) {
          without.add(i.id());
        }
      }
      return new Written(meta, media, date, names, without, total);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the fake export into " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The name Flickr's export gives an item's media file.
   *
   * @param item the item
   * @return {@code <slug>_<id>_o.<ext>}, {@code <id>_<originalsecret>_o.<ext>} without a title,
   *     {@code <slug>_<id>.<ext>} for a video
   */
  public static String mediaName(FakeItem item) {
    String slug = slug(item.title());
    String ext = item.format().extension();
    if (item.isVideo()) {
      return (slug.isEmpty() ? "video" : slug) + "_" + item.id() + "." + ext;
    }
    return slug.isEmpty() ? item.id() + "_" + item.originalSecret() + "_o." + ext
        : slug + "_" + item.id() + "_o." + ext;
  }

  /** Lower case, runs of anything but letters and digits become one {@code _}. */
  static String slug(String title) {
    String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    s = s.replaceAll("^_+|_+$", "");
    return s.length() > 50 ? s.substring(0, 50) : s;
  }

  private static Instant defaultDate(List<FakeItem> items) {
    Instant latest = Instant.parse("2020-01-01T00:00:00Z");
    for (FakeItem i : items) {
      if (i.lastUpdate().isAfter(latest)) {
        latest = i.lastUpdate();
      }
    }
    return latest.plus(Duration.ofDays(1));
  }

  private static Set<String> firstVideo(List<FakeItem> items) {
    for (FakeItem i : items) {
      if (i.isVideo()) {
        return Set.of(i.id());
      }
    }
    return Set.of();
  }

  private byte[] profile() throws IOException {
    ObjectNode n = JSON.createObjectNode();
    FakeOwner o = account.owner();
    n.put("nsid", o.nsid()).put("screen_name", o.username()).put("real_name", o.realName());
    return JSON.writeValueAsBytes(n);
  }

  private byte[] photoJson(FakeItem i) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", i.id());
    n.put("name", i.title());
    n.put("description", i.description());
    n.put("count_views", Integer.toString(i.views()));
    n.put("count_faves", "0");
    n.put("count_comments", "0");
    n.put("date_taken", i.takenUnknown() ? "" : i.taken());
    n.put("date_imported", MYSQL.format(i.uploaded()));
    n.put("photopage", "https://www.flickr.com/photos/" + account.owner().nsid() + "/" + i.id() + "/");
    n.put("original", i.isVideo()
        ? "https://www.flickr.com/photos/" + account.owner().nsid() + "/" + i.id() + "/play/orig/" + i.originalSecret() + "/"
        : "https://live.staticflickr.com/" + i.server() + "/" + i.id() + "_" + i.originalSecret() + "_o."
            + i.format().extension());
    n.put("license", i.license());
    n.put("privacy", i.isPublic() ? "public" : i.isFriend() && i.isFamily() ? "friends & family"
        : i.isFriend() ? "friends" : i.isFamily() ? "family" : "private");
    n.put("safety", "safe");
    n.put("comment_permissions", "anybody");
    n.put("tagging_permissions", "anybody");
    if (i.geo() != null) {
      // Seen as a list of one object in some exports, an object in others: alternate.
      ObjectNode g = JSON.createObjectNode();
      g.put("latitude", Double.toString(i.geo().latitude()));
      g.put("longitude", Double.toString(i.geo().longitude()));
      g.put("accuracy", Integer.toString(i.geo().accuracy()));
      if (Long.parseLong(i.id().substring(Math.max(0, i.id().length() - 9))) % 2 == 0) {
        n.putArray("geo").add(g);
      } else {
        n.set("geo", g);
      }
    }
    ArrayNode tags = n.putArray("tags");
    List<String> all = new ArrayList<>(i.tags());
    all.addAll(i.machineTags());
    for (int k = 0; k < all.size(); k++) {
      if (k % 2 == 0) {
        tags.addObject().put("tag", all.get(k)).put("user", account.owner().nsid())
            .put("date_create", MYSQL.format(i.uploaded()));
      } else {
        tags.add(all.get(k)); // both shapes occur
      }
    }
    ArrayNode albums = n.putArray("albums");
    for (String set : i.sets()) {
      albums.add(set);
    }
    n.putArray("groups");
    n.putArray("people");
    n.putArray("notes");
    n.putArray("comments");
    return JSON.writeValueAsBytes(n);
  }

  private byte[] albumsJson(List<FakeItem> items) throws IOException {
    Set<String> exported = new LinkedHashSet<>();
    items.forEach(i -> exported.add(i.id()));
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("albums");
    for (FakeSet s : account.sets()) {
      ObjectNode a = list.addObject();
      a.put("id", s.id());
      a.put("title", s.title());
      a.put("description", s.description());
      a.put("view_count", Integer.toString(s.views()));
      a.put("created", Long.toString(s.created().getEpochSecond()));
      a.put("last_updated", Long.toString(s.updated().getEpochSecond()));
      a.put("cover_photo", "https://www.flickr.com/photos/" + account.owner().nsid() + "/" + s.primaryId() + "/");
      ArrayNode photos = a.putArray("photos");
      int count = 0;
      for (String id : s.itemIds()) {
        if (exported.contains(id)) {
          photos.add(id);
          count++;
        }
      }
      a.put("photo_count", Integer.toString(count));
    }
    return JSON.writeValueAsBytes(root);
  }

  private byte[] favesJson() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("favorites");
    for (FakeItem f : account.favorites()) {
      list.addObject().put("photo_id", f.id())
          .put("photo_url", "https://www.flickr.com/photos/" + f.ownerNsid() + "/" + f.id() + "/");
    }
    return JSON.writeValueAsBytes(root);
  }

  private static ZipOutputStream zip(Path p) throws IOException {
    OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(p), 1 << 16);
    return new ZipOutputStream(out);
  }

  private static ZipEntry entryAt(String name, Instant date) {
    ZipEntry e = new ZipEntry(name);
    e.setLastModifiedTime(FileTime.from(date));
    return e;
  }

  private static void entry(ZipOutputStream out, String name, Instant date, byte[] content) throws IOException {
    out.putNextEntry(entryAt(name, date));
    out.write(content);
    out.closeEntry();
  }
}
