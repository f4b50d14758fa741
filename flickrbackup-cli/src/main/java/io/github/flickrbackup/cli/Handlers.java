package io.github.flickrbackup.cli;

import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.NoEarlierRunException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every error into one line on standard error and an exit status: 1 for bad usage and for
 * anything that stopped the run. The stack trace is printed only with {@code --stacktrace}; with
 * {@code --json} a JSON error object also goes to standard output.
 */
final class Handlers {
  private Handlers() {}

  /** Exit status 1 for every exception; 2 is a result, never an exception. */
  static final class ExitCodeMapper implements IExitCodeExceptionMapper {
    @Override
    public int getExitCode(Throwable exception) {
      return ExitCodes.ERROR;
    }
  }

  /** Bad flags and values. */
  static final class BadUsage implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      String message = ex.getMessage();
      if (ex instanceof UnmatchedArgumentException unmatched) {
        List<String> suggestions = unmatched.getSuggestions();
        if (!suggestions.isEmpty()) {
          message += " (did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))
              + "?)";
        }
      }
      message = message.replaceFirst("^Error: ", "");
      err.println("flickrbackup: " + message + " (see flickrbackup --help)");
      List<String> given = Arrays.asList(args);
      if (given.contains("--stacktrace")) {
        ex.printStackTrace(err);
      }
      err.flush();
      if (given.contains("--json")) {
        cmd.getOut().println(Summary.jsonError(message));
        cmd.getOut().flush();
      }
      return cmd.getExitCodeExceptionMapper() != null
          ? cmd.getExitCodeExceptionMapper().getExitCode(ex) : ExitCodes.ERROR;
    }
  }

  /** Everything thrown while running. */
  static final class Failure implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
      PrintWriter err = cmd.getErr();
      String message = message(ex);
      err.println("flickrbackup: " + message);
      if (parsed.hasMatchedOption("--stacktrace")) {
        ex.printStackTrace(err);
      }
      err.flush();
      if (parsed.hasMatchedOption("--json")) {
        cmd.getOut().println(Summary.jsonError(message));
        cmd.getOut().flush();
      }
      return cmd.getExitCodeExceptionMapper() != null
          ? cmd.getExitCodeExceptionMapper().getExitCode(ex) : ExitCodes.ERROR;
    }
  }

  /** The one line for an exception: its message when it was meant for the user. */
  static String message(Throwable ex) {
    if (ex instanceof NoEarlierRunException) {
      // Core's message names the Java method; a command-line user needs the flag.
      return "no earlier run is recorded in this destination: give the first run a start date with "
          + "-f YYYY-MM-DD (later runs continue from where the last one ended)";
    }
    String m = ex.getMessage() == null ? "" : ex.getMessage().strip();
    boolean expected = ex instanceof CliException || ex instanceof BackupException || ex instanceof IOException;
    if (expected && !m.isEmpty()) {
      return firstLine(m);
    }
    return "unexpected error (" + ex.getClass().getName() + (m.isEmpty() ? "" : ": " + firstLine(m))
        + "); run again with --stacktrace and report it";
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl).strip();
  }
}
