package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shaded jar leaves out Selenium Manager's executables (docs/architecture.md): this proves
 * that browser capture still works through the jar alone, with real headless Chromium.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ShadedJarBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private static Path jar() {
    return Path.of(System.getProperty("flickrbackup.jar"));
  }

  @Test
  void theJarCarriesNoSeleniumManagerExecutables() throws IOException {
    try (ZipFile zip = new ZipFile(jar().toFile())) {
      List<String> names = zip.stream().map(e -> e.getName()).toList();
      assertThat(names).contains("org/openqa/selenium/manager/SeleniumManager.class");
      assertThat(names).noneMatch(n -> n.matches("org/openqa/selenium/manager/.+/selenium-manager(\\.exe)?"));
    }
  }

  @Test
  void aBrowserSessionIsCapturedThroughTheShadedJarAlone() throws Exception {
    boolean required = Boolean.getBoolean("flickrbackup.requireBrowserTests");
    assumeTrue(!Boolean.getBoolean("flickrbackup.skipBrowserTests"), "browser tests skipped");
    assumeTrue(required || (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)),
        "Chromium and chromedriver are not installed");

    Path program = source();
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", jar().toString(), program.toString())
        .redirectErrorStream(true).start();
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(p.waitFor(200, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("1 session").doesNotContain("selenium-manager");
  }

  private static Path source() throws URISyntaxException {
    return Path.of(ShadedJarBrowserIT.class.getResource("/shaded-jar/ShadedJarCapture.java").toURI());
  }
}
