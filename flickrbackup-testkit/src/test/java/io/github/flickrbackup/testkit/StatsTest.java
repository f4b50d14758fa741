package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
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

/** Peak concurrency, per-item downloads and reset. */
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
}
