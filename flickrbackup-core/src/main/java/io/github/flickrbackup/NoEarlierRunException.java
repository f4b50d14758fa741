package io.github.flickrbackup;

/**
 * {@link Selection#sinceLastRun()} was asked of a destination that no run has finished in:
 * no catalog mark and no {@code .stamp} of the Python tool say where "since the last run"
 * begins. Nothing was fetched or written.
 *
 * <p>Choose where the first run starts: {@link Selection#sinceLastRunOr(java.time.Instant)}
 * (for a program that runs the same plan every time) or {@link Selection#updatedSince}.
 *
 * <pre>{@code
 * BackupPlan plan = BackupPlan.builder()
 *     .source(source)
 *     .destination(folder)
 *     .selection(Selection.sinceLastRunOr(Instant.EPOCH))   // everything the first time, then what changed
 *     .build();
 * }</pre>
 */
public class NoEarlierRunException extends BackupException {
  private static final long serialVersionUID = 1L;

  /** @param message what is missing and which method to call */
  public NoEarlierRunException(String message) {
    super(message);
  }
}
