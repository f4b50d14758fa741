package io.github.flickrbackup.cli;

/**
 * The exit statuses, as documented in {@code --help} and {@code docs/scripting.md}. They are
 * the Python tool's, except that a usage error is 1 here (it was 2 there, a quirk of its
 * argument parser), so that 2 always means "finished, some items failed".
 */
final class ExitCodes {
  /** Every item was backed up (or the requested action succeeded). */
  static final int OK = 0;
  /** Nothing or not everything was done: bad usage, unreadable file, refused credentials, a fatal error. */
  static final int ERROR = 1;
  /** The run finished but some items failed; they are retried on the next run. */
  static final int FAILED_ITEMS = 2;

  private ExitCodes() {}
}
