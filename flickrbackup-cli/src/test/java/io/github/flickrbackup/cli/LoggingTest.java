package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
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

  @Test
  void logbackStartsWithBareWarningsOnStandardErrorInsteadOfSearchingForConfigFiles() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(p -> p.type().getName()))
        .as("registered in META-INF/services").contains(Logging.StartConfigurator.class.getName());

    LoggerContext context = new LoggerContext();
    assertThat(new Logging.StartConfigurator().configure(context))
        .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      context.getLogger("org.sqlite.SQLiteJDBCLoader").debug("not shown");
      context.getLogger("org.sqlite.SQLiteJDBCLoader").warn("cannot load {}", "libsqlitejdbc.so");
    } finally {
      System.setErr(original);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("cannot load libsqlitejdbc.so" + System.lineSeparator());
  }
}
