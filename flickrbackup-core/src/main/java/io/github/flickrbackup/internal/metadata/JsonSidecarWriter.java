package io.github.flickrbackup.internal.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.flickrbackup.metadata.ItemRecord;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.RemoteItem;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A JSON sidecar with every field of the item; keys sorted for deterministic output. */
public final class JsonSidecarWriter implements MetadataWriter {
  /** The one instance. */
  public static final JsonSidecarWriter INSTANCE = new JsonSidecarWriter();

  private final ObjectMapper mapper = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private JsonSidecarWriter() {}

  @Override
  public String fileSuffix() {
    return ".json";
  }

  @Override
  public byte[] render(ItemRecord record) {
    RemoteItem i = record.item();
    Map<String, Object> m = new TreeMap<>();
    m.put("id", i.id().value());
    m.put("media", i.media().name().toLowerCase(Locale.ROOT));
    m.put("owner", i.owner());
    m.put("ownername", i.ownerName());
    m.put("title", i.title());
    m.put("description", i.description());
    m.put("ispublic", i.isPublic());
    m.put("isfriend", i.isFriend());
    m.put("isfamily", i.isFamily());
    m.put("datetaken", i.dateTaken());
    m.put("datetakengranularity", i.takenGranularity());
    m.put("datetakenunknown", i.takenUnknown());
    m.put("dateupload", time(i.dateUploaded()));
    m.put("lastupdate", time(i.lastUpdate()));
    m.put("secret", i.secret());
    m.put("server", i.server());
    m.put("originalsecret", i.originalSecret());
    m.put("originalformat", i.originalFormat());
    m.put("url_o", i.originalUrl() == null ? null : i.originalUrl().toString());
    m.put("tags", i.tags());
    m.put("machine_tags", i.machineTags());
    m.put("license", i.license());
    if (i.geo() != null) {
      Map<String, Object> g = new TreeMap<>();
      g.put("latitude", i.geo().latitude());
      g.put("longitude", i.geo().longitude());
      g.put("accuracy", i.geo().accuracy());
      m.put("geo", g);
    } else {
      m.put("geo", null);
    }
    m.put("date_faved", time(i.dateFaved()));
    List<Map<String, Object>> albums = new ArrayList<>();
    for (Album a : record.albums()) {
      Map<String, Object> am = new LinkedHashMap<>();
      am.put("id", a.id());
      am.put("title", a.title());
      albums.add(am);
    }
    m.put("albums", albums);
    m.put("media_url", record.mediaUrl().toString());
    m.put("file", record.mediaFileName());
    m.put("original", record.original());
    m.put("rendition", record.original() ? null : record.substitute().label());
    m.put("attributes", new TreeMap<>(i.attributes()));
    try {
      return mapper.writeValueAsBytes(m);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> time(Instant t) {
    if (t == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epoch", t.getEpochSecond());
    m.put("utc", t.toString());
    return m;
  }
}
