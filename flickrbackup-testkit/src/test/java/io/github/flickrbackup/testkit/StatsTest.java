package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Peak concurrency, per-item downloads, the times of the first and last requests, and reset. */
@Timeout(60)
class StatsTest {
  @Test
  void countsConcurrentDownloadsWhileTheirBodiesAreStillBeingSent() throws Exception {
    FakeAccount.Builder b = FakeAccount.builder();
    for (int i = 1; i <= 3; i++) b.photo("10" + i, p -> p.bytes(32_000_000));
    try (FakeFlickr fake = FakeFlickr.builder().account(b.build()).build()) {
      fake.start();
      OkHttpClient http = new OkHttpClient();
      CountDownLatch allReading = new CountDownLatch(3);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
          String url = fake.account().item("10" + i).mediaUrl(fake.baseUrl()).toString();
          results.add(pool.submit(() -> {
            try (Response r = http.newCall(new Request.Builder().url(url).build()).execute(); InputStream in = r.body().byteStream()) {
              long n = in.read() >= 0 ? 1 : 0;
              // 32 MB cannot sit in socket buffers: the server is still writing all three bodies here.
              allReading.countDown();
              allReading.await(30, TimeUnit.SECONDS);
              byte[] buf = new byte[1 << 16];
              for (int k; (k = in.read(buf)) > 0; ) n += k;
              return n;
            }
          }));
        }
        for (Future<Long> f : results) assertThat(f.get()).isEqualTo(32_000_000L);
      } finally {
        pool.shutdownNow();
      }
      FakeStats s = fake.stats();
      assertThat(s.peakConcurrentConnections()).isGreaterThanOrEqualTo(3);
      assertThat(s.downloads("101")).isEqualTo(1);
      assertThat(s.mediaRequests()).isEqualTo(3);
      assertThat(s.mediaBytes()).isEqualTo(96_000_000L);
      s.reset();
      assertThat(s.mediaRequests()).isZero();
      assertThat(s.downloads("101")).isZero();
      assertThat(s.peakConcurrentConnections()).as("reset keeps only what is still open").isLessThan(3);
    }
  }

  @Test
  void timesTheFirstRequestAndTheSpanOfTheMediaRequests() throws Exception {
    FakeAccount account = FakeAccount.builder().photo("101", p -> p.bytes(50_000)).build();
    try (FakeFlickr fake = FakeFlickr.builder().account(account)
        .fault(Fault.latency(Duration.ofMillis(150)).scopedTo(FaultScope.MEDIA)).build()) {
      fake.start();
      OkHttpClient http = new OkHttpClient();
      FakeStats s = fake.stats();
      assertThat(s.firstRequestAt()).isEmpty();
      Instant before = Instant.now();
      try (Response r = http.newCall(new Request.Builder().url(fake.baseUrl() + "services/rest/?method=flickr.test.echo")
          .build()).execute()) {
        r.body().bytes();
      }
      assertThat(s.firstRequestAt()).hasValueSatisfying(t -> assertThat(t).isBetween(before, Instant.now()));
      assertThat(s.firstMediaRequestAt()).as("a REST call is no media request").isEmpty();
      assertThat(s.lastMediaEndAt()).isEmpty();

      Instant mediaAsked = Instant.now();
      String url = fake.account().item("101").mediaUrl(fake.baseUrl()).toString();
      try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
        assertThat(r.body().bytes()).hasSize(50_000);
      }
      Instant mediaRead = Instant.now();
      Instant first = s.firstMediaRequestAt().orElseThrow();
      Instant end = s.lastMediaEndAt().orElseThrow();
      assertThat(first).isBetween(mediaAsked, mediaRead);
      assertThat(end).isBetween(first, mediaRead);
      assertThat(Duration.between(first, end)).as("the media latency is inside the span")
          .isGreaterThanOrEqualTo(Duration.ofMillis(140));
      assertThat(s.firstRequestAt().orElseThrow()).isBefore(first);

      s.reset();
      assertThat(s.firstRequestAt()).isEmpty();
      assertThat(s.firstMediaRequestAt()).isEmpty();
      assertThat(s.lastMediaEndAt()).isEmpty();
    }
  }
}
