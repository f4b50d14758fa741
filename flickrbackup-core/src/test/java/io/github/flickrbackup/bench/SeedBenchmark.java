package io.github.flickrbackup.bench;

import io.github.flickrbackup.FlickrBackup;
import io.github.flickrbackup.SeedOptions;
import io.github.flickrbackup.SeedResult;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeExport;
import io.github.flickrbackup.testkit.MediaFormat;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Seeding from a multi-GB export: peak temporary space and peak memory. Not a test, and no
 * figure is asserted: it prints them.
 *
 * <p>Generates a fake account's export (default 300 items of 10 MB = 3 GB; the media streamed
 * from each item's seeded generator, so nothing sits in memory) into {@code WORK/export}, then
 * seeds {@code DEST} from it in a child JVM ({@code -Xmx} as given, default 256m) while
 * sampling every 20 ms: the child's {@code VmHWM}/{@code VmRSS} and {@code write_bytes} (its own
 * writes to block devices) from {@code /proc}, and the
 * usable space of the file systems of the export, of the child's {@code java.io.tmpdir} and
 * of the destination. The destination should be on another file system than the export and
 * the temporary folder (e.g. {@code /dev/shm}), so that what the seed writes as output is not
 * counted as temporary space. Everything it wrote is deleted at the end.
 *
 * <pre>
 * java -cp CLASSPATH io.github.flickrbackup.bench.SeedBenchmark WORK DEST [items] [MB per item] [-Xmx]
 * </pre>
 */
