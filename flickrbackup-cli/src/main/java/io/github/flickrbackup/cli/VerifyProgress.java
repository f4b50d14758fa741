package io.github.flickrbackup.cli;

import io.github.flickrbackup.BackupListener;
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
 * {@code --verify}'s progress: at a terminal a bar of items checked, with the bytes read and
 * the rate; elsewhere nothing per item (a verify of 20,000 items would print 20,000 ids), only
 * warnings. The verify's events are those of {@code FlickrBackup.verify}: the item count, then
 * each item started, its bytes, finished. Thread-safe; never throws.
 */
final class VerifyProgress implements BackupListener {
  private static final Logger ITEMS = LoggerFactory.getLogger(Logging.ITEMS);

  private final boolean bar;
  private final AtomicLong bytes = new AtomicLong();
  private final Instant started = Instant.now();
  private volatile ProgressBar progress;

  VerifyProgress(boolean bar) {
    this.bar = bar;
  }

  @Override
  public synchronized void listingFinished(int itemsListed, int itemsToProcess) {
    if (bar && progress == null) {
      progress = new ProgressBarBuilder().setTaskName("Verifying").setInitialMax(itemsToProcess)
          .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUnit(" items", 1).setUpdateIntervalMillis(250)
          .build();
    }
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
  public void itemFinished(PhotoId id, ItemOutcome outcome) {
    ProgressBar p = progress;
    if (p != null) {
      p.step();
    }
  }

  @Override
  public void warning(String message) {
    ITEMS.warn("{}", message);
  }

  /** Removes the bar. */
  synchronized void close() {
    ProgressBar p = progress;
    progress = null;
    if (p != null) {
      p.close();
    }
  }
}
