package io.github.flickrbackup.cli;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.ItemFailure;
import io.github.flickrbackup.ItemOutcome;
import io.github.flickrbackup.source.PhotoId;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a run's progress. At a terminal: a progress bar with items, bytes, rate and ETA. Not at
 * a terminal (cron): one line per finished item id, as the Python tool printed. Both log
 * warnings, failures and (with {@code -v}) each item's size and what happened to it; a run
 * stopped by an error leaves its figures and the reason in the log file. Thread-safe; never
 * throws.
 */
final class ProgressReporter implements BackupListener {
  private static final Logger ITEMS = LoggerFactory.getLogger(Logging.ITEMS);

  private final boolean bar;
  private final AtomicLong bytes = new AtomicLong();
  private volatile Instant started = Instant.now();
  private volatile ProgressBar progress;

  ProgressReporter(boolean bar) {
    this.bar = bar;
  }

  @Override
  public void runStarted(BackupPlan plan) {
    started = Instant.now();
    ITEMS.debug("Starting {}", plan);
    if (bar) {
      progress = new ProgressBarBuilder()
          .setTaskName(plan.dryRun() ? "Listing" : "Backing up")
          .setInitialMax(-1)
          .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
          .setUnit(" items", 1)
          .setUpdateIntervalMillis(250)
          .build();
    }
  }

  @Override
  public void listingFinished(int itemsListed, int itemsToProcess) {
    ITEMS.debug("Listed {} items, {} need work", itemsListed, itemsToProcess);
    ProgressBar p = progress;
    if (p != null) {
      p.maxHint(itemsToProcess);
    }
  }

  @Override
  public void itemStarted(PhotoId id, long expectedBytes) {
    ITEMS.debug("{}: started{}", id, expectedBytes >= 0 ? " (" + Sizes.bytes(expectedBytes) + ")" : "");
  }

  @Override
  public void bytesReceived(PhotoId id, long count) {
    long total = bytes.addAndGet(count);
    ProgressBar p = progress;
    if (p != null) {
      p.setExtraMessage(Sizes.bytes(total) + ", " + Sizes.rate(total, Duration.between(started, Instant.now())));
    }
  }

  @Override
  public void retrying(String what, int attempt, Duration delay, Throwable cause) {
    ITEMS.debug("Retrying {} in {} ms (attempt {} failed: {})", what, delay.toMillis(), attempt,
        cause == null ? "" : cause.getMessage());
  }

  @Override
  public void itemFinished(PhotoId id, ItemOutcome outcome) {
    if (ITEMS.isDebugEnabled()) {
      ITEMS.debug("{}: {}", id, describe(outcome)); // -v: the id with what happened, instead of the bare id
    } else {
      ITEMS.info("{}", id);
    }
    step();
  }

  @Override
  public void itemFailed(ItemFailure failure) {
    ITEMS.warn("{} failed: {}", failure.id(), failure.message().isEmpty() ? failure.kind() : failure.message());
    step();
  }

  @Override
  public void warning(String message) {
    ITEMS.warn("{}", message);
  }

  @Override
  public void runFinished(BackupResult result) {
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

  private void step() {
    ProgressBar p = progress;
    if (p != null) {
      p.step();
    }
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
