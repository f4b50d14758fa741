package io.github.flickrbackup.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.BackupListener;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run that waits says so, before the wait: for the limiter's next window, or Flickr's Retry-After. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WaitReportingTest {
  record Wait(Duration delay, String reason) {}

  @Test
  void aCallThatMustWaitForTheNextWindowSaysHowLongFirst() throws Exception {
    // 61 calls an hour: 8 permits per ten-minute window, so the ninth call waits minutes.
    Resilience.Settings settings = new Resilience.Settings(1, Duration.ofMillis(1), Duration.ofMillis(10), 61);
    List<Wait> waits = new CopyOnWriteArrayList<>();
    AtomicReference<Thread> caller = new AtomicReference<>();
    Resilience r = new Resilience(settings, new BackupListener() {
      @Override
      public void waiting(Duration wait, String reason) {
        waits.add(new Wait(wait, reason));
        caller.get().interrupt(); // the user gave up: the wait must end at once
      }
    });
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        for (int i = 0; i < 9; i++) {
          r.api("flickr.test.echo", calls::incrementAndGet);
        }
      } catch (RuntimeException e) {
        thrown.set(e);
      }
    });
    caller.set(t);
    t.start();
    t.join(20_000);

    assertThat(t.isAlive()).isFalse();
    assertThat(calls).hasValue(settings.permitsPerWindow());
    assertThat(waits).hasSize(1);
    assertThat(waits.get(0).reason()).isEqualTo("Flickr's rate limit");
    assertThat(waits.get(0).delay()).isGreaterThan(Duration.ofMinutes(9)).isLessThanOrEqualTo(Resilience.WINDOW);
    assertThat(thrown.get()).isInstanceOf(RequestNotPermitted.class);
  }

  @Test
  void aRetryAfterFromFlickrIsAWaitForItsRateLimitAndARetry() {
    List<Wait> waits = new CopyOnWriteArrayList<>();
    List<Duration> retries = new CopyOnWriteArrayList<>();
    Resilience r = new Resilience(new Resilience.Settings(3, Duration.ofMillis(1), Duration.ofSeconds(5), 3000),
        new BackupListener() {
          @Override
          public void waiting(Duration wait, String reason) {
            waits.add(new Wait(wait, reason));
          }

          @Override
          public void retrying(String what, int attempt, Duration delay, Throwable cause) {
            retries.add(delay);
          }
        });
    AtomicInteger calls = new AtomicInteger();
    String result = r.api("flickr.test.echo", () -> {
      if (calls.incrementAndGet() == 1) {
        throw new CallFailure(CallFailure.Kind.RATE_LIMITED, 0, 429, Duration.ofMillis(300), "HTTP 429", null);
      }
      if (calls.get() == 2) {
        throw CallFailure.transientFailure("reset", null); // an ordinary back-off: a retry, not a wait
      }
      return "ok";
    });

    assertThat(result).isEqualTo("ok");
    assertThat(waits).containsExactly(new Wait(Duration.ofMillis(300), "Flickr's rate limit"));
    assertThat(retries).hasSize(2).first().isEqualTo(Duration.ofMillis(300));
  }
}
