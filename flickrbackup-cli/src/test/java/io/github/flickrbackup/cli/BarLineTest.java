package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line: its figures, its ETA by bytes, and its fit in narrow or ASCII terminals. */
class BarLineTest {
  static final BarLine.Style UNICODE = new BarLine.Style(true, false);
  static final BarLine.Style ASCII = new BarLine.Style(false, false);
  static final long SECOND = 1_000_000_000L;

  /** A run of 400 items under a clock the test moves. */
  static final class Run {
    final AtomicLong now = new AtomicLong(1_000 * SECOND);
    final RunProgress p = new RunProgress(now::get);

    void after(double seconds) {
      now.addAndGet((long) (seconds * SECOND));
    }
  }

  @Test
  void theStyleFollowsTheLocaleNoColorAndDumbTerminals() {
    assertThat(BarLine.Style.of(Map.of("LANG", "en_GB.UTF-8", "TERM", "xterm-256color")))
        .isEqualTo(new BarLine.Style(true, true));
    assertThat(BarLine.Style.of(Map.of("LANG", "C.utf8", "TERM", "xterm", "NO_COLOR", "1")))
        .isEqualTo(new BarLine.Style(true, false));
    assertThat(BarLine.Style.of(Map.of("LC_ALL", "C", "LANG", "en_US.UTF-8", "TERM", "dumb")))
        .isEqualTo(new BarLine.Style(false, false));
    assertThat(BarLine.Style.of(Map.of("LANG", "de_DE.ISO-8859-1", "TERM", "xterm")))
        .isEqualTo(new BarLine.Style(false, true));
  }

  @Test
  void phasesAreNamedBeforeAnyItemIsDone() {
    Run r = new Run();
    r.p.albums(0, 200);
    r.p.albums(12, 200);
    assertThat(BarLine.render(r.p.snapshot(), 120, UNICODE)).startsWith("Reading albums 12/200   ?%");
    r.p.expected(40_000);
    r.p.albums(200, 200);
    assertThat(BarLine.render(r.p.snapshot(), 120, UNICODE)).startsWith("Listing 40,000 items   0%")
        .contains("0/40,000 items").contains("ETA ?");
    r.p.started("1", 1_000_000);
    assertThat(BarLine.render(r.p.snapshot(), 120, UNICODE)).startsWith("Downloading   0%");
  }

  @Test
  void theEtaGoesByBytesNotItems() {
    // 10 items: the first 5 are 10 kB each, the rest unknown. 5 done in 5 s at 10 kB/s; one big
    // item of 1 MB started. Counting items would say 5 s left; the bytes say far more.
    Run r = new Run();
    r.p.expected(10);
    for (int i = 0; i < 5; i++) {
      r.p.started("s" + i, 10_000);
      r.p.received(10_000);
      r.after(1);
      r.p.finished("s" + i);
    }
    r.p.started("big", 1_000_000);
    RunProgress.Snapshot s = r.p.snapshot();
    // left: 1 MB of the big item + 4 not started × mean (1.05 MB / 6); rate 50 kB / 5 s
    double mean = 1_050_000 / 6.0;
    long expectedSeconds = (long) ((1_000_000 + 4 * mean) / 10_000);
    assertThat(s.eta()).isBetween(Duration.ofSeconds(expectedSeconds - 1), Duration.ofSeconds(expectedSeconds + 1));
    assertThat(s.eta()).isGreaterThan(Duration.ofSeconds(60));
    assertThat(BarLine.render(s, 120, UNICODE)).contains("5/10 items").contains(" 50%")
        .contains("ETA " + BarLine.clock(s.eta()));
  }

  @Test
  void aRunWithNothingToDownloadEstimatesByItems() {
    Run r = new Run();
    r.p.expected(100);
    for (int i = 0; i < 10; i++) {
      r.p.started("u" + i, 0);
      r.after(0.1);
      r.p.finished("u" + i);
    }
    assertThat(r.p.snapshot().eta()).isBetween(Duration.ofMillis(8_000), Duration.ofMillis(10_000));
  }

  @Test
  void aWaitIsSaidInsteadOfTheEta() {
    Run r = new Run();
    r.p.expected(400);
    r.p.waiting(Duration.ofSeconds(45), "Flickr's rate limit");
    assertThat(BarLine.render(r.p.snapshot(), 100, UNICODE)).endsWith("waiting 45 s for Flickr's rate limit");
    r.after(46);
    assertThat(BarLine.render(r.p.snapshot(), 100, UNICODE)).endsWith("ETA ?");
  }

  @Test
  void itemsReportedTwiceCountOnceAndNeverPastTheTotal() {
    Run r = new Run();
    r.p.expected(2);
    r.p.finished("1");
    r.p.finished("1"); // a retry pass reports an item again
    assertThat(r.p.snapshot().done()).isEqualTo(1);
    r.p.finished("2");
    r.p.finished("3"); // uploaded while the run was listing
    RunProgress.Snapshot s = r.p.snapshot();
    assertThat(s.done()).isEqualTo(3);
    assertThat(s.expected()).isEqualTo(3);
  }

  @Test
  void narrowAndAsciiTerminalsGetALineThatFits() {
    Run r = new Run();
    r.p.expected(40_000);
    for (int i = 0; i < 12_345; i++) {
      r.p.started(Integer.toString(i), 3_000_000);
      r.p.received(3_000_000);
      r.p.finished(Integer.toString(i));
    }
    r.after(600);
    RunProgress.Snapshot s = r.p.snapshot();
    for (int width : new int[] {120, 100, 80, 60, 40, 30, 20}) {
      for (BarLine.Style style : new BarLine.Style[] {UNICODE, ASCII}) {
        String line = BarLine.render(s, width, style);
        assertThat(line.length()).as("%s at %d columns", line, width).isLessThan(width);
        if (!style.unicode()) {
          assertThat(line.chars()).as(line).allMatch(c -> c >= 0x20 && c < 0x7f);
        }
      }
    }
    assertThat(BarLine.render(s, 120, ASCII)).contains("[###").contains("12,345/40,000 items").contains("ETA ");
    assertThat(BarLine.render(s, 80, ASCII)).contains("12,345/40,000 items").contains("ETA ").contains("30%");
    assertThat(BarLine.render(s, 60, UNICODE)).doesNotContain("│").contains("12,345/40,000 items").contains("ETA ");
  }

  @Test
  void colourCodesDoNotCountTowardsTheWidth() {
    Run r = new Run();
    r.p.expected(10);
    r.p.finished("1");
    String line = BarLine.render(r.p.snapshot(), 80, new BarLine.Style(true, true));
    assertThat(line).contains("\u001b[32m");
    assertThat(line.replaceAll("\u001b\\[[0-9;]*m", "").length()).isLessThan(80);
  }

  @Test
  void theEndSaysDoneAndHowLong() {
    Run r = new Run();
    r.p.expected(3);
    r.p.finished("1");
    r.after(75);
    r.p.done();
    assertThat(BarLine.render(r.p.snapshot(), 100, ASCII)).startsWith("Done 100% [####").endsWith("in 1:15");
  }
}
