package io.github.flickrbackup.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Keeps SQLite's native library beside the jar. sqlite-jdbc otherwise copies it out of the jar
 * into the temporary folder at every start, about 60 ms of a run that takes under a second.
 *
 * <p>The launcher's {@code --make-cds-archive} run (at build time, and once after installing)
 * asks for the copy with {@value #KEEP_PROPERTY}; it lands in {@code lib/native/}, named by
 * sqlite-jdbc's version and Java's OS name and architecture, so that a newer jar (whose
 * library may differ) never loads an older copy: it just extracts its own as before. Runs
 * that find the copy point sqlite-jdbc at it ({@code org.sqlite.lib.path}/{@code .name}).
 * A user's own {@code org.sqlite.lib.path} wins; any problem leaves sqlite-jdbc's default.
 * Nothing is logged: this runs before logging is set up, and a run without the copy is only
 * slower.
 */
final class NativeLibraries {
  /** The system property that makes the copy when it is missing ("true"). */
  static final String KEEP_PROPERTY = "flickrbackup.keepNativeLibraries";

  private NativeLibraries() {}

  /** Uses the kept copy for this jar (making it if asked); does nothing when run from classes. */
  static void useKeptSqlite() {
    if (System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    try {
      Path jar = Path.of(NativeLibraries.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(jar) || jar.getParent() == null) {
        return;
      }
      useKeptSqlite(jar.getParent().resolve("native"), Boolean.getBoolean(KEEP_PROPERTY));
    } catch (URISyntaxException | RuntimeException e) {
      // sqlite-jdbc extracts its library as usual
    }
  }

  /**
   * Points sqlite-jdbc at the copy in {@code folder}, first making it if {@code keep}.
   *
   * @return the copy used, or null if sqlite-jdbc extracts its own
   */
  static Path useKeptSqlite(Path folder, boolean keep) {
    // libsqlitejdbc.so -> libsqlitejdbc-3.53.4.0-Linux-amd64.so. Named from Java's own facts:
    // sqlite-jdbc's platform detection (OSInfo) starts `uname -o` twice, 60 ms, so it runs
    // only when the copy is made.
    String libName = System.mapLibraryName("sqlitejdbc");
    int dot = libName.lastIndexOf('.');
    String name = libName.substring(0, dot < 0 ? libName.length() : dot) + "-" + SQLiteJDBCLoader.getVersion() + "-"
        + System.getProperty("os.name").replaceAll("[^A-Za-z0-9.]", "_") + "-"
        + System.getProperty("os.arch").replaceAll("[^A-Za-z0-9.]", "_") + (dot < 0 ? "" : libName.substring(dot));
    Path kept = folder.resolve(name);
    if (keep && !Files.isRegularFile(kept)) {
      try {
        extract(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName(), kept);
      } catch (IOException e) {
        System.err.println("flickrbackup: cannot keep SQLite's native library in " + folder + ": " + e.getMessage());
        return null;
      }
    }
    if (!Files.isRegularFile(kept)) {
      return null;
    }
    System.setProperty("org.sqlite.lib.path", folder.toString());
    System.setProperty("org.sqlite.lib.name", name);
    return kept;
  }

  /** Copies {@code resource} to {@code target} whole or not at all. */
  private static void extract(String resource, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path part = Files.createTempFile(target.getParent(), ".libsqlitejdbc", ".part");
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("the jar has no " + resource);
      }
      Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      PosixFileAttributeView posix = Files.getFileAttributeView(part, PosixFileAttributeView.class);
      if (posix != null) {
        posix.setPermissions(PosixFilePermissions.fromString("rw-r--r--")); // for every user's runs
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(part);
    }
  }
}
