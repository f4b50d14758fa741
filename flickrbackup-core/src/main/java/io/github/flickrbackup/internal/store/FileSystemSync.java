package io.github.flickrbackup.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code syncfs(2)} of the file system that holds a folder: everything written to it is on
 * the disk when it returns, data and folder entries alike. A batch of a run writes about 900
 * files and folders; syncing each costs an fsync apiece (100,000 of them for 20,000 items, half
 * of such a run's time), one {@code syncfs} costs one flush.
 *
 * <p>Java has no call for it, so it runs {@code sync -f FOLDER} (GNU coreutils 8.24 and later).
 * It is offered only on Linux 5.8 and later: older kernels do not report write errors from
 * {@code syncfs}, and an error must never pass unseen. A store that cannot use it (no such
 * program, an option it does not know, an error) syncs each file instead, which also reports
 * the error the file met.
 */
final class FileSystemSync {
  private static final Path LINUX_RELEASE = Path.of("/proc/sys/kernel/osrelease");

  private final List<String> command;

  private FileSystemSync(List<String> command) {
    this.command = List.copyOf(command);
  }

  /** @return the system's {@code sync -f}, or null where it cannot be trusted (not Linux 5.8+) */
  static FileSystemSync system() {
    String kernel;
    try {
      kernel = Files.readString(LINUX_RELEASE).trim(); // e.g. 6.1.0-28-amd64; only Linux has the file
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return kernelAtLeast(kernel, 5, 8) ? new FileSystemSync(List.of("sync", "-f")) : null;
  }

  /** A sync that runs {@code command} followed by the folder (for tests: a program that fails). */
  static FileSystemSync command(List<String> command) {
    return new FileSystemSync(command);
  }

  /** "6.1.0-28-amd64" → 6.1; anything unreadable is too old. */
  static boolean kernelAtLeast(String version, int major, int minor) {
    String[] parts = version.split("[^0-9]+", 3);
    try {
      int ma = Integer.parseInt(parts[0]);
      int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return ma > major || (ma == major && mi >= minor);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Syncs the file system of {@code folder}.
   *
   * @return true if everything written to it is durable; false if this way failed (the caller
   *     syncs each file instead, which reports any write error)
   */
  boolean sync(Path folder) {
    List<String> c = new ArrayList<>(command);
    c.add(folder.toString());
    try {
      Process p = new ProcessBuilder(c).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      boolean interrupted = false;
      while (true) {
        try {
          // No time limit: a flush of a slow disk takes what it takes, as an fsync would.
          p.waitFor();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the batch must be durable before it is recorded: wait on
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return String.join(" ", command);
  }
}
