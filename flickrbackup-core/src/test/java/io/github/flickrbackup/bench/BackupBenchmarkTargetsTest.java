package io.github.flickrbackup.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.bench.BackupBenchmark.Measured;
import io.github.flickrbackup.bench.BackupBenchmark.Run;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackupBenchmarkTargetsTest {
  private static Run run(double wall, long peakMb, long apiCalls) {
    return new Run(wall, 1.0, peakMb, apiCalls, 0, null, null, null, -1);
  }

  @Test
  void eachTargetCountsTheRepetitionsThatMetIt() {
    Map<String, Measured> measured = new LinkedHashMap<>();
    measured.put("small", new Measured(List.of(run(0.4, -1, 0), run(0.5, -1, 0)),
        List.of(run(1.9, 90, 22), run(2.3, 91, 22)), List.of(run(0.9, 80, 3), run(0.95, 80, 3))));
    measured.put("large", new Measured(List.of(run(4.0, -1, 0)), List.of(run(26.3, 151, 241)),
        List.of(run(1.12, 82, 4))));
    measured.put("latency", new Measured(List.of(run(1.0, -1, 0), run(2.0, -1, 0)),
        List.of(run(1.2, 90, 22), run(3.4, 91, 22)), List.of(run(1.0, 80, 3), run(1.1, 80, 3))));

    assertThat(BackupBenchmark.targets(measured)).containsExactly(
        "| 200 × 1 MB at 50/20 ms: within 1.3× of the floor | 1.2× – 1.7× | partly (1 of 2 runs) |",
        "| 300 × 20 KB, no latency: under 2 s with the launcher, cold | 1.90 s – 2.30 s | partly (1 of 2 runs) |",
        "| nothing changed on 20,000 items: under 1 s | 1.12 s | no (0 of 1 runs) |",
        "| 20,000 items in 200 albums: 2× faster than 64 s (32 s) | 26.30 s | yes (1 of 1 runs) |",
        "| 20,000 items: peak RSS ≤ 150 MB | 151 MB | no (0 of 1 runs) |",
        "| API calls, 300 items: 22 | 22 | yes (2 of 2 runs) |",
        "| API calls, 20,000 items: 241 | 241 | yes (1 of 1 runs) |",
        "| API calls, nothing changed: ≤ 3 | 3 – 4 | partly (4 of 5 runs) |");
  }

  @Test
  void startedColdTakesEachRatioWithinItsRepetition() {
    Measured latency = new Measured(List.of(run(1.0, -1, 0), run(0.8, -1, 0)),
        List.of(run(2.8, 90, 22), run(2.4, 91, 22)), List.of(run(0.9, 80, 3), run(0.9, 80, 3)),
        List.of(run(0.4, 40, 0), run(0.5, 40, 0)), List.of(run(1.4, 60, 0), run(1.6, 60, 0)));

    // floor as a program: 1.4 / 1.0 and 1.6 / 0.8; ours: 2.8 / 1.0 and 2.4 / 0.8; ours against the
    // program: 2.8 / 1.4 and 2.4 / 1.6. Across repetitions (2.8 / 0.8) would say 3.5×.
    assertThat(BackupBenchmark.startedColdRow("1 MB", latency)).isEqualTo("| 1 MB | 0.80 s – 1.00 s | 1.40 s – 1.60 s"
        + " | 1.4× – 2.0× | 0.40 s – 0.50 s | 2.40 s – 2.80 s | 2.8× – 3.0× | 1.5× – 2.0× |");
    assertThat(BackupBenchmark.startedColdRow("in this JVM", new Measured(latency.floors(), latency.fulls(),
        latency.unchanged()))).isEqualTo("| in this JVM | n/a | n/a | n/a | n/a | n/a | n/a | n/a |");
  }

  @Test
  void aFigureNotMeasuredMeetsNothing() {
    Map<String, Measured> measured = Map.of("large", new Measured(List.of(run(4.0, -1, 0)),
        List.of(run(26.3, -1, 241)), List.of(run(0.9, -1, 3))));

    assertThat(BackupBenchmark.targets(measured))
        .contains("| 20,000 items: peak RSS ≤ 150 MB | n/a | no (0 of 1 runs) |")
        .contains("| nothing changed on 20,000 items: under 1 s | 0.90 s | yes (1 of 1 runs) |");
  }
}
