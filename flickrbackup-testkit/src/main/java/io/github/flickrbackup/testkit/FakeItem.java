package io.github.flickrbackup.testkit;

import io.github.flickrbackup.testkit.internal.MediaFiles;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One photo or video of a {@link FakeAccount}, as an immutable snapshot: its metadata, its
 * secrets and the media the fake serves for it. Own items and favourites (other owners' items)
 * share this type; a favourite has {@link #faved()} set.
 *
 * <pre>{@code
 * FakeItem item = fake.account().item("1001");
 * assertThat(Files.readAllBytes(saved)).hasSize((int) item.bytes());
 * assertThat(sha256(saved)).isEqualTo(item.sha256());
 * }</pre>
 *
 * <p>Built with {@link FakeAccount.Builder#photo}, {@link FakeAccount.Builder#video} and {@link
 * FakeAccount.Builder#favorite}; the same {@link Builder} edits items later through {@link
 * FakeAccount#editMetadata}.
 */
public final class FakeItem {
  static final DateTimeFormatter MYSQL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final Pattern ID = Pattern.compile("\\d{1,20}");
  private static final Pattern TAKEN = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

  private final String id;
  private final String ownerNsid;
  private final String ownerUsername;
  private final String ownerRealName;
  private final String secret;
  private final String originalSecret;
  private final String server;
  private final int farm;
  private final String title;
  private final String description;
  private final List<String> tags;
  private final List<String> machineTags;
  private final String taken;
  private final int takenGranularity;
  private final boolean takenUnknown;
  private final Instant uploaded;
  private final Instant lastUpdate;
  private final MediaFormat format;
  private final long bytes;
  private final int width;
  private final int height;
  private final boolean isPublic;
  private final boolean isFriend;
  private final boolean isFamily;
  private final String license;
  private final Geo geo;
  private final List<String> sets;
  private final boolean videoOriginal;
  private final boolean needsBrowserSession;
  private final boolean contentDisposition;
  private final boolean contentLength;
  private final int views;
  private final Instant faved;
  private final Map<String, String> rawAttributes;
  private volatile String sha256;

  private FakeItem(Builder b) {
    this.id = b.id;
    this.ownerNsid = b.ownerNsid;
    this.ownerUsername = b.ownerUsername;
    this.ownerRealName = b.ownerRealName;
    this.secret = b.secret;
    this.originalSecret = b.originalSecret;
    this.server = b.server;
    this.farm = b.farm;
    this.title = b.title;
    this.description = b.description;
    this.tags = List.copyOf(b.tags);
    this.machineTags = List.copyOf(b.machineTags);
    this.taken = b.taken;
    this.takenGranularity = b.takenGranularity;
    this.takenUnknown = b.takenUnknown;
    this.uploaded = b.uploaded;
    this.lastUpdate = b.lastUpdate;
    this.format = b.format;
    this.bytes = b.bytes;
    this.width = b.width;
    this.height = b.height;
    this.isPublic = b.isPublic;
    this.isFriend = b.isFriend;
    this.isFamily = b.isFamily;
    this.license = b.license;
    this.geo = b.geo;
    this.sets = List.copyOf(b.sets);
    this.videoOriginal = b.videoOriginal;
    this.needsBrowserSession = b.needsBrowserSession;
    this.contentDisposition = b.contentDisposition;
    this.contentLength = b.contentLength;
    this.views = b.views;
    this.faved = b.faved;
    this.rawAttributes = Map.copyOf(b.rawAttributes);
  }

  /** A position on the map: latitude, longitude and Flickr's accuracy level 1 to 16. */
  public record Geo(double latitude, double longitude, int accuracy) {
    /** Validates the ranges. */
    public Geo {
      if (latitude < -90 || latitude > 90) throw new IllegalArgumentException("latitude out of range: " + latitude);
      if (longitude < -180 || longitude > 180) throw new IllegalArgumentException("longitude out of range: " + longitude);
      if (accuracy < 1 || accuracy > 16) throw new IllegalArgumentException("accuracy must be 1..16: " + accuracy);
    }
  }

  /** The photo id, digits only. */
  public String id() { return id; }
  /** The owner's NSID (the account owner for own items, another user for favourites). */
  public String ownerNsid() { return ownerNsid; }
  /** The owner's username. */
  public String ownerUsername() { return ownerUsername; }
  /** The owner's real name. */
  public String ownerRealName() { return ownerRealName; }
  /** The secret of the resized images. */
  public String secret() { return secret; }
  /** The secret of the original (and of the video's {@code /play/orig/} URL). */
  public String originalSecret() { return originalSecret; }
  /** The static server, the first path segment of media URLs. */
  public String server() { return server; }
  /** The legacy farm number. */
  public int farm() { return farm; }
  /** The title (may be empty or hostile). */
  public String title() { return title; }
  /** The description. */
  public String description() { return description; }
  /** The tags, raw form. */
  public List<String> tags() { return tags; }
  /** The machine tags ({@code ns:predicate=value}). */
  public List<String> machineTags() { return machineTags; }
  /** The taken date as Flickr gives it: MySQL datetime in the owner's local time, no zone. */
  public String taken() { return taken; }
  /** 0 full, 4 year-month, 6 year, 8 circa. */
  public int takenGranularity() { return takenGranularity; }
  /** True when Flickr found no date and used the upload time. */
  public boolean takenUnknown() { return takenUnknown; }
  /** The upload time. */
  public Instant uploaded() { return uploaded; }
  /** The last-update time ({@code lastupdate}). */
  public Instant lastUpdate() { return lastUpdate; }
  /** The format of the original media (for videos: the video container). */
  public MediaFormat format() { return format; }
  /** The exact size of the original media in bytes. */
  public long bytes() { return bytes; }
  /** The original width in pixels. */
  public int width() { return width; }
  /** The original height in pixels. */
  public int height() { return height; }
  /** {@code ispublic}. */
  public boolean isPublic() { return isPublic; }
  /** {@code isfriend}. */
  public boolean isFriend() { return isFriend; }
  /** {@code isfamily}. */
  public boolean isFamily() { return isFamily; }
  /** The license id, "0" to "10". */
  public String license() { return license; }
  /** The position, or null when the item has none. */
  public Geo geo() { return geo; }
  /** The ids of the sets holding this item, in the account's set order. */
  public List<String> sets() { return sets; }
  /** True for videos. */
  public boolean isVideo() { return format.isVideo(); }
  /** For videos: whether {@code Video Original} exists (old videos may have none). */
  public boolean hasVideoOriginal() { return videoOriginal; }
  /** Whether the CDN serves this item's media only with the web session cookie. */
  public boolean needsBrowserSession() { return needsBrowserSession; }
  /** Whether media responses carry {@code Content-Disposition: attachment; filename=ID.ext}. */
  public boolean sendsContentDisposition() { return contentDisposition; }
  /** Whether media responses carry {@code Content-Length} (videos may omit it, as Flickr does). */
  public boolean sendsContentLength() { return contentLength; }
  /** The view count. */
  public int views() { return views; }
  /** For favourites: when the account owner faved it; null for own items. */
  public Instant faved() { return faved; }
  /** Attributes served with hostile raw values instead of this item's own (see {@link Builder#rawAttribute}). */
  public Map<String, String> rawAttributes() { return rawAttributes; }

  /** The {@code originalformat} Flickr reports: for videos the poster's format, "jpg". */
  public String originalFormat() { return isVideo() ? "jpg" : format.extension(); }

  /** The file name a download should get: {@code ID.ext}. */
  public String fileName() { return id + "." + format.extension(); }

  /**
   * The URL of the original media on a fake whose base URL is {@code base}: {@code url_o} for
   * photos, the {@code /play/orig/} page URL for videos.
   */
  public URI mediaUrl(URI base) {
    if (isVideo()) {
      return base.resolve("photos/" + ownerNsid + "/" + id + "/play/orig/" + originalSecret + "/");
    }
    return base.resolve(server + "/" + id + "_" + originalSecret + "_o." + format.extension());
  }

  /** The exact bytes the fake serves as this item's original media (deterministic). */
  public byte[] mediaBytes() {
    return MediaFiles.generate(format, mediaSeed(), Math.toIntExact(bytes));
  }

  /** The seed of this item's media: changes with the original secret, so replaced media differ. */
  long mediaSeed() {
    return MediaFiles.seedOf(id + ":" + originalSecret);
  }

  /**
   * For videos: the exact bytes the fake serves for the rendition with this getSizes label
   * ({@code "Site MP4"}, {@code "Mobile MP4"} or {@code "appletv"}), an MP4 a quarter the size of
   * the original (at least 4 KiB).
   *
   * @throws IllegalArgumentException if this is a photo or the label is not one of those
   */
  public byte[] renditionBytes(String label) {
    if (!isVideo()) throw new IllegalArgumentException(id + " is a photo; only videos have renditions");
    for (Sizes.Rendition r : Sizes.VIDEO) {
      if (r.label().equals(label)) {
        return MediaFiles.generate(MediaFormat.MP4, renditionSeed(r.variant()), Math.toIntExact(renditionSize()));
      }
    }
    throw new IllegalArgumentException("no video rendition labelled '" + label + "'; the fake has "
        + Sizes.VIDEO.stream().map(Sizes.Rendition::label).toList());
  }

  /** The seed of a rendition's bytes: tied to the resized-image secret, which stays when the original changes. */
  long renditionSeed(String variant) {
    return MediaFiles.seedOf("site:" + variant + ":" + id + ":" + secret);
  }

  /** The size of every rendition of this video. */
  long renditionSize() {
    return Math.max(4096, bytes / 4);
  }

  /** The SHA-256 (hex) of {@link #mediaBytes()}; computed once. */
  public String sha256() {
    String s = sha256;
    if (s == null) {
      s = MediaFiles.sha256Hex(format, mediaSeed(), bytes);
      sha256 = s;
    }
    return s;
  }

  /** A builder holding this item's values, for an edited copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public String toString() {
    return "FakeItem{" + id + ", " + format + ", " + bytes + " bytes, lastupdate=" + lastUpdate + "}";
  }

  /**
   * Sets an item's values. Unset values get deterministic defaults from the id: secrets, server,
   * dates, size, dimensions.
   *
   * <pre>{@code
   * b.title("Robot").tags("a", "b").taken("2011-04-02 18:55:46").format(MediaFormat.PNG).bytes(20_000)
   * }</pre>
   */
  public static final class Builder {
    private final String id;
    private String ownerNsid;
    private String ownerUsername;
    private String ownerRealName;
    private String secret;
    private String originalSecret;
    private String server;
    private int farm = 66;
    private String title = "";
    private String description = "";
    private List<String> tags = List.of();
    private List<String> machineTags = List.of();
    private String taken;
    private int takenGranularity;
    private boolean takenUnknown;
    private Instant uploaded;
    private Instant lastUpdate;
    private MediaFormat format;
    private long bytes = -1;
    private int width;
    private int height;
    private boolean isPublic = true;
    private boolean isFriend;
    private boolean isFamily;
    private String license = "0";
    private Geo geo;
    private List<String> sets = new ArrayList<>();
    private boolean videoOriginal = true;
    private boolean imageDimensions;
    private boolean needsBrowserSession;
    private boolean contentDisposition;
    private boolean contentLength = true;
    private int views;
    private Instant faved;
    private final Map<String, String> rawAttributes = new LinkedHashMap<>();

    Builder(String id) {
      if (id == null || !ID.matcher(id).matches()) {
        throw new IllegalArgumentException("photo id must be 1 to 20 digits: " + id);
      }
      this.id = id;
      String h = Hex.of(id);
      this.secret = h.substring(0, 10);
      this.originalSecret = h.substring(10, 20);
      this.server = String.valueOf(1000 + Math.floorMod(h.hashCode(), 64000));
    }

    private Builder(FakeItem i) {
      this.id = i.id;
      this.ownerNsid = i.ownerNsid;
      this.ownerUsername = i.ownerUsername;
      this.ownerRealName = i.ownerRealName;
      this.secret = i.secret;
      this.originalSecret = i.originalSecret;
      this.server = i.server;
      this.farm = i.farm;
      this.title = i.title;
      this.description = i.description;
      this.tags = i.tags;
      this.machineTags = i.machineTags;
      this.taken = i.taken;
      this.takenGranularity = i.takenGranularity;
      this.takenUnknown = i.takenUnknown;
      this.uploaded = i.uploaded;
      this.lastUpdate = i.lastUpdate;
      this.format = i.format;
      this.bytes = i.bytes;
      this.width = i.width;
      this.height = i.height;
      this.isPublic = i.isPublic;
      this.isFriend = i.isFriend;
      this.isFamily = i.isFamily;
      this.license = i.license;
      this.geo = i.geo;
      this.sets = new ArrayList<>(i.sets);
      this.videoOriginal = i.videoOriginal;
      this.needsBrowserSession = i.needsBrowserSession;
      this.contentDisposition = i.contentDisposition;
      this.contentLength = i.contentLength;
      this.views = i.views;
      this.faved = i.faved;
      this.rawAttributes.putAll(i.rawAttributes);
    }

    String id() { return id; }
    Instant uploadedOrNull() { return uploaded; }
    Instant lastUpdateOrNull() { return lastUpdate; }
    List<String> setIds() { return sets; }
    MediaFormat formatOrNull() { return format; }

    /** The title (any text, hostile allowed). */
    public Builder title(String title) { this.title = Objects.requireNonNull(title, "title"); return this; }
    /** The description. */
    public Builder description(String description) { this.description = Objects.requireNonNull(description, "description"); return this; }
    /** The (raw) tags. */
    public Builder tags(String... tags) { this.tags = List.of(tags); return this; }
    /** The machine tags, each {@code namespace:predicate=value}. */
    public Builder machineTags(String... machineTags) {
      for (String m : machineTags) {
        if (!m.matches("[^:\\s]+:[^=\\s]+=.*")) throw new IllegalArgumentException("not a machine tag (ns:pred=value): " + m);
      }
      this.machineTags = List.of(machineTags);
      return this;
    }
    /** The taken date as a MySQL datetime, e.g. {@code 2011-04-02 18:55:46}; {@code 0000-00-00 00:00:00} allowed. */
    public Builder taken(String taken) {
      if (taken == null || !TAKEN.matcher(taken).matches()) throw new IllegalArgumentException("taken must be yyyy-MM-dd HH:mm:ss: " + taken);
      this.taken = taken;
      return this;
    }
    /** The taken-date granularity, 0 to 10 (0 full, 4 month, 6 year, 8 circa). */
    public Builder takenGranularity(int granularity) {
      if (granularity < 0 || granularity > 10) throw new IllegalArgumentException("granularity must be 0..10: " + granularity);
      this.takenGranularity = granularity;
      return this;
    }
    /** Whether the taken date is unknown ({@code takenunknown=1}). */
    public Builder takenUnknown(boolean unknown) { this.takenUnknown = unknown; return this; }
    /** The upload time (default: derived from the item's position in the account). */
    public Builder uploaded(Instant uploaded) { this.uploaded = Objects.requireNonNull(uploaded, "uploaded"); return this; }
    /** The last-update time (default: the upload time). */
    public Builder lastUpdate(Instant lastUpdate) { this.lastUpdate = Objects.requireNonNull(lastUpdate, "lastUpdate"); return this; }
    /** The media format (default JPEG for photos, MP4 for videos). */
    public Builder format(MediaFormat format) { this.format = Objects.requireNonNull(format, "format"); return this; }
    /** The exact size of the original in bytes (default 20,000 for photos, 200,000 for videos). */
    public Builder bytes(long bytes) {
      if (bytes < 1024 || bytes > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("bytes must be 1024..2^31-9: " + bytes);
      this.bytes = bytes;
      return this;
    }
    /**
     * Declares the pixel dimensions the generated image really has (8x8 for JPEG and PNG, 1x1
     * for GIF), so that the listing's {@code o_dims} agrees with the file: what a check of a file
     * against the listing (e.g. of a file seeded from a {@link FakeExport}) needs. Videos keep
     * their dimensions.
     */
    public Builder imageDimensions() {
      this.imageDimensions = true;
      return this;
    }

    /** The original's pixel dimensions (default 1600x1200, or 1280x720 for videos). */
    public Builder dimensions(int width, int height) {
      if (width < 1 || height < 1) throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
      this.width = width;
      this.height = height;
      return this;
    }
    /** {@code ispublic}, {@code isfriend}, {@code isfamily}. */
    public Builder visibility(boolean isPublic, boolean isFriend, boolean isFamily) {
      this.isPublic = isPublic;
      this.isFriend = isFriend;
      this.isFamily = isFamily;
      return this;
    }
    /** The license id, "0" to "10". */
    public Builder license(String license) {
      if (license == null || !license.matches("\\d{1,2}")) throw new IllegalArgumentException("license must be a number: " + license);
      this.license = license;
      return this;
    }
    /** The position. */
    public Builder geo(double latitude, double longitude, int accuracy) { this.geo = new Geo(latitude, longitude, accuracy); return this; }
    /** No position. */
    public Builder noGeo() { this.geo = null; return this; }
    /** The sets holding this item (by id; they must exist in the account). */
    public Builder inSets(String... setIds) { this.sets = new ArrayList<>(Arrays.asList(setIds)); return this; }
    /** The secret of resized images (10 hex digits by default, derived from the id). */
    public Builder secret(String secret) { this.secret = hex(secret, "secret"); return this; }
    /** The original secret. */
    public Builder originalSecret(String originalSecret) { this.originalSecret = hex(originalSecret, "originalSecret"); return this; }
    /** The static server number. */
    public Builder server(String server) {
      if (server == null || !server.matches("\\d{1,6}")) throw new IllegalArgumentException("server must be digits: " + server);
      this.server = server;
      return this;
    }
    /** The view count. */
    public Builder views(int views) { this.views = Math.max(0, views); return this; }
    /** For videos: no {@code Video Original} size (old videos); {@code /play/orig/} answers 404. */
    public Builder withoutVideoOriginal() { this.videoOriginal = false; return this; }
    /**
     * For videos: whether Flickr offers the original ({@code Video Original} in getSizes, a working
     * {@code /play/orig/}); true by default.
     */
    public Builder videoOriginal(boolean offered) { this.videoOriginal = offered; return this; }
    /** The CDN answers 404 for this item's media unless the web session cookie is sent. */
    public Builder needsBrowserSession() { this.needsBrowserSession = true; return this; }
    /** Media responses carry {@code Content-Disposition: attachment; filename=ID.ext}. */
    public Builder contentDisposition(boolean send) { this.contentDisposition = send; return this; }
    /** Media responses omit {@code Content-Length} (chunked), as Flickr sometimes does for videos. */
    public Builder withoutContentLength() { this.contentLength = false; return this; }
    /** For favourites: when it was faved. */
    public Builder faved(Instant faved) { this.faved = Objects.requireNonNull(faved, "faved"); return this; }

    /**
     * Serves one attribute of this item with a raw value instead of the item's own, as a broken or
     * hostile Flickr answer would: in the item's {@code <photo>} of every listing (people.getPhotos,
     * recentlyUpdated, search, favorites.getList, photosets.getPhotos) and in getInfo's
     * {@code <photo>} and {@code <dates>}. The name is the attribute as the answer writes it, e.g.
     * {@code rawAttribute("id", "../1")} or {@code rawAttribute("lastupdate", "soon")}; an attribute
     * the answer does not carry is not added. The fake itself keeps using the item's real values.
     */
    public Builder rawAttribute(String name, String value) {
      if (name == null || !name.matches("[a-z_]{1,40}")) throw new IllegalArgumentException("not an attribute name: " + name);
      this.rawAttributes.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    Builder owner(String nsid, String username, String realName) {
      this.ownerNsid = nsid;
      this.ownerUsername = username;
      this.ownerRealName = realName;
      return this;
    }

    Builder defaultFormat(MediaFormat f) {
      if (format == null) format = f;
      return this;
    }

    Builder sets(List<String> setIds) { this.sets = new ArrayList<>(setIds); return this; }

    Builder defaultTimes(Instant uploaded) {
      if (this.uploaded == null) this.uploaded = uploaded;
      if (this.lastUpdate == null) this.lastUpdate = this.uploaded;
      if (this.taken == null) this.taken = MYSQL.format(this.uploaded);
      return this;
    }

    private static String hex(String s, String what) {
      if (s == null || !s.matches("[0-9a-f]{6,40}")) throw new IllegalArgumentException(what + " must be 6-40 lowercase hex digits: " + s);
      return s;
    }

    FakeItem build() {
      if (ownerNsid == null) throw new IllegalStateException("owner not set for " + id);
      if (format == null) format = MediaFormat.JPEG;
      if (bytes < 0) bytes = format.isVideo() ? 200_000 : 20_000;
      if (imageDimensions && !format.isVideo()) {
        width = format == MediaFormat.GIF ? 1 : 8;
        height = width;
      }
      if (width == 0) {
        width = format.isVideo() ? 1280 : 1600;
        height = format.isVideo() ? 720 : 1200;
      }
      if (uploaded == null) defaultTimes(Instant.parse("2020-01-01T00:00:00Z"));
      if (lastUpdate == null) lastUpdate = uploaded;
      if (taken == null) taken = MYSQL.format(uploaded);
      return new FakeItem(this);
    }
  }
}
