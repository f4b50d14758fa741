package io.github.flickrbackup.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Phil Harvey's ExifTool (Debian {@code libimage-exiftool-perl}), a reader of XMP no one here
 * wrote: the sidecar tests read every file back through it.
 *
 * <p>When it is not installed, a test that needs it is skipped with that reason, except in CI
 * ({@code CI=true}, as {@code .ci/run} and CI services set it) or with
 * {@code -Dflickrbackup.requireExiftool=true}, where it fails: {@code .ci/run} installs it, so
 * a missing ExifTool there is a broken machine, not a reason to prove nothing.
 */
public final class ExifTool {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static volatile Boolean installed;

  private ExifTool() {}

  /** Skips (or, in CI, fails) the calling test when ExifTool is not installed. */
  public static void require() {
    if (isInstalled()) {
      return;
    }
    String why = "ExifTool (the exiftool command, Debian package libimage-exiftool-perl) is not installed";
    if ("true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("flickrbackup.requireExiftool")) {
      Assertions.fail(why + ", and CI=true or -Dflickrbackup.requireExiftool=true requires it: "
          + "install it (apt-get install libimage-exiftool-perl; .ci/run does)");
    }
    Assumptions.abort(why + ": the XMP round-trip is not checked here (CI fails instead)");
  }

  private static boolean isInstalled() {
    if (installed == null) {
      try {
        Process p = new ProcessBuilder("exiftool", "-ver").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        installed = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        installed = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        installed = false;
      }
    }
    return installed;
  }

  /**
   * Reads files with {@code exiftool -j -G1 -struct -n}: every tag by group ({@code XMP-dc:Title}),
   * structures as JSON objects, numbers unformatted.
   *
   * @param files the files
   * @return one JSON object per file, in order
   */
  public static List<JsonNode> read(List<Path> files) throws IOException, InterruptedException {
    require();
    List<String> cmd = new ArrayList<>(List.of("exiftool", "-j", "-G1", "-struct", "-n", "-charset", "UTF8"));
    for (Path f : files) {
      cmd.add(f.toAbsolutePath().toString());
    }
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("exiftool finished").isTrue();
    assertThat(p.exitValue()).as("exiftool's status; output: %s", new String(out, StandardCharsets.UTF_8))
        .isZero();
    List<JsonNode> all = new ArrayList<>();
    JSON.readTree(out).forEach(all::add);
    assertThat(all).hasSize(files.size());
    return all;
  }

  /** @return a scalar as its exact text (ExifTool writes number-like values unquoted) */
  public static String text(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isBigDecimal()) {
      return n.decimalValue().toPlainString();
    }
    return n.asText();
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
