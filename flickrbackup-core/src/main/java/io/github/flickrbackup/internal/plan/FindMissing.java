package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.internal.metadata.IniWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The {@code --find-missing} report. */
public final class FindMissing {
  private static final Pattern TXT = Pattern.compile("^(\\d{1,20})\\.([A-Za-z0-9]{1,5})\\.txt$");

  private FindMissing() {}

  /**
   * @param destination the backup folder
   * @param csvOut the CSV to write
   * @return how many media files are missing
   * @throws IOException if reading or writing fails
   */
  public static int run(Path destination, Path csvOut) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (Stream<Path> files = Files.walk(destination)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getParent() != null && p.getParent().getFileName() != null
            && p.startsWith(destination.resolve(".flickrbackup"))) {
          continue;
        }
        Matcher m = TXT.matcher(p.getFileName().toString());
        if (!m.matches() || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Path media = p.resolveSibling(m.group(1) + "." + m.group(2));
        if (!Files.exists(media, LinkOption.NOFOLLOW_LINKS)) {
          rows.add(new String[] {m.group(1), urlOf(p), p.getParent().toString()});
        }
      }
    }
    rows.sort((a, b) -> a[2].equals(b[2]) ? a[0].compareTo(b[0]) : a[2].compareTo(b[2]));
    try (BufferedWriter w = Files.newBufferedWriter(csvOut, StandardCharsets.UTF_8)) {
      w.write("Photo ID,URL,Directory\r\n");
      for (String[] r : rows) {
        w.write(csv(r[0]) + "," + csv(r[1]) + "," + csv(r[2]) + "\r\n");
      }
    }
    return rows.size();
  }

  /** @return the {@code url} value of a metadata file, empty if none */
  static String urlOf(Path txt) throws IOException {
    for (String line : Files.readAllLines(txt, StandardCharsets.UTF_8)) {
      String t = line.strip();
      if (t.startsWith("url") && t.substring(3).strip().startsWith("=")) {
        return IniWriter.unescape(t.substring(t.indexOf('=') + 1).strip());
      }
    }
    return "";
  }

  private static String csv(String v) {
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
