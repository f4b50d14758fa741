package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.scribejava.core.model.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Beyond the hourly budget per consumer key, REST answers 429 with Flickr's HTML, for a rolling hour. */
@Timeout(30)
class HourlyBudgetTest {
  @Test
  void answers429BeyondTheBudgetUntilTheHourRollsOn() throws IOException {
    MediaTest.MutableClock clock = new MediaTest.MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (FakeFlickr fake = FakeFlickr.builder().hourlyBudget(3).clock(clock).consumer("other", "s").build()) {
      fake.start();
      Signed api = new Signed(fake, fake.issueAccessToken());
      for (int i = 0; i < 3; i++) {
        try (Response r = api.get("flickr.test.login")) {
          assertThat(r.getCode()).isEqualTo(200);
        }
      }
      try (Response r = api.get("flickr.test.login")) {
        assertThat(r.getCode()).isEqualTo(429);
        assertThat(r.getBody()).contains("<h1>429 Too Many Requests</h1>");
      }
      // Another key has its own budget.
      Signed other = new Signed(fake, "other", "s", fake.issueAccessToken("other"));
      try (Response r = other.get("flickr.test.login")) {
        assertThat(r.getCode()).isEqualTo(200);
      }
      clock.advance(Duration.ofMinutes(61));
      try (Response r = api.get("flickr.test.login")) {
        assertThat(r.getCode()).isEqualTo(200);
      }
      assertThat(fake.stats().rateLimited()).isEqualTo(1);
    }
  }
}