public final class SeedBenchmark {
  private SeedBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args WORK DEST [items] [MB per item] [-Xmx value]
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]).toAbsolutePath();
    Path dest = Path.of(args[1]).toAbsolutePath();
    int items = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    long bytes = (args.length > 3 ? Long.parseLong(args[3]) : 10) * 1_000_000L;
    String xmx = args.length > 4 ? args[4] : "256m";
    Path tmp = work.resolve("child-tmp");
    Files.createDirectories(tmp);
    try {
      FakeAccount.Builder b = FakeAccount.builder().uploads(Instant.parse("2012-01-01T00:00:00Z"), Duration.ofHours(7))
          .set("72157600000000001", "Big album").set("72157600000000002", "Other album");
      for (int i = 0; i < items; i++) {
        String id = Long.toString(40_000_000_000L + i);
        boolean video = i % 10 == 9;
        String set = i % 2 == 0 ? "72157600000000001" : "72157600000000002";
        if (video) {
          b.video(id, v -> v.title("Clip " + id).format(MediaFormat.MP4).bytes(bytes).inSets(set));
        } else {
          String title = "IMG_" + (i % 9999); // digits in the slug, as cameras name files
          b.photo(id, p -> p.title(title).bytes(bytes).imageDimensions().inSets(set));
        }
      }
      FakeAccount account = b.build();
      long t0 = System.nanoTime();
      FakeExport.Written export = FakeExport.of(account).missingMedia().writeTo(work.resolve("export"));
      double genSeconds = (System.nanoTime() - t0) / 1e9;
      long zipBytes = 0;
      for (Path z : export.zips()) {
        zipBytes += Files.size(z);
      }
      System.out.printf(Locale.ROOT, "export: %d items, %s of media in %d zips (%s on disk), written in %.1f s%n",
          export.mediaNames().size(), mb(export.mediaBytes()), export.zips().size(), mb(zipBytes), genSeconds);

      FileStore exportFs = Files.getFileStore(work);
      FileStore tmpFs = Files.getFileStore(tmp);
      Files.createDirectories(dest);
      FileStore destFs = Files.getFileStore(dest);
      long exportFree0 = exportFs.getUsableSpace();
      long tmpFree0 = tmpFs.getUsableSpace();
      long destFree0 = destFs.getUsableSpace();
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx" + xmx, "-Djava.io.tmpdir=" + tmp, "--enable-native-access=ALL-UNNAMED", "-cp",
          System.getProperty("java.class.path"), Child.class.getName(), dest.toString()));
      export.zips().forEach(z -> cmd.add(z.toString()));
      long start = System.nanoTime();
      Process child = new ProcessBuilder(cmd).inheritIO().start();
      Path status = Path.of("/proc", Long.toString(child.pid()), "status");
      Path io = Path.of("/proc", Long.toString(child.pid()), "io");
      long diskWrites = 0;
      long hwm = 0;
      long exportMinFree = exportFree0;
      long tmpMinFree = tmpFree0;
      long destMinFree = destFree0;
      while (child.isAlive()) {
        try {
          for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:") || line.startsWith("VmRSS:")) {
              hwm = Math.max(hwm, Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
            }
          }
          for (String line : Files.readAllLines(io)) {
            if (line.startsWith("write_bytes:")) {
              // What the child made the kernel write to block devices: its own disk writes only
              // (tmpfs has none), unlike free space, which other processes change too.
              diskWrites = Math.max(diskWrites, Long.parseLong(line.replaceAll("[^0-9]", "")));
            }
          }
        } catch (IOException | NumberFormatException e) {
          // the child just ended
        }
        exportMinFree = Math.min(exportMinFree, exportFs.getUsableSpace());
        tmpMinFree = Math.min(tmpMinFree, tmpFs.getUsableSpace());
        destMinFree = Math.min(destMinFree, destFs.getUsableSpace());
        Thread.sleep(20);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (child.exitValue() != 0) {
        throw new IllegalStateException("the seeding child exited with " + child.exitValue());
      }
      long destUsed = destFree0 - destMinFree;
      long written;
      try (Stream<Path> s = Files.walk(dest)) {
        written = s.filter(Files::isRegularFile).mapToLong(p -> {
          try {
            return Files.size(p);
          } catch (IOException e) {
            return 0;
          }
        }).sum();
      }
      long tmpLeft;
      try (Stream<Path> s = Files.walk(tmp)) {
        tmpLeft = s.filter(Files::isRegularFile).count();
      }
      System.out.printf(Locale.ROOT, "seed: %.1f s, %.0f MB/s, child -Xmx%s, peak RSS %s%n", seconds,
          export.mediaBytes() / 1e6 / seconds, xmx, mb(hwm));
      System.out.printf(Locale.ROOT, "free space, largest drop while seeding: export's file system %s (%s),"
          + " java.io.tmpdir's %s (%s), destination's %s (%s; the destination holds %s)%n",
          mb(exportFree0 - exportMinFree), exportFs.name(), mb(tmpFree0 - tmpMinFree), tmpFs.name(),
          mb(destUsed), destFs.name(), mb(written));
      if (exportFs.equals(destFs) || tmpFs.equals(destFs)) {
        System.out.println("note: the destination shares a file system with the export or the temporary folder;"
            + " its output is counted in their drop");
      }
      System.out.printf(Locale.ROOT, "the child's own writes to block devices (/proc/PID/io write_bytes): %s%n",
          mb(diskWrites));
      System.out.printf(Locale.ROOT, "temporary space beyond the output: %s (destination's drop less what it holds);"
          + " files left in java.io.tmpdir: %d%n", mb(Math.max(0, destUsed - written)), tmpLeft);
    } finally {
      delete(work.resolve("export"));
      delete(tmp);
      delete(dest);
    }
  }

  /** The seeding alone, in its own JVM, so that its memory is measured without the generator's. */
  public static final class Child {
    private Child() {}

    /**
     * Seeds.
     *
     * @param args DEST ZIP...
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
      List<Path> zips = new ArrayList<>();
      for (int i = 1; i < args.length; i++) {
        zips.add(Path.of(args[i]));
      }
      SeedResult r = FlickrBackup.seedFromExport(SeedOptions.of(Path.of(args[0]), zips));
      System.out.printf(Locale.ROOT, "child: seeded %d items, %s, %d without media, %d unmatched, in %s%n",
          r.seeded(), mb(r.bytes()), r.withoutMedia().size(), r.unmatched().size(), r.elapsed());
    }
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static void delete(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    }
  }
}
