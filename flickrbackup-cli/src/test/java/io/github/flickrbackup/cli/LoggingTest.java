package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingTest {
  @TempDir Path dir;

  @AfterEach
  void reset() throws CliException {
    Logging.configure(false, null, false);
  }

  @Test
  void theLogFileHasDateTimeLevelAndMessageAndIsAppendedTo() throws Exception {
    Path log = Files.writeString(dir.resolve("flickrbackup.log"), "earlier line\n");
    Logging.configure(false, log, false);
    LoggerFactory.getLogger(Logging.ITEMS).info("1001");
    LoggerFactory.getLogger(Logging.ITEMS).warn("1002 failed: gone");
    LoggerFactory.getLogger(Logging.ITEMS).debug("not without -v");
    assertThat(Files.readAllLines(log)).satisfiesExactly(
        l -> assertThat(l).isEqualTo("earlier line"),
        l -> assertThat(l).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} INFO 1001"),
        l -> assertThat(l).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} WARN 1002 failed: gone"));
  }

  @Test
  void verboseAddsDebugLines() throws Exception {
    Path log = dir.resolve("v.log");
    Logging.configure(true, log, false);
    LoggerFactory.getLogger(Logging.ITEMS).debug("1001: downloaded");
    assertThat(Files.readString(log)).contains("DEBUG 1001: downloaded");
  }
}
