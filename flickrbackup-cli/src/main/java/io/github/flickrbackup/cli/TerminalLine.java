package io.github.flickrbackup.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.IntSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Writes the progress line to standard error, over itself: a carriage return, the line, and
 * spaces over what the previous, longer line left. No cursor movement or erase sequences, so a
 * dumb terminal shows it as well. The width comes from {@code COLUMNS} when set, else from the
 * terminal, else 80. Asking the terminal (jline runs {@code stty}) took seconds on a busy
 * machine, and the first frames waited for it, so it is asked on a thread of its own as soon as
 * the reporter is made, again every two seconds (a resized window is followed), and the line
 * uses the last answer ({@link #UNTIL_KNOWN} columns before the first).
 */
final class TerminalLine implements ProgressBarConsumer {
  private static final long WIDTH_TTL_NANOS = 2_000_000_000L;
  /**
   * The width assumed until the terminal has answered: narrow enough for any terminal, so that
   * the first frames never wrap; the line shows its essentials only until then.
   */
  static final int UNTIL_KNOWN = 40;

  private final PrintStream out;
  private final IntSupplier terminalWidth;
  private int lastLength;
  private volatile int width = -1;
  private long widthAt;
  private boolean asking;

  TerminalLine(PrintStream out, IntSupplier terminalWidth) {
    this.out = out;
    this.terminalWidth = terminalWidth;
  }

  /** Standard error in the terminal's charset (UTF-8 or ASCII), sized from the environment or the terminal. */
  static TerminalLine standardError(Map<String, String> env, BarLine.Style style) {
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), false,
        style.unicode() ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII);
    Integer columns = columns(env);
    if (columns != null) {
      return new TerminalLine(err, () -> columns);
    }
    ConsoleProgressBarConsumer console = new ConsoleProgressBarConsumer(System.err);
    return new TerminalLine(err, console::getMaxRenderedLength);
  }

  private static Integer columns(Map<String, String> env) {
    try {
      int c = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
      return c > 0 ? c : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public int getMaxRenderedLength() {
    synchronized (this) {
      long now = System.nanoTime();
      if (!asking && (widthAt == 0 || now - widthAt > WIDTH_TTL_NANOS)) {
        asking = true;
        widthAt = now;
        Thread t = new Thread(this::askWidth, "flickrbackup-terminal-width");
        t.setDaemon(true);
        t.start();
      }
    }
    int w = width;
    return w > 0 ? w : UNTIL_KNOWN;
  }

  private void askWidth() {
    int w;
    try {
      w = terminalWidth.getAsInt();
    } catch (RuntimeException e) {
      w = -1;
    }
    synchronized (this) {
      width = w > 0 ? w : 80;
      widthAt = System.nanoTime();
      asking = false;
    }
  }

  @Override
  public synchronized void accept(String line) {
    int visible = line.replaceAll("\u001b\\[[0-9;]*m", "").length();
    out.print('\r' + line + " ".repeat(Math.max(0, lastLength - visible)));
    out.flush();
    lastLength = visible;
  }

  @Override
  public synchronized void close() {
    out.println();
    out.flush();
  }
}
