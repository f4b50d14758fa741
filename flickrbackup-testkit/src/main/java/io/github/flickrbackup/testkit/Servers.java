package io.github.flickrbackup.testkit;

import mockwebserver3.MockWebServer;

/** Socket setup of the MockWebServer (TCP_NODELAY once testkit-parts lands). */
final class Servers {
  private Servers() {}

  static void configure(MockWebServer server) {
    // PLACEHOLDER: NoDelayServerSocketFactory is wired in when testkit-parts is merged.
  }
}
