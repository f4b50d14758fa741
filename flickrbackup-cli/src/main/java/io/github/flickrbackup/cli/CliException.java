package io.github.flickrbackup.cli;

/**
 * A problem the user can fix (a bad file, a missing key, a refused token): printed as one line
 * and the program exits with {@link ExitCodes#ERROR}. Messages never hold secrets.
 */
final class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }

  CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
