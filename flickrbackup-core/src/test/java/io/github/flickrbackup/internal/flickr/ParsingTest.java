package io.github.flickrbackup.internal.flickr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.internal.resilience.CallFailure;
import io.github.flickrbackup.internal.resilience.CallFailure.Kind;
import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.RemoteItem;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Recorded payloads (shared/flickr-api.md) parsed without a server. */
class ParsingTest {
  static Element rsp(String resource) throws IOException {
    try (InputStream in = ParsingTest.class.getResourceAsStream("/payloads/" + resource)) {
      return RestClient.check(Xml.parse(in.readAllBytes(), resource), resource);
    }
  }

  static Element rspOf(String xml) {
    return RestClient.check(Xml.parse(xml.getBytes(StandardCharsets.UTF_8), "test"), "test");
  }

  @Test
  void parsesAListingKeepingRawValuesAndRefusingUnsafeIds() throws Exception {
    Element photos = Xml.child(rsp("recentlyUpdated.xml"), "photos");
    List<RemoteItem> items = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (Element e : Xml.children(photos, "photo")) {
      try {
        items.add(Items.fromListing(e));
      } catch (Items.BadItem bad) {
        refused.add(bad.getMessage());
      }
    }
    assertThat(refused).singleElement().asString().contains("unsafe id '../1'");
    RemoteItem door = items.get(0);
    assertThat(door.dateTaken()).isEqualTo("2005-07-04 23:11:55");
    assertThat(door.takenUnknown()).isTrue();
    assertThat(door.machineTags()).containsExactly("geo:lat=51", "dc:author=x");
    assertThat(door.tags()).containsExactly("london", "door");
    assertThat(door.description()).isEqualTo("line one\nline two");
    assertThat(door.originalUrl()).isEqualTo(URI.create("https://live.staticflickr.com/18/23604352_be1ddbcf66_o.jpg"));
    assertThat(door.lastUpdate()).isEqualTo(Instant.ofEpochSecond(1420881442));
    assertThat(door.dateUploaded()).isEqualTo(Instant.ofEpochSecond(1120515115));
    assertThat(door.geo()).isEqualTo(new RemoteItem.Geo(51.5, -0.12, 16));
    assertThat(door.attributes()).containsEntry("o_width", "333").containsEntry("pathalias", "boncey")
        .containsEntry("datetaken", "2005-07-04 23:11:55");

    RemoteItem video = items.get(1);
    assertThat(video.media()).isEqualTo(MediaKind.VIDEO);
    assertThat(video.originalFormat()).isEmpty(); // missing: never ".null"
    assertThat(video.takenGranularity()).isZero(); // "" tolerated
    assertThat(video.geo()).isNull();
    assertThat(video.isFriend()).isTrue();
    // "" and the 0/0/0 "no location" placeholder are noise that getInfo does not send: left out.
    assertThat(video.attributes()).doesNotContainKeys("width_o", "latitude", "longitude", "accuracy");
  }

  @Test
  void parsesGetInfoIntoTheListingShape() throws Exception {
    Element original = Xml.child(Xml.child(rspOf("<rsp stat=\"ok\"><sizes><size label=\"Original\" width=\"1168\""
        + " height=\"1752\" source=\"https://live.staticflickr.com/5150/5628095432_815e3b9f27_o.jpg\""
        + " media=\"photo\"/></sizes></rsp>"), "sizes"), "size");
    RemoteItem r = Items.fromInfo(Xml.child(rsp("getInfo.xml"), "photo"), original);
    assertThat(r.title()).isEqualTo("Robot");
    assertThat(r.owner()).isEqualTo("24573443@N04");
    assertThat(r.ownerName()).isEqualTo("boncey_test");
    // Every tag's text, as the listing's tags extra has them; machine tags also on their own, raw.
    assertThat(r.tags()).containsExactly("green", "geo:lat=51");
    assertThat(r.machineTags()).containsExactly("geo:lat=51");
    assertThat(r.lastUpdate()).isEqualTo(Instant.ofEpochSecond(1714311279));
    assertThat(r.dateUploaded()).isEqualTo(Instant.ofEpochSecond(1303057683));
    assertThat(r.isPublic()).isTrue();
    assertThat(r.originalSecret()).isEqualTo("815e3b9f27");
    assertThat(r.originalUrl()).isEqualTo(URI.create("https://live.staticflickr.com/5150/5628095432_815e3b9f27_o.jpg"));
    assertThat(r.attributes()).containsEntry("pathalias", "boncey_test").containsEntry("dateupload", "1303057683")
        .containsEntry("o_width", "1168").containsEntry("height_o", "1752").containsEntry("media_status", "ready")
        .containsEntry("tags", "green geo:lat=51").containsEntry("machine_tags", "geo:lat=51")
        .doesNotContainKeys("views", "isfavorite", "rotation", "safety_level", "dateuploaded", "latitude");
  }

  @Test
  void classifiesFlickrErrorCodes() {
    assertThat(kindOf(98)).isEqualTo(Kind.AUTHENTICATION);
    assertThat(kindOf(96)).isEqualTo(Kind.AUTHENTICATION);
    assertThat(kindOf(100)).isEqualTo(Kind.AUTHENTICATION);
    assertThat(kindOf(105)).isEqualTo(Kind.TRANSIENT);
    assertThat(kindOf(106)).isEqualTo(Kind.TRANSIENT);
    assertThat(kindOf(1)).isEqualTo(Kind.NOT_FOUND);
    assertThat(kindOf(2)).isEqualTo(Kind.NOT_FOUND);
    assertThat(kindOf(112)).isEqualTo(Kind.PERMANENT);
    assertThatThrownBy(() -> rspOf("<rsp stat=\"fail\"><err code=\"100\" msg=\"Invalid API Key\"/></rsp>"))
        .hasMessageContaining("check the API key");
  }

  static Kind kindOf(int code) {
    try {
      rspOf("<rsp stat=\"fail\"><err code=\"" + code + "\" msg=\"m\"/></rsp>");
      throw new AssertionError("no failure for code " + code);
    } catch (CallFailure f) {
      assertThat(f.apiCode()).isEqualTo(code);
      return f.kind();
    }
  }

  @Test
  void refusesDoctypesHtmlAndForeignEnvelopesAsTransient() {
    for (String body : List.of(
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rsp stat=\"ok\">&x;</rsp>",
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
        "jsonFlickrApi({\"stat\":\"ok\"})",
        "<rsp stat=\"ok\"><photos",
        "<rsp stat=\"weird\"/>")) {
      assertThatThrownBy(() -> rspOf(body)).isInstanceOfSatisfying(CallFailure.class,
          f -> assertThat(f.kind()).isEqualTo(Kind.TRANSIENT));
    }
  }

  @Test
  void readsRetryAfterAsSecondsOrHttpDate() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    assertThat(RestClient.retryAfter("120", clock)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RestClient.retryAfter("Tue, 24 Nov 2026 10:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RestClient.retryAfter("Tue, 24 Nov 2026 09:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
    assertThat(RestClient.retryAfter("soon", clock)).isNull();
    assertThat(RestClient.retryAfter(null, clock)).isNull();
  }
}
