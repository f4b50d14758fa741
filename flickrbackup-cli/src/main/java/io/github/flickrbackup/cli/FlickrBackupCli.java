package io.github.flickrbackup.cli;

import java.io.PrintWriter;
import java.lang.ref.Reference;
import picocli.CommandLine;

/**
 * The {@code flickrbackup} program: {@code java -jar flickrbackup.jar --help}.
 *
 * <pre>{@code
 * java -jar flickrbackup.jar --demo
 * java -jar flickrbackup.jar -f 2012-02-28 /backup/flickr
 * }</pre>
 *
 * <p>Exit status: 0 all done, 1 error, 2 finished with failed items (see {@code docs/scripting.md}).
 */
public final class FlickrBackupCli {
  private FlickrBackupCli() {}

  /**
   * Runs the program and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    WarmUp warmUp = WarmUp.start();
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    CommandLine cmd = commandLine(Env.system(CoreEngine::new), out, err);
    warmUp.awaitSqlite();
    int status = cmd.execute(args);
    Reference.reachabilityFence(warmUp); // its trust managers kept the JDK's certificate cache
    out.flush();
    err.flush();
    Logging.stop();
    System.exit(status);
  }

  /** The configured command line: handlers, exit codes, output writers. */
  static CommandLine commandLine(Env env, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new BackupCommand(env));
    HelpGroups.apply(cmd.getCommandSpec());
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExitCodeExceptionMapper(new Handlers.ExitCodeMapper());
    cmd.setParameterExceptionHandler(new Handlers.BadUsage());
    cmd.setExecutionExceptionHandler(new Handlers.Failure());
    return cmd;
  }
}
