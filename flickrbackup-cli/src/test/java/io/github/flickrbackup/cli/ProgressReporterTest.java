package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.FailureKind;
import io.github.flickrbackup.ItemFailure;
import io.github.flickrbackup.ItemOutcome;
import io.github.flickrbackup.source.PhotoId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressReporterTest {
  @TempDir Path dir;

  @AfterEach
  void reset() throws CliException {
    Logging.configure(false, null, false);
  }

  @Test
  void withoutATerminalEachFinishedItemIsOneLineWithItsId() throws Exception {
    Path log = dir.resolve("log");
    Logging.configure(false, log, false);
    ProgressReporter r = new ProgressReporter(false);
    r.itemFinished(PhotoId.of("1001"), ItemOutcome.DOWNLOADED);
    r.itemFinished(PhotoId.of("1002"), ItemOutcome.UNCHANGED);
    r.itemFailed(new ItemFailure(PhotoId.of("1003"), FailureKind.NOT_FOUND, "deleted on Flickr"));
    r.warning("the web session has expired");
    List<String> messages = Files.readAllLines(log).stream().map(l -> l.substring(20)).toList();
    assertThat(messages).containsExactly("INFO 1001", "INFO 1002", "WARN 1003 failed: deleted on Flickr",
        "WARN the web session has expired");
  }

  @Test
  void verboseSaysWhatHappenedToEachItem() throws Exception {
    Path log = dir.resolve("log");
    Logging.configure(true, log, false);
    ProgressReporter r = new ProgressReporter(false);
    r.itemFinished(PhotoId.of("1001"), ItemOutcome.METADATA_ONLY);
    assertThat(Files.readString(log)).contains("DEBUG 1001: metadata rewritten").doesNotContain("INFO 1001");
  }
}
