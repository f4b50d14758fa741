package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.BackupException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * N threads taking items from a bounded queue. The queue is what keeps memory flat however
 * large the account: {@link #submit} blocks while the workers are behind, so the stage before
 * slows down to their pace (the lister asks for the next page only when there is room). Once
 * the run is stopped, queued items are handed to the drop handler instead (which releases
 * what they hold) and each worker ends after its current item.
 *
 * @param <T> the items
 */
final class Workers<T> {
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue;
  private final String name;
  private final int count;
  private final Consumer<? super T> handler;
  private final Consumer<? super T> dropped;
  private final StopSignal stop;
  private final List<Thread> threads = new ArrayList<>(); // guarded by this
  private volatile boolean started;

  /**
   * @param name names the threads
   * @param handler handles one item; must not throw
   * @param dropped releases an item that will not be handled because the run stopped
   */
  Workers(String name, int count, int capacity, Consumer<? super T> handler, Consumer<? super T> dropped,
      StopSignal stop) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.name = name;
    this.count = count;
    this.handler = handler;
    this.dropped = dropped;
    this.stop = stop;
  }

  /**
   * Starts the threads with the first item: a run with nothing to download (the usual later
   * run) starts none of its fetch and write threads (18 with the default 6 downloads), a
   * millisecond each at start-up.
   */
  private void startThreads() {
    if (started) {
      return;
    }
    synchronized (this) {
      if (started) {
        return;
      }
      for (int i = 0; i < count; i++) {
        Thread t = new Thread(() -> work(handler), "flickrbackup-" + name + "-" + (i + 1));
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
      started = true;
    }
  }

  /** @return how many threads have been started: none before the first item, then all */
  synchronized int threadsStarted() {
    return threads.size();
  }

  /**
   * Hands an item to the workers, waiting while the queue is full.
   *
   * @return false if the run stopped first: the item was not taken, the caller still owns it
   */
  boolean submit(T item) {
    startThreads();
    try {
      while (!stop.stopped()) {
        if (queue.offer(item, 200, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop.stop(new BackupException("the run was interrupted"));
    }
    return false;
  }

  /** No more items: waits until the workers have handled every queued item (or dropped them, if stopped). */
  void finish() {
    List<Thread> threads;
    synchronized (this) {
      started = true; // no thread starts after this
      threads = List.copyOf(this.threads);
    }
    boolean interrupted = false;
    for (int i = 0; i < threads.size(); i++) {
      while (true) {
        try {
          if (queue.offer(END, 200, TimeUnit.MILLISECONDS)) {
            break;
          }
          if (stop.stopped()) {
            dropQueued();
          }
        } catch (InterruptedException e) {
          interrupted = true;
          stop.stop(new BackupException("the run was interrupted"));
          dropQueued();
        }
      }
    }
    for (Thread t : threads) {
      while (t.isAlive()) {
        try {
          t.join(1000);
        } catch (InterruptedException e) {
          // The caller wants out: stop the run, wake the workers, and still wait for them, so
          // that no worker writes after the run has ended.
          interrupted = true;
          stop.stop(new BackupException("the run was interrupted"));
          threads.forEach(Thread::interrupt);
        }
        if (stop.stopped()) {
          dropQueued();
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Drops queued items but keeps one end marker per worker still waiting for one. */
  private void dropQueued() {
    List<Object> drained = new ArrayList<>();
    queue.drainTo(drained);
    for (Object o : drained) {
      if (o == END) {
        queue.offer(END);
      } else {
        drop(o);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void drop(Object item) {
    try {
      dropped.accept((T) item);
    } catch (RuntimeException ignored) {
      // releasing a dropped item is best effort: the run is stopping anyway
    }
  }

  @SuppressWarnings("unchecked")
  private void work(Consumer<? super T> handler) {
    while (true) {
      Object next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (next == END) {
        return;
      }
      if (stop.stopped()) {
        drop(next);
      } else {
        handler.accept((T) next);
      }
    }
  }
}
