package io.github.flickrbackup.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.testkit.Fault;
import io.github.flickrbackup.testkit.MediaFormat;
import io.github.flickrbackup.testkit.internal.FaultPlan.Decision;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultEffectsTest {
  private static final int SIZE = 200_000;
  private MockWebServer server;

  /** A media-like server: every request is a media request for item 1, answered through the plan. */
  private String serve(List<Fault> faults) throws IOException {
    FaultPlan plan = new FaultPlan(faults);
    server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        boolean api = request.getTarget().startsWith("/services/rest/");
        Decision d = plan.decide(api ? FaultPlan.Request.api("flickr.test.login", null) : FaultPlan.Request.media("1"));
        MockResponse.Builder answer = d.replacement()
            .map(f -> FaultEffects.replacement(f, (code, msg) -> new MockResponse.Builder()
                .code(200).setHeader("Content-Type", "text/xml; charset=utf-8")
                .body("<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"fail\">\n\t<err code=\"" + code
                    + "\" msg=\"" + msg + "\" />\n</rsp>\n")))
            .orElseGet(() -> new MockResponse.Builder().code(200)
                .setHeader("Content-Type", MediaFormat.JPEG.servedContentType())
                .body(MediaFiles.responseBody(MediaFormat.JPEG, 5L, SIZE, 0, SIZE)));
        return FaultEffects.applyModifiers(answer, d.modifiers()).build();
      }
    });
    server.start(InetAddress.getLoopbackAddress(), 0);
    return "http://127.0.0.1:" + server.getPort();
  }

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private static OkHttpClient client(Duration readTimeout) {
    return new OkHttpClient.Builder().readTimeout(readTimeout).retryOnConnectionFailure(false).build();
  }

  @Test
  void withoutFaultsTheWholeMediaArrives() throws IOException {
    String base = serve(List.of());
    try (Response r = client(Duration.ofSeconds(5)).newCall(new Request.Builder().url(base + "/p.jpg").build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().bytes()).isEqualTo(MediaFiles.generate(MediaFormat.JPEG, 5L, SIZE));
    }
  }

  @Test
  void resetAfterBytesDeliversExactlyThoseBytesThenBreaks() throws IOException {
    String base = serve(List.of(Fault.resetAfter(70_000).onFirst(1)));
    OkHttpClient client = client(Duration.ofSeconds(5));
    byte[] received = new byte[SIZE];
    int got = 0;
    try (Response r = client.newCall(new Request.Builder().url(base + "/p.jpg").build()).execute()) {
      assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(SIZE));
      InputStream in = r.body().byteStream();
      IOException failure = null;
      try {
        int n;
        while ((n = in.read(received, got, SIZE - got)) > 0) {
          got += n;
        }
      } catch (IOException e) {
        failure = e;
      }
      assertThat(failure).as("the body must fail, not end cleanly").isNotNull();
    }
    assertThat(got).isEqualTo(70_000);
    assertThat(java.util.Arrays.copyOf(received, got))
        .isEqualTo(MediaFiles.slice(MediaFormat.JPEG, 5L, SIZE, 0, 70_000));
    // onFirst(1): the retry succeeds.
    try (Response r = client.newCall(new Request.Builder().url(base + "/p.jpg").build()).execute()) {
      assertThat(r.body().bytes()).hasSize(SIZE);
    }
  }

  @Test
  void stallSendsHeadersThenPausesTheBody() throws IOException {
    String base = serve(List.of(Fault.stall(Duration.ofSeconds(3)).onFirst(1)));
    OkHttpClient impatient = client(Duration.ofMillis(300));
    try (Response r = impatient.newCall(new Request.Builder().url(base + "/p.jpg").build()).execute()) {
      assertThat(r.code()).as("headers arrive before the stall").isEqualTo(200);
      assertThatThrownBy(() -> r.body().bytes()).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void stallAfterBytesDeliversThoseBytesBeforePausing() throws IOException {
    String base = serve(List.of(Fault.stallAfter(1_000, Duration.ofSeconds(3))));
    OkHttpClient impatient = client(Duration.ofMillis(300));
    try (Response r = impatient.newCall(new Request.Builder().url(base + "/p.jpg").build()).execute()) {
      InputStream in = r.body().byteStream();
      // Not readNBytes: okio's stream blocks on a zero-length read when its buffer is empty.
      byte[] first = new byte[1_000];
      int got = 0;
      while (got < first.length) {
        int n = in.read(first, got, first.length - got);
        assertThat(n).isPositive();
        got += n;
      }
      assertThat(first).isEqualTo(MediaFiles.slice(MediaFormat.JPEG, 5L, SIZE, 0, 1_000));
      assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void latencyDelaysTheHeaders() throws IOException {
    String base = serve(List.of(Fault.latency(Duration.ofSeconds(3)).onFirst(1)));
    OkHttpClient impatient = client(Duration.ofMillis(300));
    assertThatThrownBy(() -> impatient.newCall(new Request.Builder().url(base + "/p.jpg").build()).execute().close())
        .isInstanceOf(SocketTimeoutException.class);
    try (Response r = client(Duration.ofSeconds(5)).newCall(new Request.Builder().url(base + "/p.jpg").build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
    }
  }

  @Test
  void bandwidthLimitMakesABodyTooSlowForACallTimeout() throws IOException {
    String base = serve(List.of(Fault.bandwidth(20_000).onFirst(1)));
    OkHttpClient hurried = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build();
    // 200,000 bytes at 20,000 B/s take ~10 s: the 2 s call timeout must fire.
    assertThatThrownBy(() -> {
      try (Response r = hurried.newCall(new Request.Builder().url(base + "/p.jpg").build()).execute()) {
        r.body().bytes();
      }
    }).isInstanceOf(IOException.class);
    try (Response r = hurried.newCall(new Request.Builder().url(base + "/p.jpg").build()).execute()) {
      assertThat(r.body().bytes()).as("unthrottled the same body fits easily").hasSize(SIZE);
    }
  }

  @Test
  void httpErrorsAnswerWithTheFrontEndsHtml() throws IOException {
    String base = serve(List.of(Fault.httpError(500).onFirst(1), Fault.httpError(502).onFirst(2),
        Fault.httpError(503).onFirst(3)));
    OkHttpClient client = client(Duration.ofSeconds(5));
    int[] expected = {500, 502, 503, 200};
    for (int status : expected) {
      try (Response r = client.newCall(new Request.Builder().url(base + "/p.jpg").build()).execute()) {
        assertThat(r.code()).isEqualTo(status);
        if (status != 200) {
          assertThat(r.header("Content-Type")).startsWith("text/html");
          assertThat(r.body().string()).isEqualTo(WebPages.errorBody(status));
        }
      }
    }
  }

  @Test
  void rateLimitedAnswers429WithRetryAfter() throws IOException {
    String base = serve(List.of(Fault.rateLimited(Duration.ofMillis(1_500)).onFirst(1), Fault.rateLimited().onFirst(2)));
    OkHttpClient client = client(Duration.ofSeconds(5));
    try (Response r = client.newCall(new Request.Builder().url(base + "/p.jpg").build()).execute()) {
      assertThat(r.code()).isEqualTo(429);
      assertThat(r.header("Retry-After")).isEqualTo("2");
      assertThat(r.body().string()).contains("429 Too Many Requests");
    }
    try (Response r = client.newCall(new Request.Builder().url(base + "/p.jpg").build()).execute()) {
      assertThat(r.code()).isEqualTo(429);
      assertThat(r.header("Retry-After")).isNull();
    }
  }

  @Test
  void apiErrorUsesTheDispatchersEnvelope() throws IOException {
    String base = serve(List.of(Fault.serviceUnavailable().onFirst(1)));
    OkHttpClient client = client(Duration.ofSeconds(5));
    try (Response r = client.newCall(new Request.Builder().url(base + "/services/rest/?method=flickr.test.login").build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).contains("<rsp stat=\"fail\">", "code=\"105\"", "Service currently unavailable");
    }
    try (Response r = client.newCall(new Request.Builder().url(base + "/p.jpg").build()).execute()) {
      assertThat(r.header("Content-Type")).as("the 105 fault is API only").isEqualTo("image/jpeg");
    }
  }

  @Test
  void cdnAnswersHtmlWithStatus200() throws IOException {
    String base = serve(List.of(Fault.htmlInsteadOfMedia().everyNth(2)));
    OkHttpClient client = client(Duration.ofSeconds(5));
    try (Response r = client.newCall(new Request.Builder().url(base + "/p.jpg").build()).execute()) {
      assertThat(r.header("Content-Type")).isEqualTo("image/jpeg");
      r.body().bytes();
    }
    try (Response r = client.newCall(new Request.Builder().url(base + "/p.jpg").build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).startsWith("text/html");
      assertThat(r.body().string()).startsWith("<!DOCTYPE html>");
    }
  }

  @Test
  void refusesToApplyFaultsOfTheWrongScope() {
    assertThatThrownBy(() -> FaultEffects.replacement(Fault.latency(Duration.ZERO), null))
        .hasMessageContaining("does not replace");
    assertThatThrownBy(() -> FaultEffects.applyModifier(new MockResponse.Builder(), Fault.httpError(500)))
        .hasMessageContaining("not a delivery modifier");
  }

  @Test
  void acceptedSocketsHaveNagleOff() throws IOException {
    try (ServerSocket ss = new NoDelayServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
         Socket client = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort());
         Socket accepted = ss.accept()) {
      assertThat(client.isConnected()).isTrue();
      assertThat(accepted.getTcpNoDelay()).isTrue();
    }
  }
}
