package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.Fault;
import io.github.flickrbackup.testkit.FaultScope;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.TestToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar in a pseudo-terminal ({@code script} from util-linux, which Debian installs
 * everywhere), against the fake with media latency: what a person at a terminal sees. The
 * captured output is cut into the frames the bar drew; assertions go by the order of frames
 * (the total and an ETA must show before a quarter of the items is done), never by wall time.
 * The frames at 25 %, 75 % and the end are written to {@code target/progress-bar-screenshots.txt}.
 */
@Timeout(300)
@DisabledOnOs(OS.WINDOWS)
class ProgressBarIT {
  private static final Pattern ITEMS = Pattern.compile("([\\d,]+)/([\\d,]+|\\?) items");
  private static final Pattern ETA = Pattern.compile("ETA \\d+:\\d\\d");

  @TempDir Path home;
  @TempDir Path work;

  private FakeFlickr fake;

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  private static Path script() {
    for (String dir : List.of("/usr/bin", "/bin")) {
      Path p = Path.of(dir, "script");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Runs the jar under {@code script} in a terminal of {@code columns}; returns all it printed. */
  private String runInTerminal(int columns, Map<String, String> extraEnv, String... args) throws Exception {
    Path script = script();
    assumeTrue(script != null, "needs script(1) from util-linux/bsdutils for a pseudo-terminal");
    TestToken t = fake.issueAccessToken(FakeFlickr.DEFAULT_CONSUMER_KEY);
    String jar = System.getProperty("flickrbackup.jar");
    assertThat(jar).as("system property flickrbackup.jar (run with mvn verify)").isNotNull();
    StringBuilder cmd = new StringBuilder("stty cols " + columns + " rows 40 2>/dev/null; exec ")
        .append(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()))
        .append(" -Duser.home=").append(quote(home.toString()))
        .append(" -jar ").append(quote(jar))
        .append(" --endpoint ").append(quote(fake.baseUrl().toString()));
    for (String a : args) {
      cmd.append(' ').append(quote(a));
    }
    ProcessBuilder pb = new ProcessBuilder(script.toString(), "-qfec", cmd.toString(), "/dev/null");
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().put("TERM", "xterm-256color");
    pb.environment().put("LANG", "C.UTF-8");
    pb.environment().put("FLICKR_API_KEY", FakeFlickr.DEFAULT_CONSUMER_KEY);
    pb.environment().put("FLICKR_API_SECRET", FakeFlickr.DEFAULT_CONSUMER_SECRET);
    pb.environment().put("FLICKR_ACCESS_TOKEN", t.token());
    pb.environment().put("FLICKR_ACCESS_TOKEN_SECRET", t.secret());
    pb.environment().putAll(extraEnv);
    Path out = work.resolve("pty-" + columns + ".txt");
    pb.redirectOutput(out.toFile()).redirectErrorStream(true);
    Process p = pb.start(); // standard input stays open (a pipe): script ends with its command
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    p.getOutputStream().close();
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** What the terminal showed, one frame per carriage return or newline, colour codes removed. */
  static List<String> frames(String text) {
    List<String> frames = new ArrayList<>();
    for (String f : text.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").split("[\r\n]+")) {
      if (!f.isBlank()) {
        frames.add(f.stripTrailing());
      }
    }
    return frames;
  }

  /** Items done in a bar frame, or -1 for a line that is not one. */
  static int done(String frame) {
    Matcher m = ITEMS.matcher(frame);
    return m.find() ? Integer.parseInt(m.group(1).replace(",", "")) : -1;
  }

  @Test
  void theTotalAndAnEtaShowBeforeAQuarterOfTheRunAndTheBarEndsAtTheTotal() throws Exception {
    int items = 400;
    fake = FakeFlickr.builder()
        .account(FakeAccount.generate(AccountSpec.seed(13).photos(items).sets(6).videoShare(0).averageBytes(16_384)))
        .fault(Fault.latency(Duration.ofMillis(40)).scopedTo(FaultScope.MEDIA))
        .build();
    fake.start();

    String text = runInTerminal(120, Map.of(), "--threads", "2", "-f", "2000-01-01", work.resolve("photos").toString());

    List<String> frames = frames(text);
    List<String> bars = frames.stream().filter(f -> done(f) >= 0).toList();
    assertThat(bars).as(text).hasSizeGreaterThan(4);
    int quarter = indexOfFirst(bars, items / 4);
    assertThat(quarter).as("a frame at a quarter: %s", bars).isPositive();
    List<String> early = bars.subList(0, quarter + 1);
    assertThat(early).as("the total before a quarter was done").anyMatch(f -> f.contains("/400 items"));
    assertThat(early).as("an ETA before a quarter was done").anyMatch(f -> ETA.matcher(f).find()
        && f.contains("/400 items"));
    assertThat(bars).as("never an unknown total once the first item is done")
        .filteredOn(f -> done(f) > 0).noneMatch(f -> f.contains("/? items"));
    assertThat(bars.get(bars.size() - 1)).startsWith("Done 100%").contains("400/400 items");
    assertThat(frames).as("at a terminal the bar replaces the id lines")
        .noneMatch(f -> f.matches("\\d{6,}"));
    assertThat(frames).as("the summary as without a terminal").anyMatch(f -> f.contains("400 new,"));
    for (String bar : bars) {
      assertThat(bar.length()).as(bar).isLessThan(120);
    }

    String at25 = bars.get(quarter);
    String at75 = bars.get(indexOfFirst(bars, items * 3 / 4));
    String end = bars.get(bars.size() - 1);
    String shots = "120 columns, LANG=C.UTF-8, 400 items, 40 ms media latency, 2 threads\n"
        + "25 %: " + at25 + "\n75 %: " + at75 + "\nend:  " + end + "\n";
    writeScreenshots(shots);
  }

  @Test
  void aNarrowAsciiTerminalWithoutColourGetsALineThatFits() throws Exception {
    fake = FakeFlickr.builder()
        .account(FakeAccount.generate(AccountSpec.seed(14).photos(120).sets(3).videoShare(0).averageBytes(16_384)))
        .fault(Fault.latency(Duration.ofMillis(40)).scopedTo(FaultScope.MEDIA))
        .build();
    fake.start();

    String text = runInTerminal(60, Map.of("LANG", "C", "NO_COLOR", "1"), "--threads", "2", "-f", "2000-01-01",
        work.resolve("photos").toString());

    assertThat(text).doesNotContain("\u001b[3"); // no colour
    List<String> bars = frames(text).stream().filter(f -> done(f) >= 0).toList();
    assertThat(bars).as(text).hasSizeGreaterThan(2);
    for (String bar : bars) {
      assertThat(bar.length()).as(bar).isLessThan(60);
      assertThat(bar.chars()).as(bar).allMatch(c -> c >= 0x20 && c < 0x7f);
    }
    assertThat(bars.get(bars.size() - 1)).contains("120/120 items");
    writeScreenshots("60 columns, LANG=C, NO_COLOR=1, 120 items\nmiddle: "
        + bars.get(bars.size() / 2) + "\nend:    " + bars.get(bars.size() - 1) + "\n");
  }

  private static int indexOfFirst(List<String> bars, int done) {
    for (int i = 0; i < bars.size(); i++) {
      if (done(bars.get(i)) >= done) {
        return i;
      }
    }
    return -1;
  }

  private static void writeScreenshots(String text) throws IOException {
    Path file = Path.of(System.getProperty("flickrbackup.folder", "target/flickrbackup")).resolveSibling(
        "progress-bar-screenshots.txt");
    Files.writeString(file, text + "\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    System.out.println(text);
  }
}
