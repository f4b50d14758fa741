package io.github.flickrbackup.source;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A photo or video as a {@link PhotoSource} lists it: everything a backup needs to decide
 * what to fetch and what to write as metadata.
 *
 * <p>Strings that Flickr may leave out are empty, never {@code null}; values that may be
 * absent are {@code null} where noted. {@link #attributes()} keeps every attribute Flickr
 * returned, raw, for metadata writers that record everything.
 *
 * <pre>{@code
 * RemoteItem item = RemoteItem.builder(PhotoId.of("1001"), MediaKind.PHOTO)
 *     .title("Robot")
 *     .dateTaken("2011-04-02 18:55:46")
 *     .lastUpdate(Instant.ofEpochSecond(1714311279))
 *     .originalSecret("815e3b9f27")
 *     .originalFormat("jpg")
 *     .build();
 * }</pre>
 *
 * @param id the item id
 * @param media photo or video
 * @param owner the owner's NSID, empty when unknown
 * @param ownerName the owner's user name, empty when unknown
 * @param title the title, exactly as on Flickr
 * @param description the description, exactly as on Flickr
 * @param isPublic visible to everyone
 * @param isFriend visible to friends
 * @param isFamily visible to family
 * @param dateTaken the raw {@code datetaken} (owner's local time, no zone), empty when absent
 * @param takenGranularity Flickr's granularity (0 exact, 4 month, 6 year, 8 circa)
 * @param takenUnknown Flickr found no date taken and used the upload time
 * @param dateUploaded upload time, or {@code null} when not listed
 * @param lastUpdate last change of the item or its metadata; the incremental high-water mark
 * @param secret the secret of the resized images, empty when absent
 * @param server the static server id, empty when absent
 * @param originalSecret the original's secret; changes when the media is replaced
 * @param originalFormat the original's format (jpg, png, gif; for videos, the poster's)
 * @param originalUrl the {@code url_o} Flickr gave for a photo, or {@code null}
 * @param tags every tag in Flickr's normalised form ({@code sanfrancisco}), machine tags included
 *     ({@code lens:type=1755mmf28}), in Flickr's order: what Flickr's {@code tags} extra lists
 * @param machineTags the machine tags alone, as Flickr's {@code machine_tags} extra lists them
 * @param license license id, empty when absent
 * @param geo location, or {@code null}
 * @param dateFaved when the account faved it (favorites listings only), or {@code null}
 * @param attributes every attribute Flickr returned, raw, sorted by name, named as a listing
 *     names them (an item looked up by id gets the same names and values); empty values and the
 *     geo attributes of an item without a location are left out
 */
public record RemoteItem(
    PhotoId id,
    MediaKind media,
    String owner,
    String ownerName,
    String title,
    String description,
    boolean isPublic,
    boolean isFriend,
    boolean isFamily,
    String dateTaken,
    int takenGranularity,
    boolean takenUnknown,
    Instant dateUploaded,
    Instant lastUpdate,
    String secret,
    String server,
    String originalSecret,
    String originalFormat,
    URI originalUrl,
    List<String> tags,
    List<String> machineTags,
    String license,
    Geo geo,
    Instant dateFaved,
    Map<String, String> attributes) {

  /** Validates the item and makes defensive copies. */
  public RemoteItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(media, "media");
    owner = nonNull(owner);
    ownerName = nonNull(ownerName);
    title = nonNull(title);
    description = nonNull(description);
    dateTaken = nonNull(dateTaken);
    Objects.requireNonNull(lastUpdate, "lastUpdate of item " + id);
    secret = nonNull(secret);
    server = nonNull(server);
    originalSecret = nonNull(originalSecret);
    originalFormat = nonNull(originalFormat);
    tags = List.copyOf(tags == null ? List.of() : tags);
    machineTags = List.copyOf(machineTags == null ? List.of() : machineTags);
    license = nonNull(license);
    attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  /**
   * Starts a builder.
   *
   * @param id the item id
   * @param media photo or video
   * @return a builder with empty strings, no dates but {@code lastUpdate = EPOCH}
   */
  public static Builder builder(PhotoId id, MediaKind media) {
    return new Builder(id, media);
  }

  /**
   * Returns a builder holding this item's values.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(id, media);
    b.owner = owner;
    b.ownerName = ownerName;
    b.title = title;
    b.description = description;
    b.isPublic = isPublic;
    b.isFriend = isFriend;
    b.isFamily = isFamily;
    b.dateTaken = dateTaken;
    b.takenGranularity = takenGranularity;
    b.takenUnknown = takenUnknown;
    b.dateUploaded = dateUploaded;
    b.lastUpdate = lastUpdate;
    b.secret = secret;
    b.server = server;
    b.originalSecret = originalSecret;
    b.originalFormat = originalFormat;
    b.originalUrl = originalUrl;
    b.tags = tags;
    b.machineTags = machineTags;
    b.license = license;
    b.geo = geo;
    b.dateFaved = dateFaved;
    b.attributes = attributes;
    return b;
  }

  /**
   * A location.
   *
   * @param latitude degrees north
   * @param longitude degrees east
   * @param accuracy Flickr's accuracy level, 1 (world) to 16 (street)
   */
  public record Geo(double latitude, double longitude, int accuracy) {
    /** Validates the coordinates. */
    public Geo {
      if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
        throw new IllegalArgumentException("not a location: " + latitude + "," + longitude);
      }
    }
  }

  /** Builds a {@link RemoteItem}; see the record's components for what each value means. */
  public static final class Builder {
    private final PhotoId id;
    private final MediaKind media;
    private String owner = "";
    private String ownerName = "";
    private String title = "";
    private String description = "";
    private boolean isPublic;
    private boolean isFriend;
    private boolean isFamily;
    private String dateTaken = "";
    private int takenGranularity;
    private boolean takenUnknown;
    private Instant dateUploaded;
    private Instant lastUpdate = Instant.EPOCH;
    private String secret = "";
    private String server = "";
    private String originalSecret = "";
    private String originalFormat = "";
    private URI originalUrl;
    private List<String> tags = List.of();
    private List<String> machineTags = List.of();
    private String license = "";
    private Geo geo;
    private Instant dateFaved;
    private Map<String, String> attributes = Map.of();

    private Builder(PhotoId id, MediaKind media) {
      this.id = Objects.requireNonNull(id, "id");
      this.media = Objects.requireNonNull(media, "media");
    }

    /** @param v owner NSID @return this */
    public Builder owner(String v) { owner = v; return this; }
    /** @param v owner user name @return this */
    public Builder ownerName(String v) { ownerName = v; return this; }
    /** @param v title @return this */
    public Builder title(String v) { title = v; return this; }
    /** @param v description @return this */
    public Builder description(String v) { description = v; return this; }
    /**
     * @param isPublic visible to everyone
     * @param isFriend visible to friends
     * @param isFamily visible to family
     * @return this
     */
    public Builder visibility(boolean isPublic, boolean isFriend, boolean isFamily) {
      this.isPublic = isPublic;
      this.isFriend = isFriend;
      this.isFamily = isFamily;
      return this;
    }
    /** @param v raw datetaken @return this */
    public Builder dateTaken(String v) { dateTaken = v; return this; }
    /** @param v granularity @return this */
    public Builder takenGranularity(int v) { takenGranularity = v; return this; }
    /** @param v whether the date taken is unknown @return this */
    public Builder takenUnknown(boolean v) { takenUnknown = v; return this; }
    /** @param v upload time @return this */
    public Builder dateUploaded(Instant v) { dateUploaded = v; return this; }
    /** @param v last update @return this */
    public Builder lastUpdate(Instant v) { lastUpdate = v; return this; }
    /** @param v secret @return this */
    public Builder secret(String v) { secret = v; return this; }
    /** @param v server @return this */
    public Builder server(String v) { server = v; return this; }
    /** @param v original secret @return this */
    public Builder originalSecret(String v) { originalSecret = v; return this; }
    /** @param v original format @return this */
    public Builder originalFormat(String v) { originalFormat = v; return this; }
    /** @param v url_o @return this */
    public Builder originalUrl(URI v) { originalUrl = v; return this; }
    /** @param v tags @return this */
    public Builder tags(List<String> v) { tags = v; return this; }
    /** @param v machine tags @return this */
    public Builder machineTags(List<String> v) { machineTags = v; return this; }
    /** @param v license id @return this */
    public Builder license(String v) { license = v; return this; }
    /** @param v location @return this */
    public Builder geo(Geo v) { geo = v; return this; }
    /** @param v date faved @return this */
    public Builder dateFaved(Instant v) { dateFaved = v; return this; }
    /** @param v raw attributes @return this */
    public Builder attributes(Map<String, String> v) { attributes = v; return this; }

    /** @return the item @throws IllegalArgumentException if a value is invalid */
    public RemoteItem build() {
      return new RemoteItem(id, media, owner, ownerName, title, description, isPublic, isFriend,
          isFamily, dateTaken, takenGranularity, takenUnknown, dateUploaded, lastUpdate, secret,
          server, originalSecret, originalFormat, originalUrl, tags, machineTags, license, geo,
          dateFaved, attributes);
    }
  }
}
