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

    BadItem(String message) {
      super(message, null, false, false);
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

  /** The {@code <photo>} of {@code flickr.photos.getInfo}, flattened to listing attribute names. */
  static RemoteItem fromInfo(Element photo) throws BadItem {
    Map<String, String> a = Xml.attributes(photo);
    Element owner = Xml.child(photo, "owner");
    if (owner != null) {
      a.put("owner", owner.getAttribute("nsid"));
      a.put("ownername", owner.getAttribute("username"));
      a.put("pathalias", owner.getAttribute("path_alias"));
    }
    a.put("title", Xml.childText(photo, "title"));
    a.put("description", Xml.childText(photo, "description"));
    Element vis = Xml.child(photo, "visibility");
    if (vis != null) {
      Xml.attributes(vis).forEach(a::put);
    }
    Element dates = Xml.child(photo, "dates");
    if (dates != null) {
      a.put("dateupload", dates.getAttribute("posted"));
      a.put("datetaken", dates.getAttribute("taken"));
      a.put("datetakengranularity", dates.getAttribute("takengranularity"));
      a.put("datetakenunknown", dates.getAttribute("takenunknown"));
      a.put("lastupdate", dates.getAttribute("lastupdate"));
    }
    a.remove("dateuploaded");
    Element tags = Xml.child(photo, "tags");
    if (tags != null) {
      List<String> plain = new ArrayList<>();
      List<String> machine = new ArrayList<>();
      for (Element t : Xml.children(tags, "tag")) {
        if ("1".equals(t.getAttribute("machine_tag"))) {
          machine.add(t.getAttribute("raw"));
        } else {
          plain.add(t.getTextContent());
        }
      }
      a.put("tags", String.join(" ", plain));
      a.put("machine_tags", String.join(" ", machine));
    }
    Element loc = Xml.child(photo, "location");
    if (loc != null) {
      a.put("latitude", loc.getAttribute("latitude"));
      a.put("longitude", loc.getAttribute("longitude"));
      a.put("accuracy", loc.getAttribute("accuracy"));
    }
    a.values().removeIf(String::isEmpty);
    return fromAttributes(a);
  }

  static RemoteItem fromAttributes(Map<String, String> raw) throws BadItem {
    Map<String, String> a = new LinkedHashMap<>(raw);
    String id = a.getOrDefault("id", "");
    PhotoId photoId;
    try {
      photoId = PhotoId.of(id);
    } catch (IllegalArgumentException e) {
      throw new BadItem("refused an item with an unsafe id '" + printable(id) + "'");
    }
    Instant lastUpdate = epoch(a.get("lastupdate"));
    if (lastUpdate == null) {
      throw new BadItem("item " + id + " has no readable lastupdate ('" + printable(a.get("lastupdate")) + "')");
    }
    MediaKind media = "video".equals(a.get("media")) ? MediaKind.VIDEO : MediaKind.PHOTO;
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
        .geo(geo(a))
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
