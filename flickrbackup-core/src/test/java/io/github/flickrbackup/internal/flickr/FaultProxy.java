package io.github.flickrbackup.internal.flickr;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

/**
 * A loopback proxy in front of the testkit's fake Flickr that injects faults by rule and
 * forwards everything else. The testkit (as installed) has no typed faults yet, so the fault
 * tests bring their own; the fake behind it stays the source of truth for the data. Run the
 * fake with {@code checkSignatures(false)}: requests are signed for the proxy's port.
 */
final class FaultProxy implements AutoCloseable {
  /** A rule: a response to send instead of forwarding, or null to forward. */
  interface Rule extends Function<RecordedRequest, MockResponse> {}

  private final URI target;
  private final MockWebServer server = new MockWebServer();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final OkHttpClient forward = new OkHttpClient.Builder().followRedirects(false).build();
  final AtomicInteger injected = new AtomicInteger();

  FaultProxy(URI target) throws IOException {
    this.target = target;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        for (Rule r : rules) {
          MockResponse m = r.apply(request);
          if (m != null) {
            injected.incrementAndGet();
            return m;
          }
        }
        return forward(request);
      }
    });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getPort() + "/");
  }

  void add(Rule rule) {
    rules.add(rule);
  }

  /** Applies {@code response} to the first {@code times} requests that match {@code method}. */
  void failApi(String method, int times, java.util.function.Supplier<MockResponse> response) {
    AtomicInteger left = new AtomicInteger(times);
    add(r -> {
      String m = r.getUrl().queryParameter("method");
      if (method.equals(m) && left.getAndDecrement() > 0) {
        return response.get();
      }
      return null;
    });
  }

  static MockResponse html(int code) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/html")
        .body("<html><body><h1>" + code + "</h1></body></html>").build();
  }

  static MockResponse xml(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/xml; charset=utf-8").body(body).build();
  }

  static MockResponse fail(int code, String msg) {
    return xml("<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"fail\">\n\t<err code=\"" + code
        + "\" msg=\"" + msg + "\" />\n</rsp>\n");
  }

  /** Half an answer, then the connection drops (a reset mid-body). */
  static MockResponse truncated() {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/xml; charset=utf-8")
        .setHeader("Content-Length", 5000).body("<?xml version=\"1.0\"?><rsp stat=\"ok\"><photos page=\"1\"")
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build();
  }

  private MockResponse forward(RecordedRequest request) {
    String url = target.resolve(request.getTarget().startsWith("/") ? request.getTarget().substring(1)
        : request.getTarget()).toString();
    Request.Builder b = new Request.Builder().url(url);
    request.getHeaders().forEach(h -> {
      String name = h.getFirst();
      if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")
          && !name.equalsIgnoreCase("Accept-Encoding") && !name.equalsIgnoreCase("Connection")) {
        b.header(name, h.getSecond());
      }
    });
    try (Response r = forward.newCall(b.build()).execute()) {
      MockResponse.Builder out = new MockResponse.Builder().code(r.code());
      r.headers().forEach(h -> {
        String name = h.getFirst();
        if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")) {
          out.addHeader(name, h.getSecond());
        }
      });
      String location = r.header("Location");
      if (location != null) {
        // Keep redirects on the proxy so that rules see the next hop too.
        out.setHeader("Location", location.replace(target.toString(), baseUrl().toString()));
      }
      return out.body(new Buffer().write(r.body().bytes())).build();
    } catch (IOException e) {
      return html(502);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
