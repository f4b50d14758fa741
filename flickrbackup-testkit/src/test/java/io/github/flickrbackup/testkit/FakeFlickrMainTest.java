package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The standalone fake's options and the banner a user copies into a client's configuration. */
@Timeout(30)
class FakeFlickrMainTest {
  @Test
  void buildsTheAccountAndPrintsBaseUrlKeysAndAToken() {
    FakeFlickrMain.Options o = FakeFlickrMain.Options.parse(new String[] {
        "--photos", "50", "--sets", "3", "--seed", "9", "--consumer", "KEY:SECRET", "--hostile"});
    try (FakeFlickr fake = FakeFlickrMain.build(o)) {
      fake.start();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      FakeFlickrMain.printBanner(fake, o, new PrintStream(bytes, true, StandardCharsets.UTF_8));
      String out = bytes.toString(StandardCharsets.UTF_8);
      assertThat(out).contains("FAKE_FLICKR_BASE_URL=" + fake.baseUrl(), "FAKE_FLICKR_CONSUMER_KEY=KEY",
          "FAKE_FLICKR_CONSUMER_SECRET=SECRET", "FAKE_FLICKR_TOKEN=", "FAKE_FLICKR_TOKEN_SECRET=");
      assertThat(fake.account().items()).hasSize(50);
      assertThat(fake.account().sets()).hasSize(3);
      assertThat(fake.account().sets()).extracting(FakeSet::title).contains("..");
    }
  }

  @Test
  void parsesFaultSpecs() {
    Fault f = FakeFlickrMain.parseFault("http:503@api/first=2");
    assertThat(f.kind()).isEqualTo(Fault.Kind.HTTP_ERROR);
    assertThat(f.status()).isEqualTo(503);
    assertThat(f.scope()).isEqualTo(FaultScope.API);
    assertThat(f.count()).isEqualTo(2);
    assertThat(FakeFlickrMain.parseFault("stall:1000:500@media").duration()).hasMillis(500);
    assertThat(FakeFlickrMain.parseFault("reset:10000/every=5").bytes()).isEqualTo(10_000);
    assertThat(FakeFlickrMain.parseFault("cdn:404/first=1")).isEqualTo(Fault.cdnError(404).onFirst(1));
    assertThatThrownBy(() -> FakeFlickrMain.parseFault("explode")).hasMessageContaining("explode");
    FakeFlickrMain.Options o = FakeFlickrMain.Options.parse(new String[] {"--fault", "api:105"});
    try (FakeFlickr fake = FakeFlickrMain.build(o)) {
      assertThat(fake.faults()).extracting(Fault::kind).containsExactly(Fault.Kind.API_ERROR);
    }
  }

  @Test
  void rejectsUnknownOptionsAndMalformedConsumers() {
    assertThatThrownBy(() -> FakeFlickrMain.Options.parse(new String[] {"--nope"})).hasMessageContaining("--nope");
    assertThatThrownBy(() -> FakeFlickrMain.Options.parse(new String[] {"--consumer", "nocolon"})).hasMessageContaining("KEY:SECRET");
    assertThatThrownBy(() -> FakeFlickrMain.Options.parse(new String[] {"--port"})).hasMessageContaining("needs a value");
  }
}
