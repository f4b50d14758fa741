package io.github.flickrbackup.metadata;

import io.github.flickrbackup.internal.metadata.IniWriter;
import io.github.flickrbackup.internal.metadata.JsonSidecarWriter;

/**
 * The built-in metadata writers.
 *
 * <pre>{@code
 * BackupPlan plan = BackupPlan.builder()
 *     ...
 *     .metadataWriters(List.of(MetadataWriters.ini(), MetadataWriters.jsonSidecar()))
 *     .build();
 * }</pre>
 */
public final class MetadataWriters {
  private MetadataWriters() {}

  /**
   * The Python tool's {@code ID.EXT.txt}: an {@code [Information]} section with id, title,
   * description, public, friends, family, taken, tags and url. Values are escaped so that
   * every file parses as INI (Python's {@code configparser} included): backslash, newline,
   * carriage return, tab and other control characters become {@code \\}, {@code \n},
   * {@code \r}, {@code \t}, {@code \}{@code uXXXX}; {@code %} is doubled.
   *
   * @return the writer (suffix {@code .txt})
   */
  public static MetadataWriter ini() {
    return IniWriter.INSTANCE;
  }

  /**
   * A JSON sidecar {@code ID.EXT.json} with every field Flickr returned: the item's fields,
   * its raw attributes, its albums, the media URL and, for favorites, the owner. Keys are
   * sorted, so the same item gives the same bytes.
   *
   * @return the writer (suffix {@code .json})
   */
  public static MetadataWriter jsonSidecar() {
    return JsonSidecarWriter.INSTANCE;
  }
}
