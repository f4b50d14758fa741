package io.github.flickrbackup.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs the real shaded jar as a subprocess, as a user or cron would. */
final class Jar implements AutoCloseable {
  private static final Duration LIMIT = Duration.ofSeconds(120);

  /** What a finished run printed and returned. */
  record Result(int status, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }

    @Override
    public String toString() {
      return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final Process process;
  private final StringBuffer out = new StringBuffer();
  private final StringBuffer err = new StringBuffer();
  private final List<Thread> readers = new ArrayList<>();

  private Jar(Process process) {
    this.process = process;
    readers.add(pump(process.getInputStream(), out));
    readers.add(pump(process.getErrorStream(), err));
  }

  /** Starts the jar with exactly these environment variables (none inherited) and home folder. */
  static Jar start(Path home, Map<String, String> env, List<String> args) throws IOException {
    String jar = System.getProperty("flickrbackup.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("system property flickrbackup.jar does not name the built jar: " + jar
          + " (run these tests with mvn verify)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Duser.home=" + home);
    command.add("-jar");
    command.add(jar);
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("LANG", "C.UTF-8");
    pb.environment().putAll(env);
    return new Jar(pb.start());
  }

  /** Runs to the end with standard input closed. */
  static Result run(Path home, Map<String, String> env, String... args) throws Exception {
    try (Jar jar = start(home, env, List.of(args))) {
      jar.stdin().close();
      return jar.finish();
    }
  }

  OutputStream stdin() {
    return process.getOutputStream();
  }

  void type(String line) throws IOException {
    stdin().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin().flush();
  }

  /** Waits until standard error satisfies the condition, and returns it. */
  String awaitErr(Predicate<String> condition) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      String now = err.toString();
      if (condition.test(now)) {
        return now;
      }
      if (!process.isAlive()) {
        throw new AssertionError("the program ended before printing what was expected:\n" + this.snapshot());
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out waiting for output:\n" + snapshot());
  }

  Result finish() throws InterruptedException {
    if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the program did not finish within " + LIMIT + ":\n" + snapshot());
    }
    for (Thread t : readers) {
      t.join(10_000);
    }
    return new Result(process.exitValue(), out.toString(), err.toString());
  }

  /** Kills the program as a power cut or {@code kill -9} would (SIGKILL: no shutdown hooks), and waits for it. */
  void kill() throws InterruptedException {
    if (!process.destroyForcibly().waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the program did not die within " + LIMIT);
    }
  }

  private String snapshot() {
    return "--- stdout\n" + out + "--- stderr\n" + err;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static Thread pump(InputStream in, StringBuffer into) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) > 0) {
          into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        into.append("[reading the output failed: ").append(e).append("]");
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }
}
