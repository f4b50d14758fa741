package io.github.flickrbackup.internal.flickr;

import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.RemoteItem;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Turns Flickr's item elements into {@link RemoteItem}s, keeping every raw attribute.
 * flickr4java's {@code PhotoUtils} is not used here: it drops {@code machine_tags},
 * {@code o_dims}, {@code datetakenunknown} and reads {@code datetaken} in the JVM's zone.
 */
final class Items {
  private Items() {}

  /** Thrown for an item whose data cannot be trusted (id not digits, no lastupdate). */
  static final class BadItem extends Exception {
    private static final long serialVersionUID = 1L;
    private final String rawId;

    BadItem(String rawId, String message) {
      super(message, null, false, false);
      this.rawId = rawId;
    }

    /** The id as Flickr sent it, made printable; not necessarily a valid id. */
    String rawId() {
      return rawId;
    }
  }

  /** A {@code <photo>} of a listing (recentlyUpdated, people.getPhotos, favorites.getList). */
  static RemoteItem fromListing(Element photo) throws BadItem {
    Map<String, String> a = Xml.attributes(photo);
    Element desc = Xml.child(photo, "description");
    if (desc != null) {
      a.put("description", desc.getTextContent());
    }
    return fromAttributes(a);
  }

  /** getInfo's {@code <photo>} attributes that a listing with our extras also carries, under the same name. */
  private static final List<String> SHARED_PHOTO_ATTRIBUTES =
      List.of("id", "secret", "server", "farm", "license", "originalsecret", "originalformat", "media");
  /** Attributes of a listing's geo extra; all of them mean nothing when the item has no location. */
  private static final List<String> GEO_ATTRIBUTES = List.of("latitude", "longitude", "accuracy", "context",
      "place_id", "woeid", "geo_is_public", "geo_is_contact", "geo_is_friend", "geo_is_family");

  /**
   * The {@code <photo>} of {@code flickr.photos.getInfo}, turned into the attributes a listing with
   * our extras gives for the same item, so that an item looked up by id gets the same metadata
   * files as a listed one: getInfo's own values (views, isfavorite, rotation, ...) are left out,
   * every tag's normalised text goes into {@code tags} as in the listing's tags extra, and the
   * values a listing takes from its url_o and o_dims extras come from getSizes' {@code Original}.
   *
   * @param photo getInfo's {@code <photo>}
   * @param original getSizes' {@code <size label="Original">}, or null when Flickr lists none
   */
  static RemoteItem fromInfo(Element photo, Element original) throws BadItem {
    Map<String, String> a = new LinkedHashMap<>();
    for (String name : SHARED_PHOTO_ATTRIBUTES) {
      putIfPresent(a, name, photo, name);
    }
    Element owner = Xml.child(photo, "owner");
    if (owner != null) {
      putIfPresent(a, "owner", owner, "nsid");
      putIfPresent(a, "ownername", owner, "username");
      putIfPresent(a, "pathalias", owner, "path_alias");
    }
    a.put("title", Xml.childText(photo, "title"));
    a.put("description", Xml.childText(photo, "description"));
    Element vis = Xml.child(photo, "visibility");
    if (vis != null) {
      for (String name : List.of("ispublic", "isfriend", "isfamily")) {
        putIfPresent(a, name, vis, name);
      }
    }
    Element dates = Xml.child(photo, "dates");
    if (dates != null) {
      putIfPresent(a, "dateupload", dates, "posted");
      putIfPresent(a, "datetaken", dates, "taken");
      putIfPresent(a, "datetakengranularity", dates, "takengranularity");
      putIfPresent(a, "datetakenunknown", dates, "takenunknown");
      putIfPresent(a, "lastupdate", dates, "lastupdate");
    }
    List<String> all = new ArrayList<>();
    List<String> machine = new ArrayList<>();
    Element tags = Xml.child(photo, "tags");
    for (Element t : tags == null ? List.<Element>of() : Xml.children(tags, "tag")) {
      // The tags extra lists every tag in its normalised form (the element's text), machine tags
      // included; machine_tags repeats the machine tags as they were entered.
      all.add(t.getTextContent().trim());
      if ("1".equals(t.getAttribute("machine_tag"))) {
        machine.add(t.getAttribute("raw"));
      }
    }
    a.put("tags", String.join(" ", all));
    a.put("machine_tags", String.join(" ", machine));
    Element loc = Xml.child(photo, "location");
    if (loc != null) {
      for (String name : List.of("latitude", "longitude", "accuracy", "context", "place_id", "woeid")) {
        putIfPresent(a, name, loc, name);
      }
    }
    Element geoPerms = Xml.child(photo, "geoperms");
    if (geoPerms != null) {
      for (String who : List.of("public", "contact", "friend", "family")) {
        putIfPresent(a, "geo_is_" + who, geoPerms, "is" + who);
      }
    }
    a.put("media_status", mediaStatus(photo));
    if (original != null) {
      putIfPresent(a, "url_o", original, "source");
      putIfPresent(a, "width_o", original, "width");
      putIfPresent(a, "height_o", original, "height");
      putIfPresent(a, "o_width", original, "width");
      putIfPresent(a, "o_height", original, "height");
    }
    return fromAttributes(a);
  }

