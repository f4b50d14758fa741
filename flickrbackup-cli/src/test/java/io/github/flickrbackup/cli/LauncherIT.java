package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.TestToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged folder's {@code bin/flickrbackup}, run as an installed command would be: through
 * symbolic links, with the user's JVM options, its exit status passed on.
 */
@Timeout(300)
@DisabledOnOs(OS.WINDOWS)
class LauncherIT {
  @TempDir Path work;

  private Path folder;

  @BeforeEach
  void findTheFolder() {
    String f = System.getProperty("flickrbackup.folder");
    assertThat(f).as("system property flickrbackup.folder (run these tests with mvn verify)").isNotNull();
    folder = Path.of(f);
    assertThat(folder.resolve("bin/flickrbackup")).as("the packaged launcher").isExecutable();
  }

  record Run(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Runs a command with only these environment variables (and a PATH without this JVM's folder). */
  private Run run(Map<String, String> env, List<String> command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().put("HOME", work.resolve("home").toString());
    pb.environment().put("LANG", "C.UTF-8");
    pb.environment().putAll(env);
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Map<String, String> javaHome() {
    return Map.of("JAVA_HOME", System.getProperty("java.home"));
  }

  private static Map<String, String> with(Map<String, String> base, String... keyValues) {
    Map<String, String> m = new HashMap<>(base);
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  /** {@code work/usr/local/bin/flickrbackup} → {@code work/opt/fb} → the packaged launcher, as after an install. */
  private Path symlinkedLauncher() throws IOException {
    Path opt = Files.createDirectories(work.resolve("opt"));
    Files.createSymbolicLink(opt.resolve("fb"), folder.resolve("bin/flickrbackup"));
    Path bin = Files.createDirectories(work.resolve("usr/local/bin"));
    return Files.createSymbolicLink(bin.resolve("flickrbackup"), Path.of("../../../opt/fb"));
  }

  @Test
  void theDemoRunsFromASymbolicLinkToTheLauncher() throws Exception {
    Path link = symlinkedLauncher();
    Path dest = work.resolve("demo");
    Run r = run(javaHome(), List.of(link.toString(), "--demo", dest.toString()));
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).as(r.toString()).contains("Demo: a fake Flickr at http://127.0.0.1:").contains("Done in");
    try (var files = Files.walk(dest)) {
      assertThat(files.filter(p -> p.toString().endsWith(".jpg"))).isNotEmpty();
    }
  }

  @Test
  void runsLoadSqlitesLibraryFromTheKeptCopyAndExtractNothing() throws Exception {
    try (var kept = Files.list(folder.resolve("lib/native"))) {
      assertThat(kept.map(p -> p.getFileName().toString()))
          .singleElement().asString().startsWith("libsqlitejdbc-");
    }
    // A temporary "folder" that is a file: sqlite-jdbc's own way, extracting the library into it,
    // cannot work there (not even as root), so the run succeeds only with the kept copy.
    Path notAFolder = Files.writeString(work.resolve("tmp"), "a file");
    Run r = run(with(javaHome(), "FLICKRBACKUP_OPTS", "-Djava.io.tmpdir=" + notAFolder),
        List.of(folder.resolve("bin/flickrbackup").toString(), "--demo", work.resolve("demo").toString()));
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Done in");
  }

  @Test
  void theProgramsExitStatusIsPassedOn() throws Exception {
    Path link = symlinkedLauncher();
    Run ok = run(javaHome(), List.of(link.toString(), "--version"));
    assertThat(ok.status()).as(ok.toString()).isZero();
    assertThat(ok.out()).startsWith("flickrbackup 0.").contains("Java ");
    assertThat(ok.err()).as("nothing but the program's output").isEmpty();

    Run usage = run(javaHome(), List.of(link.toString(), "--no-such-flag"));
    assertThat(usage.status()).as(usage.toString()).isEqualTo(1);
    assertThat(usage.err()).contains("--no-such-flag");

    FakeAccount account = FakeAccount.generate(AccountSpec.seed(21).photos(6).sets(1).videoShare(0).favorites(0)
        .averageBytes(8_192));
    account.addVideo("88000000001", v -> v.title("Old video").needsBrowserSession());
    try (FakeFlickr fake = FakeFlickr.builder().account(account).build()) {
      fake.start();
      TestToken t = fake.issueAccessToken(FakeFlickr.DEFAULT_CONSUMER_KEY);
      Map<String, String> env = with(javaHome(), "FLICKR_API_KEY", FakeFlickr.DEFAULT_CONSUMER_KEY,
          "FLICKR_API_SECRET", FakeFlickr.DEFAULT_CONSUMER_SECRET, "FLICKR_ACCESS_TOKEN", t.token(),
          "FLICKR_ACCESS_TOKEN_SECRET", t.secret());
      Run failedItems = run(env, List.of(link.toString(), "--endpoint", fake.baseUrl().toString(),
          "-f", "1990-01-01", work.resolve("photos").toString()));
      assertThat(failedItems.status()).as(failedItems.toString()).isEqualTo(2);
      assertThat(failedItems.out()).contains("88000000001");
    }
  }

  @Test
  void javaOptsAndFlickrbackupOptsComeAfterTheDefaults() throws Exception {
    Path launcher = folder.resolve("bin/flickrbackup");
    Run r = run(with(javaHome(), "JAVA_OPTS", "-Xmx40m -XX:+PrintCommandLineFlags",
        "FLICKRBACKUP_OPTS", "-Dflickrbackup.unused=1 -Xss1m"), List.of(launcher.toString(), "--version"));
    assertThat(r.status()).as(r.toString()).isZero();
    String flags = r.out().lines().filter(l -> l.contains("-XX:")).findFirst().orElse("");
    assertThat(flags).as(r.toString())
        .contains("-XX:MaxHeapSize=41943040", "-XX:ThreadStackSize=1024", "-XX:+UseSerialGC",
            "-XX:Tier4InvocationThreshold=100", "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40")
        .doesNotContain("TieredStopAtLevel");

    Run g1 = run(with(javaHome(), "FLICKRBACKUP_OPTS", "-XX:+UseG1GC -XX:+PrintCommandLineFlags"),
        List.of(launcher.toString(), "--version"));
    assertThat(g1.status()).as("a collector of the user's replaces the default one\n" + g1).isZero();
    assertThat(g1.out()).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseSerialGC");
  }

  @Test
  void onlyShaAndAesGcmAreCompiledByC2AndNothingOfItReachesStandardOutput() throws Exception {
    Path launcher = folder.resolve("bin/flickrbackup");
    Run quiet = run(javaHome(), List.of(launcher.toString(), "--version"));
    assertThat(quiet.status()).as(quiet.toString()).isZero();
    assertThat(quiet.out()).as("the compile commands are quiet").startsWith("flickrbackup 0.")
        .doesNotContain("CompileCommand");

    // The demo hashes enough for SHA-256 to reach C2; C2 gives up on the program's own methods.
    // The compilation log, not -XX:+PrintCompilation: there the compiler threads' lines and the
    // program's output cut into each other, and a line cut before its "COMPILE SKIPPED" read as
    // a compile C2 finished. The log keeps each compiler thread's records apart.
    Path log = work.resolve("compilation.xml");
    Run demo = run(with(javaHome(), "FLICKRBACKUP_OPTS",
        "-XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=" + log),
        List.of(launcher.toString(), "--demo", work.resolve("demo").toString()));
    assertThat(demo.status()).as(demo.err()).isZero();
    List<String> byC2 = new ArrayList<>(); // methods of the C2 compiles that finished
    List<String> givenUp = new ArrayList<>(); // C2 compiles given up (the method goes to C1)
    // <task compile_id='7' method='pkg.Class name (args)ret' ... [level='N']>: C2's have no level.
    Pattern task = Pattern.compile("<task compile_id='\\d+'.* method='(\\S+) (\\S+) .*");
    String c2Method = null;
    for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = task.matcher(l);
      if (m.matches()) {
        c2Method = l.contains(" level='") ? null : m.group(1) + "::" + m.group(2);
      } else if (c2Method != null && l.startsWith("<task_done ")) {
        (l.contains("success='1'") ? byC2 : givenUp).add(c2Method);
        c2Method = null;
      }
    }
    assertThat(byC2).as("methods C2 compiled")
        .anySatisfy(n -> assertThat(n).startsWith("sun.security.provider.SHA2::"))
        .noneSatisfy(n -> assertThat(n).startsWith("io.github.flickrbackup."));
    assertThat(givenUp).as("level-4 compiles C2 gave up on, to C1").hasSizeGreaterThan(byC2.size());
  }

  @Test
  void javaIsFoundOnThePathWithoutJavaHome() throws Exception {
    Path javaBin = Files.createDirectories(work.resolve("jdk-link"));
    Files.createSymbolicLink(javaBin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    Run r = run(Map.of("PATH", javaBin + ":/usr/bin:/bin"), List.of(folder.resolve("bin/flickrbackup").toString(),
        "--version"));
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Java " + System.getProperty("java.version"));
  }

  @Test
  void aJavaOlderThan17IsRefusedWithOneLine() throws Exception {
    Path oldJdk = Files.createDirectories(work.resolve("jdk8/bin"));
    Path java = Files.writeString(oldJdk.resolve("java"), "#!/bin/sh\necho should not run\nexit 99\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(oldJdk.resolve("../release"), "JAVA_VERSION=\"1.8.0_402\"\n");
    Run r = run(Map.of("JAVA_HOME", work.resolve("jdk8").toString()),
        List.of(folder.resolve("bin/flickrbackup").toString(), "--version"));
    assertThat(r.status()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
    assertThat(r.err()).contains("1.8.0_402").contains("Java 17 or later is needed");
  }

  /** The class-loading log of {@code --version} through {@code launcher}. */
  private String classLoading(Path launcher) throws Exception {
    Run r = run(with(javaHome(), "FLICKRBACKUP_OPTS", "-Xlog:class+load=info:stdout"),
        List.of(launcher.toString(), "--version"));
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).contains("flickrbackup.cli.FlickrBackupCli");
    return r.out();
  }

  /** Lines of a class-loading log: the program's classes (its own and picocli's) taken from a CDS archive. */
  private static List<String> programClassesFromAnArchive(String log) {
    return log.lines()
        .filter(l -> l.contains(" io.github.flickrbackup.") || l.contains(" picocli."))
        .filter(l -> l.contains("source: shared objects file"))
        .toList();
  }

  /** Whether the JDK's own classes came from a CDS archive: class-data sharing is on at all. */
  private static boolean sharesTheJdksClasses(String log) {
    return log.lines().anyMatch(l -> l.contains(" java.lang.Object source: shared objects file"));
  }

  @Test
  void theBuildsClassDataSharingArchiveMatchesThePackagedJar() throws Exception {
    assertThat(folder.resolve("lib/flickrbackup.jsa")).isRegularFile();
    assertThat(programClassesFromAnArchive(classLoading(folder.resolve("bin/flickrbackup"))))
        .as("classes loaded from the build's archive")
        .anySatisfy(l -> assertThat(l).contains("io.github.flickrbackup.cli.FlickrBackupCli "))
        .as("picocli's too (Java 5 class files, which a dynamic archive skips)")
        .anySatisfy(l -> assertThat(l).contains("picocli.CommandLine "));
  }

  @Test
  void aFolderInstalledElsewhereRecordsItsOwnArchive() throws Exception {
    Path installed = work.resolve("opt/flickrbackup");
    copyKeepingTimes(folder, installed);
    Path launcher = installed.resolve("bin/flickrbackup");
    String copied = classLoading(launcher);
    assertThat(programClassesFromAnArchive(copied)).as("the build's archive is for the build folder (JDK 17)").isEmpty();
    assertThat(sharesTheJdksClasses(copied)).as("the launcher left it out: the JDK's archive is used").isTrue();

    Run make = run(javaHome(), List.of(launcher.toString(), "--make-cds-archive"));
    assertThat(make.status()).as(make.toString()).isZero();
    assertThat(make.out()).contains("recorded " + installed.resolve("lib/flickrbackup.jsa"));
    assertThat(programClassesFromAnArchive(classLoading(launcher)))
        .anySatisfy(l -> assertThat(l).contains("io.github.flickrbackup.cli.FlickrBackupCli "));
  }

  @Test
  void anArchiveMadeForAnotherJarOrJdkIsLeftOutNotLetTurnSharingOff() throws Exception {
    Path installed = work.resolve("opt/flickrbackup");
    copyKeepingTimes(folder, installed);
    Path launcher = installed.resolve("bin/flickrbackup");
    Run make = run(javaHome(), List.of(launcher.toString(), "--make-cds-archive"));
    assertThat(make.status()).as(make.toString()).isZero();
    Path madeFor = installed.resolve("lib/flickrbackup.jsa.made-for");
    String recorded = Files.readString(madeFor);

    // A JDK update: the archive names another runtime version.
    String[] fields = recorded.strip().split("\\|", -1);
    assertThat(fields).hasSize(4);
    Files.writeString(madeFor, fields[0] + "|0.0.0-another-build|" + fields[2] + "|" + fields[3] + "\n");
    String log = classLoading(launcher);
    assertThat(programClassesFromAnArchive(log)).isEmpty();
    assertThat(sharesTheJdksClasses(log)).isTrue();

    // An upgrade unpacked over the folder: another jar, with the build's old time.
    Files.writeString(madeFor, recorded);
    Path jar = installed.resolve("lib/flickrbackup.jar");
    var time = Files.getLastModifiedTime(jar);
    try (var zip = java.nio.file.FileSystems.newFileSystem(jar)) {
      Files.writeString(zip.getPath("META-INF/another-build.txt"), "2");
    }
    Files.setLastModifiedTime(jar, time);
    log = classLoading(launcher);
    assertThat(programClassesFromAnArchive(log)).isEmpty();
    assertThat(sharesTheJdksClasses(log)).isTrue();
  }

  @Test
  void aFolderWithASpaceInItsPathRuns() throws Exception {
    // JDK 17 takes none of the jar's classes from a CDS archive when the jar's path has a space
    // (its code source URL is escaped); the program runs all the same.
    Path installed = work.resolve("my programs/flickrbackup");
    copyKeepingTimes(folder, installed);
    Run make = run(javaHome(), List.of(installed.resolve("bin/flickrbackup").toString(), "--make-cds-archive"));
    assertThat(make.status()).as(make.toString()).isZero();
    Run r = run(javaHome(), List.of(installed.resolve("bin/flickrbackup").toString(), "--version"));
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("flickrbackup 0.");
  }

  @Test
  void theTarGzUnpacksToAWorkingFolder() throws Exception {
    Path tarGz = folder.resolveSibling("flickrbackup.tar.gz");
    assertThat(tarGz).isRegularFile();
    Run list = run(Map.of(), List.of("tar", "-tzvf", tarGz.toString()));
    assertThat(list.status()).as(list.toString()).isZero();
    assertThat(list.out().lines().filter(l -> l.endsWith(" flickrbackup/bin/flickrbackup")))
        .singleElement().satisfies(l -> assertThat(l).startsWith("-rwxr-xr-x"));
    assertThat(list.out()).contains("flickrbackup/lib/flickrbackup.jar", "flickrbackup/bin/flickrbackup.cmd",
            "flickrbackup/share/man/man1/flickrbackup.1")
        .as("the build's CDS archive is useless elsewhere").doesNotContain("flickrbackup.jsa");

    Path opt = Files.createDirectories(work.resolve("unpacked"));
    Run unpack = run(Map.of(), List.of("tar", "-xzf", tarGz.toString(), "-C", opt.toString()));
    assertThat(unpack.status()).as(unpack.toString()).isZero();
    Run version = run(javaHome(), List.of(opt.resolve("flickrbackup/bin/flickrbackup").toString(), "--version"));
    assertThat(version.status()).as(version.toString()).isZero();
    assertThat(version.out()).startsWith("flickrbackup 0.");
  }

  @Test
  void manFindsTheManualPageInstalledAsReadmeSays() throws Exception {
    Path page = folder.resolve("share/man/man1/flickrbackup.1");
    assertThat(page).isRegularFile();
    assertThat(Files.readString(page, StandardCharsets.UTF_8)).contains(".TH \"FLICKRBACKUP\" \"1\"");
    boolean haveMan = Files.isExecutable(Path.of("/usr/bin/man"));
    org.junit.jupiter.api.Assumptions.assumeTrue(haveMan, "needs man (Debian: man-db, which .ci/run installs)");

    // As README's install does it in /usr/local: the launcher linked into a bin on the PATH and
    // the page into the share/man/man1 beside it, where man-db looks for each folder of the PATH.
    Path local = work.resolve("usr-local");
    Files.createDirectories(local.resolve("bin"));
    Files.createDirectories(local.resolve("share/man/man1"));
    Files.createSymbolicLink(local.resolve("bin/flickrbackup"), folder.resolve("bin/flickrbackup"));
    Files.createSymbolicLink(local.resolve("share/man/man1/flickrbackup.1"), page);
    Run byName = run(Map.of("PATH", local.resolve("bin") + ":/usr/bin:/bin", "MANWIDTH", "80"),
        List.of("man", "flickrbackup"));
    Run byFile = run(Map.of("MANWIDTH", "80"), List.of("man", "-l", page.toString()));
    for (Run r : List.of(byName, byFile)) {
      assertThat(r.status()).as(r.toString()).isZero();
      String text = expandTabs(r.out().replaceAll(".\b", "")); // overstrike bold, should a man keep it
      assertThat(text).contains("FLICKRBACKUP(1)", "NAME", "flickrbackup - Incremental backups",
          "WHAT TO BACK UP", "-f, --from=DATE", "--favorites", "EXIT STATUS", "ENVIRONMENT", "EXAMPLES",
          "flickrbackup -f 2012-02-28 photos   first run: all since a date");
      assertThat(text.lines()).as("rendered for 80 columns").allMatch(l -> l.length() <= 80);
    }
  }

  /** man may set columns with tabs (every 8). */
  private static String expandTabs(String text) {
    StringBuilder out = new StringBuilder();
    int column = 0;
    for (char c : text.toCharArray()) {
      if (c == '\t') {
        int spaces = 8 - column % 8;
        out.append(" ".repeat(spaces));
        column += spaces;
      } else {
        out.append(c);
        column = c == '\n' ? 0 : column + 1;
      }
    }
    return out.toString();
  }

  private static void copyKeepingTimes(Path from, Path to) throws IOException {
    List<Path> made = new ArrayList<>();
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        made.add(Files.createDirectories(to.resolve(from.relativize(dir).toString())));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
    assertThat(made).isNotEmpty();
  }
}
