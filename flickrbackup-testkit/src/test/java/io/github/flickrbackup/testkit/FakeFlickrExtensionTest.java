package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code @FakeFlickrServer} starts instance and static fields; they are closed afterwards. */
@Timeout(30)
class FakeFlickrExtensionTest {
  @FakeFlickrServer
  static final FakeFlickr SHARED = FakeFlickr.builder().build();

  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder().account(FakeAccount.builder().photo("1", p -> p.title("one")).build()).build();

  @Test
  void startsTheAnnotatedFields() throws IOException {
    assertThat(fake.isStarted()).isTrue();
    assertThat(SHARED.isStarted()).isTrue();
    try (Response r = new OkHttpClient().newCall(new Request.Builder().url(fake.baseUrl().resolve("__fake/stats").toString()).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
    }
  }

  @AfterAll
  static void sharedIsStillRunningUntilAfterAll() {
    assertThat(SHARED.isStarted()).isTrue();
  }
}
