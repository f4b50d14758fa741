package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.BackupException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first fatal error of a run (revoked token, full disk, broken catalog). Every stage
 * looks at it before starting more work, so that once it is set the run winds down: the
 * lister stops, queued items are dropped, in-flight writes are discarded, and what is done
 * is still recorded.
 */
final class StopSignal {
  private final AtomicReference<BackupException> reason = new AtomicReference<>();

  /** Stops the run; only the first reason is kept. */
  void stop(BackupException why) {
    reason.compareAndSet(null, why);
  }

  boolean stopped() {
    return reason.get() != null;
  }

  Optional<BackupException> reason() {
    return Optional.ofNullable(reason.get());
  }
}
