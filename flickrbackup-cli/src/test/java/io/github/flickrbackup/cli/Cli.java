package io.github.flickrbackup.cli;

import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.TestToken;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command in-process with captured output, the way picocli's docs test commands. */
final class Cli {
  /** What a run printed and returned. */
  record Run(int status, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private Cli() {}

  /** Surroundings with no variables, no input, no terminal, and no engine: a test that reaches it fails. */
  static Env env(Path home, Map<String, String> variables) {
    return new Env(variables, home, new ByteArrayInputStream(new byte[0]), false, () -> {
      throw new AssertionError("this command line should have stopped before using the engine");
    });
  }

  /**
   * Surroundings of a real run against {@code fake}: its API key and endpoint (and
   * {@code variables}), no input, no terminal, core's engine.
   */
  static Env against(FakeFlickr fake, Path home, Map<String, String> variables) {
    Map<String, String> all = new HashMap<>(Map.of("FLICKR_API_KEY", FakeFlickr.DEFAULT_CONSUMER_KEY,
        "FLICKR_API_SECRET", FakeFlickr.DEFAULT_CONSUMER_SECRET, "FLICKRBACKUP_ENDPOINT", fake.baseUrl().toString()));
    all.putAll(variables);
    return new Env(all, home, new ByteArrayInputStream(new byte[0]), false, CoreEngine::new);
  }

  /** A real run against {@code fake}, with a fresh token in the environment. */
  static Run runAgainst(FakeFlickr fake, Path home, String... args) {
    TestToken t = fake.issueAccessToken();
    return run(against(fake, home, Map.of("FLICKR_ACCESS_TOKEN", t.token(), "FLICKR_ACCESS_TOKEN_SECRET", t.secret())),
        args);
  }

  static Run run(Env env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = FlickrBackupCli.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true));
    int status = cmd.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  static BackupOptions parse(Env env, String... args) {
    BackupCommand command = new BackupCommand(env);
    new CommandLine(command).parseArgs(args);
    return command.options;
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
