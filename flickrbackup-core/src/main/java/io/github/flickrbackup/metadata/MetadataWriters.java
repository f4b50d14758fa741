package io.github.flickrbackup.metadata;

import io.github.flickrbackup.internal.metadata.IniWriter;
import io.github.flickrbackup.internal.metadata.JsonSidecarWriter;
import io.github.flickrbackup.internal.metadata.XmpSidecarWriter;
import java.util.Objects;

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

  /**
   * An XMP sidecar {@code ID.EXT.xmp} for photo managers (digiKam, darktable, Immich; see
   * {@link #xmpSidecar(XmpNaming)} for Lightroom's {@code ID.xmp}): title, description, tags
   * (machine tags included) as keywords, the date taken at Flickr's granularity (a year-only
   * date as a year; an unknown one left out), GPS position, licence name and URL, creator, and
   * Flickr's ids, page URL and albums in a namespace of ours. Built and serialised with Adobe's
   * XMPCore. Characters XML cannot hold (NUL, other C0 controls but tab, newline and carriage
   * return) become U+FFFD; the {@code .txt} keeps the exact text. The media file itself is never
   * touched. The properties are listed in the project's {@code docs/on-disk-format.md}.
   *
   * @return the writer (suffix {@code .xmp}, named {@link XmpNaming#DARKTABLE})
   */
  public static MetadataWriter xmpSidecar() {
    return XmpSidecarWriter.of(XmpNaming.DARKTABLE);
  }

  /**
   * The XMP sidecar of {@link #xmpSidecar()}, named for the photo manager that reads it.
   *
   * <pre>{@code
   * builder.metadataWriters(List.of(MetadataWriters.xmpSidecar(XmpNaming.LIGHTROOM)));  // ID.EXT.txt and ID.xmp
   * }</pre>
   *
   * @param naming {@code ID.EXT.xmp} ({@link XmpNaming#DARKTABLE}) or {@code ID.xmp}
   *     ({@link XmpNaming#LIGHTROOM})
   * @return the writer (suffix {@code .xmp})
   */
  public static MetadataWriter xmpSidecar(XmpNaming naming) {
    return XmpSidecarWriter.of(Objects.requireNonNull(naming, "naming"));
  }
}
