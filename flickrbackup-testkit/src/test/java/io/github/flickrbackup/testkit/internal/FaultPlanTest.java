package io.github.flickrbackup.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.testkit.Fault;
import io.github.flickrbackup.testkit.FaultScope;
import io.github.flickrbackup.testkit.internal.FaultPlan.Decision;
import io.github.flickrbackup.testkit.internal.FaultPlan.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FaultPlanTest {
  private static final Request INFO = Request.api("flickr.photos.getInfo", "1");
  private static final Request LIST = Request.api("flickr.people.getPhotos", null);

  private static List<Boolean> run(FaultPlan plan, Request r, int times) {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      out.add(!plan.decide(r).isEmpty());
    }
    return out;
  }

  @Test
  void onFirstFailsExactlyTheFirstNMatchingRequests() {
    FaultPlan plan = new FaultPlan(List.of(Fault.httpError(503).onFirst(2)));
    assertThat(run(plan, INFO, 5)).containsExactly(true, true, false, false, false);
    assertThat(plan.firedCounts()).containsExactly(2L);
  }

  @Test
  void everyNthFailsEveryNthMatchingRequest() {
    FaultPlan plan = new FaultPlan(List.of(Fault.apiError(105).everyNth(3)));
    assertThat(run(plan, INFO, 7)).containsExactly(false, false, true, false, false, true, false);
  }

  @Test
  void countsOnlyTheRequestsAFaultMatches() {
    FaultPlan plan = new FaultPlan(List.of(Fault.httpError(500).forMethod("flickr.photos.getInfo").onFirst(1)));
    assertThat(plan.decide(LIST).isEmpty()).isTrue();
    assertThat(plan.decide(LIST).isEmpty()).isTrue();
    assertThat(plan.decide(INFO).isEmpty()).as("first matching request still fails").isFalse();
    assertThat(plan.decide(INFO).isEmpty()).isTrue();
  }

  @Test
  void scopeKeepsApiFaultsOffMediaAndViceVersa() {
    FaultPlan plan = new FaultPlan(List.of(
        Fault.httpError(502).scopedTo(FaultScope.API),
        Fault.htmlInsteadOfMedia(),
        Fault.latency(Duration.ofMillis(1))));
    Decision api = plan.decide(INFO);
    Decision media = plan.decide(Request.media("1"));
    assertThat(api.fired()).extracting(Fault::kind).containsExactly(Fault.Kind.HTTP_ERROR, Fault.Kind.LATENCY);
    assertThat(media.fired()).extracting(Fault::kind).containsExactly(Fault.Kind.HTML_INSTEAD_OF_MEDIA, Fault.Kind.LATENCY);
  }

  @Test
  void forItemHitsOnlyThatItem() {
    FaultPlan plan = new FaultPlan(List.of(Fault.resetAfter(10).forItem("42")));
    assertThat(plan.decide(Request.media("41")).isEmpty()).isTrue();
    assertThat(plan.decide(Request.media("42")).modifiers()).hasSize(1);
    assertThat(plan.decide(Request.api("flickr.photos.getInfo", "42")).modifiers()).hasSize(1);
  }

  @Test
  void probabilityIsDeterministicForTheSameSeedAndDiffersForAnother() {
    Fault f = Fault.httpError(500).withProbability(0.3, 42L);
    List<Boolean> a = run(new FaultPlan(List.of(f)), INFO, 1000);
    List<Boolean> b = run(new FaultPlan(List.of(f)), INFO, 1000);
    List<Boolean> other = run(new FaultPlan(List.of(Fault.httpError(500).withProbability(0.3, 43L))), INFO, 1000);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(other);
    long failures = a.stream().filter(x -> x).count();
    assertThat(failures).isBetween(230L, 370L);
    assertThat(run(new FaultPlan(List.of(Fault.httpError(500).withProbability(0, 1))), INFO, 100)).doesNotContain(true);
    assertThat(run(new FaultPlan(List.of(Fault.httpError(500).withProbability(1, 1))), INFO, 100)).doesNotContain(false);
  }

  @Test
  void decisionSeparatesReplacementModifiersAndShortPages() {
    FaultPlan plan = new FaultPlan(List.of(
        Fault.rateLimited().onFirst(1),
        Fault.httpError(500),
        Fault.bandwidth(1000),
        Fault.shortPage(2)));
    Decision d = plan.decide(LIST);
    assertThat(d.replacement()).contains(Fault.rateLimited().onFirst(1)); // earlier fault wins
    assertThat(d.modifiers()).containsExactly(Fault.bandwidth(1000));
    assertThat(d.shortPage()).contains(Fault.shortPage(2));
    assertThat(plan.decide(LIST).replacement()).contains(Fault.httpError(500));
  }

  @Test
  @Timeout(10)
  void countsStayExactUnderConcurrentRequests() throws Exception {
    FaultPlan plan = new FaultPlan(List.of(Fault.httpError(503).onFirst(100)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> {
          int fired = 0;
          for (int i = 0; i < 500; i++) {
            fired += plan.decide(INFO).isEmpty() ? 0 : 1;
          }
          return fired;
        }));
      }
      int total = 0;
      for (Future<Integer> r : results) {
        total += r.get(5, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(100);
    } finally {
      pool.shutdownNow();
    }
  }
}
