package io.github.flickrbackup.cli;

import io.github.flickrbackup.cli.RunProgress.Phase;
import io.github.flickrbackup.cli.RunProgress.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the progress line for a terminal of a given width:
 * <pre>
 * Downloading  37% │██████▋          │ 148/400 items · 61.2 MB · 4.1 MB/s · 0:05 · ETA 0:09
 * </pre>
 * Parts are dropped when the terminal is narrow (the bar first shrinks, then the byte count,
 * the rate and the elapsed time go), so that the line never wraps; label, percentage, item count
 * and ETA stay. Without UTF-8 (a {@code C} or Latin-1 locale) it uses ASCII only; colour only
 * where allowed ({@code NO_COLOR} unset, not a dumb terminal).
 */
final class BarLine {
  /**
   * How the terminal may be written to.
   *
   * @param unicode the terminal decodes UTF-8 (block characters, ·, …)
   * @param colour ANSI colours are allowed
   */
  record Style(boolean unicode, boolean colour) {
    /** From the environment: the locale's charset, {@code NO_COLOR} and {@code TERM}. */
    static Style of(Map<String, String> env) {
      String locale = first(env, "LC_ALL", "LC_CTYPE", "LANG");
      boolean utf8 = locale != null && locale.toUpperCase(Locale.ROOT).replace("-", "").contains("UTF8");
      String term = env.getOrDefault("TERM", "");
      boolean dumb = term.isEmpty() || term.equals("dumb");
      boolean noColour = env.containsKey("NO_COLOR") && !env.get("NO_COLOR").isEmpty();
      return new Style(utf8, !dumb && !noColour);
    }

    private static String first(Map<String, String> env, String... names) {
      for (String n : names) {
        String v = env.get(n);
        if (v != null && !v.isEmpty()) {
          return v;
        }
      }
      return null;
    }
  }

  /** Below this the bar is left out rather than drawn uselessly short. */
  private static final int MIN_BAR = 10;
  private static final int MAX_BAR = 30;
  private static final String GREEN = "\u001b[32m";
  private static final String RESET = "\u001b[0m";
  private static final String[] EIGHTHS = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};

  private BarLine() {}

  /**
   * @param s the figures
   * @param width the terminal's columns; the line is at most {@code width - 1} long, so the
   *     cursor never wraps
   * @param style what the terminal takes
   * @return the line, without carriage return; colour codes do not count towards the width
   */
  static String render(Snapshot s, int width, Style style) {
    int room = Math.max(20, width) - 1;
    String sep = style.unicode() ? " · " : " | ";
    String label = label(s);
    String percent = s.expected() > 0 ? String.format(Locale.ROOT, "%3d%%", percentOf(s)) : "  ?%";
    if (s.phase() == Phase.DONE) {
      percent = "100%";
    }
    String items = count(s.done()) + "/" + (s.expected() >= 0 ? count(s.expected()) : "?") + " items";
    String eta = s.waiting() != null ? s.waiting()
        : "ETA " + (s.eta() != null ? clock(s.eta()) : "?");
    if (s.phase() == Phase.DONE) {
      eta = "in " + clock(s.elapsed());
    }
    // Optional parts, most useful first; each is added only if it fits.
    List<String> optional = new ArrayList<>();
    if (s.bytes() > 0) {
      optional.add(Sizes.bytes(s.bytes()));
    }
    if (s.rate() > 0 && s.phase() != Phase.DONE) {
      optional.add(Sizes.bytes((long) s.rate()) + "/s");
    }
    if (s.phase() != Phase.DONE) {
      optional.add(clock(s.elapsed()));
    }

    String head = label + " " + percent;
    String tail = items;
    int used = head.length() + 1 + tail.length() + sep.length() + eta.length();
    if (used > room) {
      // Very narrow: the essentials, cut at the end.
      String line = head + " " + tail + sep + eta;
      return cut(line, room, style);
    }
    StringBuilder extra = new StringBuilder();
    for (String part : optional) {
      if (used + sep.length() + part.length() <= room - (MIN_BAR + 3)) {
        extra.append(sep).append(part);
        used += sep.length() + part.length();
      }
    }
    int barWidth = Math.min(MAX_BAR, room - used - 3);
    StringBuilder line = new StringBuilder(head).append(' ');
    if (barWidth >= MIN_BAR) {
      line.append(bar(s, barWidth, style)).append(' ');
    }
    line.append(tail).append(extra).append(sep).append(eta);
    return line.toString();
  }

  private static int percentOf(Snapshot s) {
    return (int) Math.min(100, (long) s.done() * 100 / s.expected());
  }

  private static String label(Snapshot s) {
    return switch (s.phase()) {
      case STARTING -> "Starting";
      case ALBUMS -> "Reading albums " + count(s.albumsDone()) + "/" + count(s.albumsTotal());
      case LISTING -> s.expected() >= 0 ? "Listing " + count(s.expected()) + " items" : "Listing";
      case WORKING -> s.planning() ? "Planning" : "Downloading";
      case DONE -> "Done";
    };
  }

  /** {@code │█████▍    │}, or {@code [#####     ]} in ASCII; the fill green where colour is allowed. */
  private static String bar(Snapshot s, int width, Style style) {
    int inner = width - 2;
    double fraction = s.phase() == Phase.DONE ? 1 : s.expected() > 0 ? Math.min(1.0, (double) s.done() / s.expected()) : 0;
    int eighths = (int) Math.round(fraction * inner * 8);
    int full = eighths / 8;
    StringBuilder fill = new StringBuilder();
    if (style.unicode()) {
      fill.append("█".repeat(full)).append(full < inner ? EIGHTHS[eighths % 8] : "");
    } else {
      fill.append("#".repeat(full));
    }
    int blank = inner - fill.length();
    String open = style.unicode() ? "│" : "[";
    String close = style.unicode() ? "│" : "]";
    String filled = style.colour() && fill.length() > 0 ? GREEN + fill + RESET : fill.toString();
    return open + filled + " ".repeat(Math.max(0, blank)) + close;
  }

  private static String cut(String line, int room, Style style) {
    if (line.length() <= room) {
      return line;
    }
    String ellipsis = style.unicode() ? "…" : "...";
    return line.substring(0, Math.max(0, room - ellipsis.length())) + ellipsis;
  }

  /** 40,000 */
  static String count(int n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** 0:09, 12:40, 3:05:00 */
  static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
