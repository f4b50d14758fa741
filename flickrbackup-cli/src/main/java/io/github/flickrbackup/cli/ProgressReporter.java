package io.github.flickrbackup.cli;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.ItemFailure;
import io.github.flickrbackup.ItemOutcome;
import io.github.flickrbackup.source.PhotoId;
import java.time.Duration;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a run's progress. At a terminal: a progress line ({@link BarLine}) with the phase
 * ("Reading albums 12/200", "Listing 40,000 items", "Downloading"), the items done of those
 * expected (known from the first listing page), bytes, rate, an ETA from the byte rate, and
 * what the run waits for ("waiting 45 s for Flickr's rate limit"). Not at a terminal (cron):
 * one line per finished item id, as the Python tool printed. Both log
 * warnings, failures and (with {@code -v}) each item's size and what happened to it; a run
 * stopped by an error leaves its figures and the reason in the log file. Thread-safe; never
 * throws.
 */
final class ProgressReporter implements BackupListener {
  private static final Logger ITEMS = LoggerFactory.getLogger(Logging.ITEMS);

  /** Retries that wait at least this long show on the bar; shorter ones would only flicker. */
  private static final Duration VISIBLE_WAIT = Duration.ofSeconds(1);

  private final BarLine.Style style;
  private final TerminalLine line;
  private final RunProgress figures = new RunProgress(System::nanoTime);
  private volatile ProgressBar progress;

  /**
   * @param bar whether to draw the bar (at a terminal, not verbose); its style from this
   *     process's environment
   */
  ProgressReporter(boolean bar) {
    this(bar, System.getenv());
  }

  /**
   * @param bar whether to draw the bar
   * @param env the environment: {@code LANG}/{@code LC_*} (UTF-8 or ASCII), {@code NO_COLOR},
   *     {@code TERM}, {@code COLUMNS}
   */
  ProgressReporter(boolean bar, Map<String, String> env) {
    this.style = bar ? BarLine.Style.of(env) : null;
    this.line = bar ? TerminalLine.standardError(env, style) : null;
    if (line != null) {
      line.getMaxRenderedLength(); // asks the terminal now, while the run signs in and lists
    }
  }

  @Override
  public void runStarted(BackupPlan plan) {
    ITEMS.debug("Starting {}", plan);
    figures.planning(plan.dryRun());
    if (style != null) {
      progress = new ProgressBarBuilder()
          .setInitialMax(-1)
          .setUpdateIntervalMillis(250)
          .continuousUpdate() // the figures live in RunProgress, not in the bar's own counter
          .setConsumer(line)
          .setRenderer((state, width) -> BarLine.render(figures.snapshot(), width, style))
          .build();
    }
  }

  @Override
  public void albumsRead(int done, int total) {
    figures.albums(done, total);
  }

  @Override
  public void itemsExpected(int items) {
    ITEMS.debug("Expecting {} items", items);
    figures.expected(items);
  }

  @Override
  public void listingFinished(int itemsListed, int itemsToProcess) {
    ITEMS.debug("Listed {} items, {} need work", itemsListed, itemsToProcess);
  }

  @Override
  public void itemStarted(PhotoId id, long expectedBytes) {
    if (ITEMS.isDebugEnabled()) { // not formatting a size per item that no one reads
      ITEMS.debug("{}: started{}", id, expectedBytes >= 0 ? " (" + Sizes.bytes(expectedBytes) + ")" : "");
    }
    figures.started(id.value(), expectedBytes);
  }

  @Override
  public void bytesReceived(PhotoId id, long count) {
    figures.received(count);
  }

  @Override
  public void retrying(String what, int attempt, Duration delay, Throwable cause) {
    ITEMS.debug("Retrying {} in {} ms (attempt {} failed: {})", what, delay.toMillis(), attempt,
        cause == null ? "" : cause.getMessage());
    if (delay.compareTo(VISIBLE_WAIT) >= 0) {
      figures.waiting(delay, "a retry of " + what);
    }
  }

  @Override
  public void waiting(Duration wait, String reason) {
    ITEMS.debug("Waiting {} ms for {}", wait.toMillis(), reason);
    figures.waiting(wait, reason);
  }

  @Override
  public void itemFinished(PhotoId id, ItemOutcome outcome) {
    if (ITEMS.isDebugEnabled()) {
      ITEMS.debug("{}: {}", id, describe(outcome)); // -v: the id with what happened, instead of the bare id
    } else {
      ITEMS.info("{}", id);
    }
    figures.finished(id.value());
  }

  @Override
  public void itemFailed(ItemFailure failure) {
    ITEMS.warn("{} failed: {}", failure.id(), failure.message().isEmpty() ? failure.kind() : failure.message());
    figures.finished(failure.id().value());
  }

  @Override
  public void warning(String message) {
    ITEMS.warn("{}", message);
  }

  @Override
  public void runFinished(BackupResult result) {
    if (!result.stopped()) {
      figures.done();
    }
    close();
    if (result.stopped()) {
      // The console gets one line from the exception handler. The log file is what an
      // unattended run leaves behind, so it also gets what the run did before it stopped, and why.
      Logger summary = LoggerFactory.getLogger(Logging.SUMMARY);
      for (String line : Summary.text(result, false)) {
        summary.error(line);
      }
    }
  }

  /** Removes the bar, also when the run ended with an exception. */
  void close() {
    ProgressBar p = progress;
    progress = null;
    if (p != null) {
      p.close();
    }
  }

  /** @return the figures the bar shows (for tests) */
  RunProgress figures() {
    return figures;
  }

  private static String describe(ItemOutcome outcome) {
    switch (outcome) {
      case DOWNLOADED: return "downloaded";
      case UPDATED: return "original changed, downloaded again";
      case METADATA_ONLY: return "metadata rewritten";
      case UNCHANGED: return "unchanged";
      case PLANNED: return "would be downloaded";
      default: return outcome.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
