package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import io.github.flickrbackup.internal.metadata.IniWriter;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.StorePath;
import io.github.flickrbackup.store.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Indexes a backup made by the Python tool ({@code ID.ext} + {@code ID.ext.txt}) into an
 * empty catalog, so that its first run re-downloads nothing unchanged.
 */
final class Adoption {
  /** Prefix of the original secret of an adopted row; the rest is the {@code .txt}'s url. */
  static final String ADOPTED = "adopted:";
  private static final Pattern MEDIA = Pattern.compile("^(\\d{1,20})\\.([a-z0-9]{1,5})$");
  /** Sidecars named {@code ID.xmp} (Lightroom's naming, ours with it) and the like are not media. */
  private static final Set<String> SIDECARS = Set.of("xmp", "txt", "json");

  private Adoption() {}

  static int adopt(MediaStore store, Catalog catalog) throws IOException, SQLException {
    Map<String, StoredFile> media = new HashMap<>();
    List<StorePath> txts = new ArrayList<>();
    store.walk(f -> {
      String name = f.path().fileName();
      if (MEDIA.matcher(name).matches() && !SIDECARS.contains(name.substring(name.indexOf('.') + 1))) {
        media.put(f.path().toString(), f);
      } else if (name.endsWith(".txt")) {
        txts.add(f.path());
      }
    });
    List<ItemRow> rows = new ArrayList<>();
    java.util.Set<String> done = new java.util.HashSet<>();
    txts.sort((a, b) -> a.toString().compareTo(b.toString()));
    for (StorePath txt : txts) {
      String mediaName = txt.fileName().substring(0, txt.fileName().length() - 4);
      Matcher m = MEDIA.matcher(mediaName);
      if (m.matches() && SIDECARS.contains(m.group(2))) {
        continue;
      }
      StoredFile file = media.get(txt.resolveSibling(mediaName).toString());
      if (!m.matches() || file == null || !done.add(m.group(1))) {
        continue;
      }
      String url = urlOf(store, txt);
      String ext = m.group(2);
      String kind = ext.equals("jpg") || ext.equals("png") || ext.equals("gif") || ext.equals("jpeg") ? "photo" : "video";
      rows.add(new ItemRow(m.group(1), 0, ADOPTED + url, kind, ext, file.size(), Sha256.of(store, file.path()),
          file.path().toString(), "done", 0, null, false, null));
    }
    catalog.adopt(rows);
    return rows.size();
  }

  private static String urlOf(MediaStore store, StorePath txt) throws IOException {
    try (InputStream in = store.open(txt)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String t = line.strip();
        if (t.startsWith("url") && t.substring(3).strip().startsWith("=")) {
          return IniWriter.unescape(t.substring(t.indexOf('=') + 1).strip());
        }
      }
    }
    return "";
  }
}
