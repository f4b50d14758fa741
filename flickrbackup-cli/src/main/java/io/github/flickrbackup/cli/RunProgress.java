package io.github.flickrbackup.cli;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What the progress bar shows, gathered from the run's events on many threads: the phase, the
 * items done of those expected, and the bytes, from which it estimates the time left. Items
 * vary from 20 kB to 2 GB, so the estimate goes by bytes, not items: the bytes still to come of
 * the downloads under way (their {@code Content-Length}), plus the items not started yet times
 * the mean size of those started (zero-byte items, unchanged or metadata only, included), at
 * the rate measured since the first byte.
 */
final class RunProgress {
  /** What the run is doing, as the bar's label says it. */
  enum Phase { STARTING, ALBUMS, LISTING, WORKING, DONE }

  /**
   * One consistent look at the figures, for {@link BarLine}.
   *
   * @param phase what the run is doing
   * @param planning a dry run (its items are planned, not downloaded)
   * @param albumsDone albums whose members are known
   * @param albumsTotal albums being read, 0 when none
   * @param done items finished or failed (each once)
   * @param expected items the run expects, -1 while unknown
   * @param bytes media bytes received
   * @param elapsed since the run started
   * @param eta time left, null while it cannot be estimated
   * @param rate bytes per second since the first byte, -1 before it
   * @param waiting what the run waits for and how long still, null when it does not wait
   */
  record Snapshot(Phase phase, boolean planning, int albumsDone, int albumsTotal, int done, int expected,
      long bytes, Duration elapsed, Duration eta, double rate, String waiting) {}

  private final LongSupplier nanos;
  private final long start;
  private volatile Phase phase = Phase.STARTING;
  private volatile boolean planning;
  private volatile int albumsDone;
  private volatile int albumsTotal;
  private volatile int expected = -1;
  private final Set<String> finished = ConcurrentHashMap.newKeySet();
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final AtomicLong bytesAnnounced = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  /** When the first byte arrived (nanos), 0 before. */
  private final AtomicLong firstByte = new AtomicLong();
  /** When the first item was reported (nanos), 0 before: the item rate of a run without bytes. */
  private final AtomicLong firstItem = new AtomicLong();
  private final AtomicInteger startedEvents = new AtomicInteger();
  private volatile long waitUntil;
  private volatile String waitFor;

  RunProgress(LongSupplier nanos) {
    this.nanos = nanos;
    this.start = nanos.getAsLong();
  }

  void planning(boolean dryRun) {
    planning = dryRun;
  }

  void albums(int done, int total) {
    albumsDone = done;
    albumsTotal = total;
    if (phase == Phase.STARTING || phase == Phase.ALBUMS) {
      phase = done < total ? Phase.ALBUMS : Phase.LISTING;
    }
  }

  void expected(int items) {
    expected = items;
    if (phase == Phase.STARTING) {
      phase = Phase.LISTING;
    }
  }

  void started(String id, long expectedBytes) {
    working();
    started.add(id);
    startedEvents.incrementAndGet();
    if (expectedBytes > 0) {
      bytesAnnounced.addAndGet(expectedBytes);
    }
  }

  void received(long count) {
    working();
    firstByte.compareAndSet(0, nanos.getAsLong());
    bytes.addAndGet(count);
  }

  void finished(String id) {
    working();
    firstItem.compareAndSet(0, nanos.getAsLong());
    finished.add(id);
  }

  /** The run waits {@code wait} for {@code what} ("Flickr's rate limit"); the longest wait shows. */
  void waiting(Duration wait, String what) {
    long until = nanos.getAsLong() + wait.toNanos();
    if (until > waitUntil) {
      waitUntil = until;
      waitFor = what;
    }
  }

  void done() {
    phase = Phase.DONE;
  }

  private void working() {
    Phase p = phase;
    if (p != Phase.WORKING && p != Phase.DONE) {
      phase = Phase.WORKING;
    }
  }

  Snapshot snapshot() {
    long now = nanos.getAsLong();
    int done = finished.size();
    int exp = expected;
    if (exp >= 0 && done > exp) {
      exp = done; // more than Flickr counted (uploads during the run): never past 100 %
    }
    long got = bytes.get();
    long first = firstByte.get();
    double rate = first == 0 ? -1 : got / Math.max(1e-3, (now - first) / 1e9);
    String waiting = null;
    long until = waitUntil;
    if (until > now && waitFor != null) {
      long seconds = Math.max(1, Math.round((until - now) / 1e9));
      waiting = "waiting " + seconds + " s for " + waitFor;
    }
    return new Snapshot(phase, planning, albumsDone, albumsTotal, done, exp, got,
        Duration.ofNanos(now - start), eta(now, done, exp, got, first), rate, waiting);
  }

  private Duration eta(long now, int done, int exp, long got, long first) {
    if (phase == Phase.DONE) {
      return Duration.ZERO;
    }
    if (exp < 0) {
      return null;
    }
    int begun = Math.max(started.size(), done);
    long announced = bytesAnnounced.get();
    if (first != 0 && announced > 0 && now - first >= 500_000_000L) {
      double mean = (double) announced / Math.max(1, startedEvents.get());
      double left = Math.max(0, announced - got) + Math.max(0, exp - begun) * mean;
      double rate = got / ((now - first) / 1e9);
      return rate <= 0 ? null : Duration.ofMillis((long) (left / rate * 1000));
    }
    long firstDone = firstItem.get();
    if (announced == 0 && firstDone != 0 && done >= 5 && now - firstDone >= 500_000_000L) {
      // Nothing to download so far (unchanged items, metadata only): go by items.
      double perItem = (now - firstDone) / 1e9 / done;
      return Duration.ofMillis((long) (Math.max(0, exp - done) * perItem * 1000));
    }
    return null;
  }
}
