package io.github.flickrbackup.internal.metadata;

import io.github.flickrbackup.metadata.ItemRecord;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.source.RemoteItem;
import java.nio.charset.StandardCharsets;

/** The Python tool's {@code .txt} file, escaped so that it always parses as INI. */
public final class IniWriter implements MetadataWriter {
  /** The one instance. */
  public static final IniWriter INSTANCE = new IniWriter();

  private IniWriter() {}

  @Override
  public String fileSuffix() {
    return ".txt";
  }

  @Override
  public byte[] render(ItemRecord record) {
    RemoteItem item = record.item();
    StringBuilder b = new StringBuilder(256);
    b.append("[Information]\n");
    line(b, "id", item.id().value());
    line(b, "title", item.title());
    line(b, "description", item.description());
    line(b, "public", item.isPublic() ? "yes" : "no");
    line(b, "friends", item.isFriend() ? "yes" : "no");
    line(b, "family", item.isFamily() ? "yes" : "no");
    line(b, "taken", item.dateTaken());
    line(b, "tags", String.join(" ", item.tags()));
    line(b, "url", record.mediaUrl().toString());
    if (!record.original()) {
      // Only then: a file of an original stays byte-identical to the Python tool's.
      line(b, "original", "no");
      line(b, "rendition", record.substitute().label());
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder b, String key, String value) {
    b.append(key).append(" = ").append(escape(value)).append('\n');
  }

  /**
   * Escapes a value so that it stays on one line and reads back unchanged after
   * {@link #unescape}; leading and trailing spaces are kept by escaping them.
   *
   * @param value any text
   * @return one line
   */
  public static String escape(String value) {
    StringBuilder b = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean edge = i == 0 || i == value.length() - 1;
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '%' -> b.append("%%");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029'
              || c == '\u0085' || c == '\ufeff' || (edge && Character.isWhitespace(c))) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /**
   * Reverses {@link #escape}.
   *
   * @param line an escaped value
   * @return the original text
   */
  public static String unescape(String line) {
    StringBuilder b = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '%' && i + 1 < line.length() && line.charAt(i + 1) == '%') {
        b.append('%');
        i++;
      } else if (c == '\\' && i + 1 < line.length()) {
        char n = line.charAt(++i);
        switch (n) {
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (i + 4 < line.length()) {
              b.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
              i += 4;
            } else {
              b.append("\\u");
            }
          }
          default -> b.append(n);
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