  private static void putIfPresent(Map<String, String> a, String name, Element e, String attribute) {
    if (e.hasAttribute(attribute)) {
      a.put(name, e.getAttribute(attribute));
    }
  }

  /** The listing's media_status: a video's processing state from getInfo's {@code <video>}; photos are ready. */
  private static String mediaStatus(Element photo) {
    Element video = Xml.child(photo, "video");
    if (video == null) {
      return "ready";
    }
    return "1".equals(video.getAttribute("failed")) ? "failed"
        : "1".equals(video.getAttribute("pending")) ? "pending" : "ready";
  }

  /**
   * Builds the item from listing-shaped attributes. Two kinds of noise are left out of {@link
   * RemoteItem#attributes()} so that a listing and getInfo give the same map: attributes with an
   * empty value (one method sends {@code ""} where the other sends nothing) and the geo attributes
   * of an item without a location (a listing sends 0, 0, accuracy 0 for "none").
   */
  static RemoteItem fromAttributes(Map<String, String> raw) throws BadItem {
    Map<String, String> a = new LinkedHashMap<>(raw);
    a.values().removeIf(v -> v == null || v.isEmpty());
    String id = a.getOrDefault("id", "");
    PhotoId photoId;
    try {
      photoId = PhotoId.of(id);
    } catch (IllegalArgumentException e) {
      throw new BadItem(printable(id), "refused an item with an unsafe id '" + printable(id) + "'");
    }
    Instant lastUpdate = epoch(a.get("lastupdate"));
    if (lastUpdate == null) {
      throw new BadItem(id, "refused item " + id + ": it has no readable lastupdate ('"
          + printable(a.get("lastupdate")) + "')");
    }
    MediaKind media = "video".equals(a.get("media")) ? MediaKind.VIDEO : MediaKind.PHOTO;
    RemoteItem.Geo geo = geo(a);
    if (geo == null) {
      GEO_ATTRIBUTES.forEach(a::remove);
    }
    RemoteItem.Builder b = RemoteItem.builder(photoId, media)
        .owner(a.get("owner"))
        .ownerName(a.get("ownername"))
        .title(a.get("title"))
        .description(a.get("description"))
        .visibility("1".equals(a.get("ispublic")), "1".equals(a.get("isfriend")), "1".equals(a.get("isfamily")))
        .dateTaken(a.get("datetaken"))
        .takenGranularity(Xml.toInt(a.get("datetakengranularity"), 0))
        .takenUnknown("1".equals(a.get("datetakenunknown")))
        .dateUploaded(epoch(a.get("dateupload")))
        .lastUpdate(lastUpdate)
        .secret(a.get("secret"))
        .server(a.get("server"))
        .originalSecret(a.get("originalsecret"))
        .originalFormat(a.get("originalformat"))
        .originalUrl(uri(a.get("url_o")))
        .tags(words(a.get("tags")))
        .machineTags(words(a.get("machine_tags")))
        .license(a.get("license"))
        .geo(geo)
        .dateFaved(epoch(a.get("date_faved")))
        .attributes(a);
    return b.build();
  }

  private static RemoteItem.Geo geo(Map<String, String> a) {
    String lat = a.get("latitude");
    String lon = a.get("longitude");
    if (lat == null || lon == null) {
      return null;
    }
    try {
      double la = Double.parseDouble(lat.trim());
      double lo = Double.parseDouble(lon.trim());
      int acc = Xml.toInt(a.get("accuracy"), 0);
      if ((la == 0 && lo == 0 && acc == 0) || Double.isNaN(la) || Double.isNaN(lo)) {
        return null;
      }
      return new RemoteItem.Geo(la, lo, acc);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static Instant epoch(String s) {
    if (s == null || !s.trim().matches("\\d{1,12}")) {
      return null;
    }
    return Instant.ofEpochSecond(Long.parseLong(s.trim()));
  }

  private static URI uri(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return new URI(s.trim());
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static List<String> words(String s) {
    if (s == null || s.isBlank()) {
      return List.of();
    }
    return Arrays.stream(s.trim().split("\\s+")).toList();
  }

  static String printable(String s) {
    if (s == null) {
      return "";
    }
    String t = s.replaceAll("\\p{Cntrl}", "?");
    return t.length() > 60 ? t.substring(0, 60) + "..." : t;
  }
}
