package io.github.flickrbackup.internal.layout;

import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.store.StorePath;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Where items go: {@code <album folder>/YYYY/MM/DD/<id>.<ext>}, and safe folder names. */
public final class Layout {
  private static final Set<String> WINDOWS_RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
      "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
      "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
  /** What may follow the date in {@code datetaken}: the rest of its line (as the regex {@code .*}). */
  private static final Pattern DATE_TAIL = Pattern.compile(".*");
  /** A safe extension: 1-5 lower-case letters or digits. */
  public static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,5}");
  /**
   * Every extension a media file gets (the sniffer's photo and video extensions): a metadata
   * file named by replacing the extension must not end in one of them.
   */
  public static final Set<String> MEDIA_EXTENSIONS =
      Set.of("jpg", "jpeg", "png", "gif", "mp4", "mov", "avi", "m4v", "3gp");
  /** Separator between a title and an album id when titles collide. */
  public static final String COLLISION_SEPARATOR = " \u2013 ";

  private Layout() {}

  /**
   * Makes a folder name of an album title, safe on every common file system.
   *
   * @param title the raw title
   * @return a name of 1 to 255 UTF-8 bytes; {@code "_"} when nothing is left
   */
  public static String folderName(String title) {
    String s = Normalizer.normalize(title, Normalizer.Form.NFC);
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
        b.append(' '); // control characters, newlines, tabs
      } else if (cp == '/' || cp == '\\' || cp == ':' || cp == '*' || cp == '?' || cp == '"'
          || cp == '<' || cp == '>' || cp == '|') {
        b.append('_'); // separators and characters Windows refuses
      } else if (isInvisible(cp)) {
        // bidi overrides, zero-width characters, BOM: dropped, they disguise names
      } else {
        b.appendCodePoint(cp);
      }
    });
    String name = b.toString().replaceAll("\\s+", " ").strip();
    name = truncateUtf8(name, 240); // room for a collision suffix stays within 255 bytes
    // Trailing dots and spaces vanish on Windows; leading dots make hidden files.
    name = name.replaceAll("[. ]+$", "").replaceAll("^[. ]+", "");
    if (name.isEmpty()) {
      return "_";
    }
    String stem = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    if (WINDOWS_RESERVED.contains(stem.strip().toUpperCase(Locale.ROOT))) {
      name = "_" + name;
    }
    return name;
  }

  private static boolean isInvisible(int cp) {
    return (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e)
        || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff || cp == 0x2028 || cp == 0x2029
        || Character.getType(cp) == Character.FORMAT;
  }

  /**
   * Cuts a string to at most {@code maxBytes} UTF-8 bytes on a code point boundary.
   *
   * @param s the string
   * @param maxBytes the limit
   * @return the string or its longest prefix that fits
   */
  public static String truncateUtf8(String s, int maxBytes) {
    if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return s;
    }
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > maxBytes) {
        break;
      }
      bytes += n;
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }

  /**
   * The folder name for an album whose plain name is taken by another album.
   *
   * @param title the raw title
   * @param albumId the album id
   * @return {@code "title – id"}
   */
  public static String disambiguated(String title, String albumId) {
    String suffix = COLLISION_SEPARATOR + albumId;
    String base = folderName(title);
    base = truncateUtf8(base, 255 - suffix.getBytes(StandardCharsets.UTF_8).length);
    return base + suffix;
  }

  /**
   * The date folders of an item: the date part of the raw {@code datetaken}, or the upload
   * date (UTC) when the date taken is unknown, zero or unparsable.
   *
   * @param item the item
   * @return {@code [YYYY, MM, DD]}
   */
  public static List<String> dateFolders(RemoteItem item) {
    LocalDate d = takenDate(item);
    if (d == null) {
      var fallback = item.dateUploaded() != null ? item.dateUploaded() : item.lastUpdate();
      d = fallback.atZone(ZoneOffset.UTC).toLocalDate();
    }
    // Built by hand: String.format and a date parser for every item were a tenth of a large
    // run's Java CPU time (this runs several times per item).
    return List.of(padded(d.getYear(), 4), padded(d.getMonthValue(), 2), padded(d.getDayOfMonth(), 2));
  }

  private static String padded(int value, int width) {
    String digits = Integer.toString(value);
    if (value < 0) {
      return String.format(Locale.ROOT, "%0" + width + "d", value); // as before; no upload date is negative
    }
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }

  /**
   * The date part of {@code datetaken}: {@code YYYY-MM-DD} (ASCII digits) at its start, followed
   * by anything on the same line; null when unknown, impossible (0000-00-00) or before 1800.
   */
  private static LocalDate takenDate(RemoteItem item) {
    if (item.takenUnknown()) {
      return null;
    }
    String s = item.dateTaken();
    if (s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    if (year < 0 || month < 0 || day < 0 || !DATE_TAIL.matcher(s).region(10, s.length()).matches()) {
      return null;
    }
    try {
      LocalDate d = LocalDate.of(year, month, day);
      return d.getYear() < 1800 ? null : d;
    } catch (DateTimeException e) {
      return null; // 0000-00-00 and other impossible dates
    }
  }

  /** @return the number written in ASCII digits from {@code from} to {@code to}, or -1 */
  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /**
   * The path of an item's media file.
   *
   * @param albumFolder the album's folder name, or {@code null} for items in no album
   * @param item the item
   * @param extension the file extension
   * @return the path
   */
  public static StorePath mediaPath(String albumFolder, RemoteItem item, String extension) {
    List<String> segs = new ArrayList<>(5);
    if (albumFolder != null) {
      segs.add(albumFolder);
    }
    segs.addAll(dateFolders(item));
    segs.add(item.id().value() + "." + extension);
    return new StorePath(segs);
  }
}
