package io.github.flickrbackup.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.BackupException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkersTest {
  @Test
  void everySubmittedItemIsHandledOnceFinishReturns() {
    List<Integer> handled = new CopyOnWriteArrayList<>();
    Workers<Integer> workers = new Workers<>("test", 4, 8, handled::add, i -> {}, new StopSignal());
    for (int i = 0; i < 1000; i++) {
      assertThat(workers.submit(i)).isTrue(); // the queue holds 8: this blocks while the workers are behind
    }
    workers.finish();
    assertThat(handled).hasSize(1000).doesNotHaveDuplicates();
  }

  @Test
  void onceStoppedQueuedItemsAreReleasedAndNewOnesRefused() throws Exception {
    StopSignal stop = new StopSignal();
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> handled = new CopyOnWriteArrayList<>();
    List<Integer> dropped = new CopyOnWriteArrayList<>();
    Workers<Integer> workers = new Workers<>("test", 1, 16, i -> {
      handled.add(i);
      first.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, dropped::add, stop);
    for (int i = 0; i < 10; i++) {
      workers.submit(i);
    }
    assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
    stop.stop(new BackupException("disk full"));
    assertThat(workers.submit(99)).isFalse(); // refused: the caller still owns it
    release.countDown();
    workers.finish();
    assertThat(handled).containsExactly(0);
    assertThat(dropped).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9); // each released once
  }

  @Test
  void threadsStartWithTheFirstItemAndNotAtAllWithoutOne() {
    Workers<Integer> idle = new Workers<>("test", 3, 8, i -> {}, i -> {}, new StopSignal());
    idle.finish();
    assertThat(idle.threadsStarted()).isZero();

    List<Integer> handled = new CopyOnWriteArrayList<>();
    Workers<Integer> busy = new Workers<>("test", 3, 8, handled::add, i -> {}, new StopSignal());
    assertThat(busy.threadsStarted()).isZero();
    assertThat(busy.submit(7)).isTrue();
    assertThat(busy.threadsStarted()).isEqualTo(3);
    busy.finish();
    assertThat(handled).containsExactly(7);
  }
}
