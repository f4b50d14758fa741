package io.github.flickrbackup.internal.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.RemoteItem;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metadata of a Flickr data export: where each {@code photo_<id>.json} is, the albums of
 * {@code albums.json}, and the export's date as its JSON files' times tell it. Item JSON is
 * parsed only when its media file is placed, so memory holds one small entry per item, not
 * every item's metadata. The format is undocumented and has changed over the years, so every
 * field is read defensively: a missing or oddly shaped field is left out, never a failure.
 */
public final class ExportMetadata {
  private static final Pattern PHOTO_JSON = Pattern.compile("^photo_(\\d{1,20})\\.json$");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter MYSQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final Map<String, ExportArchive.Entry> items;
  private final List<ExportAlbum> albums;
  private final Optional<Instant> earliestJson;

  /**
   * An album of {@code albums.json}.
   *
   * @param album the album, as the engine knows albums
   * @param photoIds its items, in the album's order
   */
  public record ExportAlbum(Album album, List<String> photoIds) {
    /** Copies the list. */
    public ExportAlbum {
      photoIds = List.copyOf(photoIds);
    }
  }

  private ExportMetadata(Map<String, ExportArchive.Entry> items, List<ExportAlbum> albums,
      Optional<Instant> earliestJson) {
    this.items = items;
    this.albums = albums;
    this.earliestJson = earliestJson;
  }

  /**
   * Finds the metadata in every archive: {@code photo_<id>.json} (the first one of an id wins)
   * and {@code albums.json} (albums of several such files are joined, the first of an id wins).
   *
   * @param entries every file of every archive
   * @return the metadata
   * @throws IOException if {@code albums.json} cannot be read or is not JSON
   */
  public static ExportMetadata read(List<ExportArchive.Entry> entries) throws IOException {
    Map<String, ExportArchive.Entry> items = new LinkedHashMap<>();
    Map<String, ExportAlbum> albums = new LinkedHashMap<>();
    Instant earliest = null;
    for (ExportArchive.Entry e : entries) {
      String name = e.fileName();
      if (!name.endsWith(".json")) {
        continue;
      }
      if (e.modified() != null && e.modified().isAfter(Instant.EPOCH)
          && (earliest == null || e.modified().isBefore(earliest))) {
        earliest = e.modified();
      }
      Matcher m = PHOTO_JSON.matcher(name);
      if (m.matches()) {
        items.putIfAbsent(m.group(1), e);
      } else if (name.equals("albums.json")) {
        for (ExportAlbum a : parseAlbums(e)) {
          albums.putIfAbsent(a.album().id(), a);
        }
      }
    }
    return new ExportMetadata(items, List.copyOf(albums.values()), Optional.ofNullable(earliest));
  }

  /** @return whether the export has metadata for this id */
  public boolean has(String id) {
    return items.containsKey(id);
  }

  /** @return the ids with metadata, in the order found */
  public List<String> ids() {
    return List.copyOf(items.keySet());
  }

  /** @return the albums, in {@code albums.json}'s order */
  public List<ExportAlbum> albums() {
    return albums;
  }

  /** @return the earliest modification time of the export's JSON files, if any has one */
  public Optional<Instant> earliestJson() {
    return earliestJson;
  }

