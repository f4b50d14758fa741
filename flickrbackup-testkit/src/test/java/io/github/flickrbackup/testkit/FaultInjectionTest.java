package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each typed fault changes what the client sees; each test fails if its fault were ignored. */
@Timeout(60)
class FaultInjectionTest {
  final ObjectMapper mapper = new ObjectMapper();
  final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  FakeFlickr fake;

  FakeFlickr start(Fault... faults) {
    fake = FakeFlickr.builder().account(FakeAccount.builder()
            .photo("1001", p -> p.bytes(50_000))
            .photo("1002", p -> p.bytes(50_000))
            .build())
        .fault(faults).build();
    fake.start();
    return fake;
  }

  @AfterEach
  void close() {
    if (fake != null) fake.close();
  }

  com.github.scribejava.core.model.Response call(String method, String... params) throws IOException {
    return new Signed(fake, fake.issueAccessToken()).get(method, params);
  }

  Response media(String id) throws IOException {
    return http.newCall(new Request.Builder().url(fake.account().item(id).mediaUrl(fake.baseUrl()).toString()).build()).execute();
  }

  @Test
  void httpErrorAnswersTheFirstCallsWithNginxHtmlThenRecovers() throws IOException {
    start(Fault.httpError(503).scopedTo(FaultScope.API).onFirst(2));
    for (int i = 0; i < 2; i++) {
      try (var r = call("flickr.test.login")) {
        assertThat(r.getCode()).isEqualTo(503);
        assertThat(r.getBody()).contains("503 Service Temporarily Unavailable", "nginx");
      }
    }
    try (var r = call("flickr.test.login")) {
      assertThat(r.getCode()).isEqualTo(200);
    }
    try (Response r = media("1001")) {
      assertThat(r.code()).as("API-scoped fault leaves media alone").isEqualTo(200);
    }
    assertThat(fake.stats().faultsInjected()).isEqualTo(2);
  }

  @Test
  void apiErrorGivesStatFail105InTheRequestedFormat() throws IOException {
    start(Fault.apiError(105).forMethod("flickr.photos.getInfo"));
    try (var r = call("flickr.photos.getInfo", "photo_id", "1001", "format", "json", "nojsoncallback", "1")) {
      JsonNode n = mapper.readTree(r.getBody());
      assertThat(r.getCode()).isEqualTo(200);
      assertThat(n.get("stat").asText()).isEqualTo("fail");
      assertThat(n.get("code").asInt()).isEqualTo(105);
    }
    try (var r = call("flickr.photos.getSizes", "photo_id", "1001")) {
      assertThat(r.getBody()).contains("stat=\"ok\"");
    }
  }

  @Test
  void rateLimitedAnswers429WithRetryAfter() throws IOException {
    start(Fault.rateLimited(Duration.ofSeconds(5)).onFirst(1));
    try (var r = call("flickr.test.login")) {
      assertThat(r.getCode()).isEqualTo(429);
      assertThat(r.getHeader("Retry-After")).isEqualTo("5");
      assertThat(r.getBody()).contains("429 Too Many Requests");
    }
  }

  @Test
  void shortPageDropsItemsFromAPageThatIsNotTheLast() throws IOException {
    fake = FakeFlickr.builder().account(FakeAccount.generate(AccountSpec.seed(2).photos(20).sets(0)))
        .fault(Fault.shortPage(3)).build();
    fake.start();
    String params = "";
    try (var r = call("flickr.people.getPhotos", "user_id", "me", "per_page", "10", "format", "json", "nojsoncallback", "1")) {
      JsonNode n = mapper.readTree(r.getBody());
      assertThat(n.at("/photos/total").asText()).isEqualTo("20");
      assertThat(n.at("/photos/photo")).hasSize(7);
    }
    try (var r = call("flickr.people.getPhotos", "user_id", "me", "per_page", "10", "page", "2", "format", "json", "nojsoncallback", "1")) {
      assertThat(mapper.readTree(r.getBody()).at("/photos/photo")).as("the last page is whole" + params).hasSize(10);
    }
  }

  @Test
  void resetAfterBytesTruncatesTheMediaBody() throws IOException {
    start(Fault.resetAfter(1_000).forItem("1001"));
    assertThatThrownBy(() -> {
      try (Response r = media("1001")) {
        r.body().bytes();
      }
    }).isInstanceOf(IOException.class);
    try (Response r = media("1002")) {
      assertThat(r.body().bytes()).hasSize(50_000);
    }
  }

  @Test
  void stallPausesTheBodySoAReadTimeoutFires() {
    start(Fault.stallAfter(1_000, Duration.ofSeconds(3)).scopedTo(FaultScope.MEDIA));
    OkHttpClient impatient = http.newBuilder().readTimeout(300, TimeUnit.MILLISECONDS).build();
    assertThatThrownBy(() -> {
      try (Response r = impatient.newCall(new Request.Builder()
          .url(fake.account().item("1001").mediaUrl(fake.baseUrl()).toString()).build()).execute()) {
        r.body().bytes();
      }
    }).isInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void htmlInsteadOfMediaAnswers200WithHtml() throws IOException {
    start(Fault.htmlInsteadOfMedia().onFirst(1));
    try (Response r = media("1001")) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).startsWith("text/html");
      assertThat(r.body().string()).contains("<html");
    }
    try (Response r = media("1001")) {
      assertThat(r.header("Content-Type")).isEqualTo("image/jpeg");
    }
  }

  @Test
  void cdnErrorAnswers404ForMediaWhileTheApiStillServesTheItem() throws IOException {
    start(Fault.cdnError(404).forItem("1001"));
    try (Response r = media("1001")) {
      assertThat(r.code()).isEqualTo(404);
      assertThat(r.body().string()).contains("404 Not Found");
    }
    try (Response r = media("1002")) {
      assertThat(r.code()).isEqualTo(200);
    }
    JsonNode sizes = mapper.readTree(call("flickr.photos.getSizes", "photo_id", "1001", "format", "json",
        "nojsoncallback", "1").getBody());
    assertThat(sizes.path("stat").asText()).isEqualTo("ok");
    assertThat(fake.stats().faultsInjected()).isEqualTo(1);
  }

  @Test
  void latencyDelaysTheAnswer() throws IOException {
    start(Fault.latency(Duration.ofMillis(400)).scopedTo(FaultScope.MEDIA));
    long t0 = System.nanoTime();
    try (Response r = media("1001")) {
      r.body().bytes();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
  }

  @Test
  void bandwidthThrottlesTheBody() throws IOException {
    start(Fault.bandwidth(50_000).scopedTo(FaultScope.MEDIA));
    long t0 = System.nanoTime();
    try (Response r = media("1001"); InputStream in = r.body().byteStream()) {
      assertThat(in.readAllBytes()).hasSize(50_000);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
  }

  @Test
  void faultsCanBeChangedAtRuntime() throws IOException {
    start();
    try (Response r = media("1001")) {
      assertThat(r.code()).isEqualTo(200);
    }
    fake.faults(Fault.httpError(502).scopedTo(FaultScope.MEDIA));
    assertThat(fake.faults()).hasSize(1);
    try (Response r = media("1001")) {
      assertThat(r.code()).isEqualTo(502);
    }
    fake.clearFaults();
    try (Response r = media("1001")) {
      assertThat(r.code()).isEqualTo(200);
    }
  }
}
