package io.github.flickrbackup.testkit;

import io.github.flickrbackup.testkit.internal.NoDelayServerSocketFactory;
import mockwebserver3.MockWebServer;

/** Socket setup of the MockWebServer. */
final class Servers {
  private Servers() {}

  static void configure(MockWebServer server) {
    // Without TCP_NODELAY every request costs about 44 ms on loopback (Nagle meets delayed ACK).
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
  }
}
