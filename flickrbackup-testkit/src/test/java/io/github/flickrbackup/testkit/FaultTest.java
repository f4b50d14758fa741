package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultTest {

  @Test
  void factoriesChooseTheNaturalScope() {
    assertThat(Fault.apiError(105).scope()).isEqualTo(FaultScope.API);
    assertThat(Fault.shortPage(3).scope()).isEqualTo(FaultScope.API);
    assertThat(Fault.htmlInsteadOfMedia().scope()).isEqualTo(FaultScope.MEDIA);
    assertThat(Fault.cdnError(404).scope()).isEqualTo(FaultScope.MEDIA);
    assertThat(Fault.httpError(502).scope()).isEqualTo(FaultScope.ALL);
    assertThat(Fault.latency(Duration.ofMillis(5)).scope()).isEqualTo(FaultScope.ALL);
  }

  @Test
  void refusesInvalidValuesWithMessages() {
    assertThatThrownBy(() -> Fault.latency(Duration.ofMillis(-1))).hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> Fault.stall(Duration.ofSeconds(-2))).hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> Fault.bandwidth(0)).hasMessageContaining("at least 1 byte");
    assertThatThrownBy(() -> Fault.httpError(404)).hasMessageContaining("500, 502, 503 or 504");
    assertThatThrownBy(() -> Fault.httpError(429)).hasMessageContaining("rateLimited");
    assertThatThrownBy(() -> Fault.cdnError(503)).hasMessageContaining("403, 404 or 410").hasMessageContaining("httpError");
    assertThatThrownBy(() -> Fault.cdnError(404).scopedTo(FaultScope.API)).hasMessageContaining("MEDIA requests only");
    assertThatThrownBy(() -> Fault.resetAfter(-1)).hasMessageContaining("negative");
    assertThatThrownBy(() -> Fault.shortPage(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> Fault.apiError(0)).hasMessageContaining("1..999");
    assertThatThrownBy(() -> Fault.httpError(500).onFirst(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> Fault.httpError(500).everyNth(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> Fault.httpError(500).withProbability(1.5, 1)).hasMessageContaining("0..1");
    assertThatThrownBy(() -> Fault.httpError(500).withProbability(Double.NaN, 1)).hasMessageContaining("0..1");
    assertThatThrownBy(() -> Fault.httpError(500).forItem("../1")).hasMessageContaining("1 to 20 digits");
    assertThatThrownBy(() -> Fault.httpError(500).forMethod("photos.getInfo")).hasMessageContaining("flickr.");
  }

  @Test
  void refusesScopesAKindCannotHave() {
    assertThatThrownBy(() -> Fault.apiError(105).scopedTo(FaultScope.MEDIA))
        .hasMessageContaining("API_ERROR applies to API requests only");
    assertThatThrownBy(() -> Fault.htmlInsteadOfMedia().scopedTo(FaultScope.ALL))
        .hasMessageContaining("MEDIA requests only");
    assertThatThrownBy(() -> Fault.httpError(500).scopedTo(FaultScope.MEDIA).forMethod("flickr.test.login"))
        .hasMessageContaining("never match");
  }

  @Test
  void modifiersReturnNewValuesAndLeaveTheOriginalUnchanged() {
    Fault base = Fault.httpError(503);
    Fault narrowed = base.scopedTo(FaultScope.API).onFirst(2).forMethod("flickr.photos.getInfo").forItem("123");
    assertThat(base.trigger()).isEqualTo(Fault.Trigger.ALWAYS);
    assertThat(base.scope()).isEqualTo(FaultScope.ALL);
    assertThat(narrowed.trigger()).isEqualTo(Fault.Trigger.FIRST);
    assertThat(narrowed.count()).isEqualTo(2);
    assertThat(narrowed).isEqualTo(Fault.httpError(503).forItem("123").forMethod("flickr.photos.getInfo")
        .onFirst(2).scopedTo(FaultScope.API));
    assertThat(narrowed).isNotEqualTo(base);
    assertThat(narrowed.hashCode()).isEqualTo(Fault.httpError(503).scopedTo(FaultScope.API).onFirst(2)
        .forMethod("flickr.photos.getInfo").forItem("123").hashCode());
  }

  @Test
  void toStringSaysWhatWhereAndWhen() {
    assertThat(Fault.httpError(503).scopedTo(FaultScope.API).onFirst(2).forMethod("flickr.photos.getInfo"))
        .hasToString("Fault[httpError(503) scope=API onFirst(2) method=flickr.photos.getInfo]");
    assertThat(Fault.rateLimited(Duration.ofSeconds(5)).withProbability(0.25, 7))
        .hasToString("Fault[rateLimited(Retry-After 5 s) scope=ALL withProbability(0.25, seed 7)]");
    assertThat(Fault.resetAfter(1000).forItem("42").everyNth(3))
        .hasToString("Fault[resetAfter(1000 bytes) scope=ALL everyNth(3) item=42]");
    assertThat(Fault.stallAfter(10, Duration.ofMillis(1500))).hasToString("Fault[stallAfter(10 bytes, 1500 ms) scope=ALL always]");
    assertThat(Fault.cdnError(410).forItem("7")).hasToString("Fault[cdnError(410) scope=MEDIA always item=7]");
  }

  @Test
  void matchesByScopeMethodAndItem() {
    Fault f = Fault.httpError(500).forMethod("flickr.photos.getInfo");
    assertThat(f.matches(FaultScope.API, "flickr.photos.getInfo", null)).isTrue();
    assertThat(f.matches(FaultScope.API, "flickr.photos.getSizes", null)).isFalse();
    assertThat(f.matches(FaultScope.MEDIA, null, "1")).isFalse();
    Fault item = Fault.resetAfter(5).forItem("77");
    assertThat(item.matches(FaultScope.MEDIA, null, "77")).isTrue();
    assertThat(item.matches(FaultScope.API, "flickr.photos.getInfo", "77")).isTrue();
    assertThat(item.matches(FaultScope.MEDIA, null, "78")).isFalse();
  }
}
