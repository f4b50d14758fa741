package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DemoTest {
  @Test
  void servesAFixedAccountWithAVideoOnLoopbackOnly() throws Exception {
    String first;
    try (Demo demo = Demo.start()) {
      URI rest = demo.endpoint().rest();
      assertThat(InetAddress.getByName(rest.getHost()).isLoopbackAddress()).isTrue();
      assertThat(demo.endpoint().mediaHosts()).containsExactly("127.0.0.1");
      assertThat(demo.describe()).matches("Demo: a fake Flickr at http://127\\.0\\.0\\.1:\\d+/ serving \\S+'s "
          + "\\d+ photos and [1-9]\\d* videos in \\d+ albums, and \\d+ favorites \\(nothing leaves this machine\\)\\.");
      assertThat(demo.token().userNsid()).isNotEmpty();
      first = demo.describe().replaceFirst(":\\d+/", ":PORT/");
    }
    try (Demo again = Demo.start()) {
      assertThat(again.describe().replaceFirst(":\\d+/", ":PORT/")).isEqualTo(first);
    }
  }

  @Test
  void stopsServingWhenClosed() throws Exception {
    URI rest;
    try (Demo demo = Demo.start()) {
      rest = demo.endpoint().rest();
    }
    HttpClient client = HttpClient.newHttpClient();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(
        java.net.http.HttpRequest.newBuilder(rest).build(), java.net.http.HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(java.io.IOException.class);
  }
}
