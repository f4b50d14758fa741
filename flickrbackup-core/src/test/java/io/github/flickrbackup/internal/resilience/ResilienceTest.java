package io.github.flickrbackup.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.BackupListener;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResilienceTest {
  static Resilience.Settings settings(int callsPerHour) {
    return new Resilience.Settings(4, Duration.ofMillis(1), Duration.ofMillis(50), callsPerHour);
  }

  @Test
  void aBurstGetsOneWindowOfPermitsAndEveryRollingHourStaysUnderTheBudget() {
    for (int budget : new int[] {3000, 3600, 120, 61}) {
      RateLimiterConfig config = Resilience.limiterConfig(settings(budget));
      RateLimiter limiter = RateLimiter.of("t", RateLimiterConfig.from(config).timeoutDuration(Duration.ZERO).build());
      int granted = 0;
      for (int i = 0; i < 5000; i++) {
        if (limiter.acquirePermission()) {
          granted++;
        }
      }
      assertThat(granted).isEqualTo(config.getLimitForPeriod());
      // Any rolling hour overlaps at most 7 ten-minute windows.
      assertThat(config.getLimitRefreshPeriod()).isEqualTo(Duration.ofMinutes(10));
      assertThat(7L * config.getLimitForPeriod()).isLessThanOrEqualTo(budget);
    }
    // A 300-item first run needs 22 calls, a 20,000-item one about 250: neither is slowed.
    assertThat(Resilience.limiterConfig(settings(3000)).getLimitForPeriod()).isGreaterThanOrEqualTo(400);
  }

  @Test
  void retriesTransientFailuresButNeverAuthenticationFailures() {
    Resilience r = new Resilience(settings(3000), BackupListener.NONE);
    AtomicInteger calls = new AtomicInteger();
    String result = r.api("m", () -> {
      if (calls.incrementAndGet() < 3) {
        throw CallFailure.transientFailure("reset", null);
      }
      return "ok";
    });
    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);

    calls.set(0);
    assertThatThrownBy(() -> r.api("m", () -> {
      calls.incrementAndGet();
      throw new CallFailure(CallFailure.Kind.AUTHENTICATION, 98, 200, null, "revoked", null);
    })).isInstanceOf(CallFailure.class);
    assertThat(calls).hasValue(1);

    calls.set(0);
    assertThatThrownBy(() -> r.api("m", () -> {
      calls.incrementAndGet();
      throw CallFailure.transientFailure("down", null);
    })).hasMessage("down");
    assertThat(calls).hasValue(4);
  }

  @Test
  void backoffGrowsExponentiallyWithJitterUpToTheCap() {
    Resilience r = new Resilience(new Resilience.Settings(6, Duration.ofSeconds(1), Duration.ofSeconds(60), 3000),
        BackupListener.NONE);
    for (int i = 0; i < 50; i++) {
      assertThat(r.backoffMillis(1)).isBetween(500L, 1000L);
      assertThat(r.backoffMillis(3)).isBetween(2000L, 4000L);
      assertThat(r.backoffMillis(12)).isBetween(30_000L, 60_000L);
    }
  }
}