  /**
   * Reads an item's {@code photo_<id>.json} as the engine's item. What the export cannot say
   * is left empty: no {@code lastupdate} ({@code lastUpdate} is the given placeholder), no
   * original secret, no {@code originalformat} (the file's format, from the caller).
   *
   * @param id the item
   * @param media photo or video, from the file's bytes
   * @param format the file's format (jpg, png, gif, mp4, …)
   * @param lastUpdate the placeholder for {@code lastupdate}
   * @return the item
   * @throws IOException if the JSON cannot be read or is not JSON
   */
  public RemoteItem item(String id, MediaKind media, String format, Instant lastUpdate) throws IOException {
    JsonNode n;
    try (InputStream in = items.get(id).open()) {
      n = JSON.readTree(in);
    }
    RemoteItem.Builder b = RemoteItem.builder(PhotoId.of(id), media)
        .title(text(n, "name"))
        .description(text(n, "description"))
        .dateTaken(text(n, "date_taken"))
        .lastUpdate(lastUpdate)
        .originalFormat(format)
        .license(text(n, "license"))
        .tags(tags(n));
    String privacy = text(n, "privacy").toLowerCase(Locale.ROOT);
    b.visibility(privacy.equals("public"), privacy.contains("friend"), privacy.contains("famil"));
    parseDate(text(n, "date_imported")).ifPresent(b::dateUploaded);
    if (text(n, "date_taken").isEmpty()) {
      b.takenUnknown(true);
    }
    String original = text(n, "original");
    URI url = uri(original).or(() -> uri(text(n, "photopage"))).orElse(null);
    b.originalUrl(url);
    geo(n.get("geo")).ifPresent(b::geo);
    return b.build();
  }

  /** @return the item's {@code original} URL from its JSON, or empty */
  public static Optional<URI> uri(String s) {
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI u = new URI(s);
      return u.getScheme() != null && u.getScheme().startsWith("http") ? Optional.of(u) : Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static List<ExportAlbum> parseAlbums(ExportArchive.Entry e) throws IOException {
    JsonNode root;
    try (InputStream in = e.open()) {
      root = JSON.readTree(in);
    }
    JsonNode list = root == null ? null : root.isArray() ? root : root.get("albums");
    List<ExportAlbum> out = new ArrayList<>();
    if (list == null || !list.isArray()) {
      return out;
    }
    for (JsonNode a : list) {
      String id = text(a, "id");
      if (!id.matches("[0-9A-Za-z@_-]{1,40}")) {
        continue;
      }
      List<String> photos = new ArrayList<>();
      JsonNode p = a.get("photos");
      if (p != null && p.isArray()) {
        for (JsonNode x : p) {
          String pid = x.isObject() ? text(x, "id") : x.asText("");
          if (pid.matches("\\d{1,20}") && !pid.equals("0")) {
            photos.add(pid);
          }
        }
      }
      Instant updated = epochOrDate(text(a, "last_updated")).orElse(Instant.EPOCH);
      out.add(new ExportAlbum(new Album(id, text(a, "title"), text(a, "description"), updated, photos.size(), 0),
          photos));
    }
    return out;
  }

  private static List<String> tags(JsonNode n) {
    List<String> out = new ArrayList<>();
    JsonNode t = n.get("tags");
    if (t != null && t.isArray()) {
      for (JsonNode x : t) {
        String tag = x.isObject() ? text(x, "tag") : x.asText("");
        if (!tag.isBlank()) {
          out.add(tag.strip());
        }
      }
    }
    return out;
  }

  private static Optional<RemoteItem.Geo> geo(JsonNode g) {
    if (g == null || g.isNull()) {
      return Optional.empty();
    }
    JsonNode o = g.isArray() ? (g.isEmpty() ? null : g.get(0)) : g;
    if (o == null || !o.isObject() || !o.has("latitude") || !o.has("longitude")) {
      return Optional.empty();
    }
    try {
      double lat = Double.parseDouble(o.get("latitude").asText());
      double lon = Double.parseDouble(o.get("longitude").asText());
      int acc = o.has("accuracy") ? Integer.parseInt(o.get("accuracy").asText("16").strip()) : 16;
      if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat == 0 && lon == 0)) {
        return Optional.empty();
      }
      return Optional.of(new RemoteItem.Geo(lat, lon, Math.max(1, Math.min(16, acc))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> parseDate(String s) {
    try {
      return s.isEmpty() ? Optional.empty() : Optional.of(LocalDateTime.parse(s, MYSQL).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> epochOrDate(String s) {
    if (s.matches("\\d{1,12}")) {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(s)));
    }
    return parseDate(s);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? "" : v.asText("");
  }
}
