package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/** The kept copy of SQLite's native library: made only when asked, named by version, used when there. */
class NativeLibrariesTest {
  @TempDir Path dir;

  @AfterEach
  void clear() {
    System.clearProperty("org.sqlite.lib.path");
    System.clearProperty("org.sqlite.lib.name");
  }

  @Test
  void theTrainingRunKeepsAWholeCopyNamedByVersionAndLaterRunsPointSqliteAtIt() throws Exception {
    Path folder = dir.resolve("lib/native");
    Path kept = NativeLibraries.useKeptSqlite(folder, true);

    assertThat(kept).isRegularFile().hasParent(folder);
    assertThat(kept.getFileName().toString()).contains(SQLiteJDBCLoader.getVersion())
        .doesNotStartWith("sqlite-"); // sqlite-jdbc deletes such files from its temporary folder
    byte[] inJar;
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(
        LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
      inJar = in.readAllBytes();
    }
    assertThat(Files.readAllBytes(kept)).isEqualTo(inJar);
    assertThat(System.getProperty("org.sqlite.lib.path")).isEqualTo(folder.toString());
    assertThat(System.getProperty("org.sqlite.lib.name")).isEqualTo(kept.getFileName().toString());
    try (var files = Files.list(folder)) {
      assertThat(files).containsExactly(kept); // no part file left
    }

    clear();
    assertThat(NativeLibraries.useKeptSqlite(folder, false)).isEqualTo(kept);
    assertThat(System.getProperty("org.sqlite.lib.name")).isEqualTo(kept.getFileName().toString());
  }

  @Test
  void withoutACopyAndNotAskedToKeepOneSqliteExtractsItsOwn() {
    assertThat(NativeLibraries.useKeptSqlite(dir.resolve("native"), false)).isNull();
    assertThat(dir.resolve("native")).doesNotExist();
    assertThat(System.getProperty("org.sqlite.lib.path")).isNull();
    assertThat(System.getProperty("org.sqlite.lib.name")).isNull();
  }
}
