package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.Fault;
import io.github.flickrbackup.testkit.MediaFormat;
import io.github.flickrbackup.testkit.TestToken;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The completeness report written after every run: counts from the fake's account, reasons, and its cost. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CompletenessReportTest {
  static final Instant OLD = Instant.parse("2010-01-01T00:00:00Z");
  static final Instant NEW = Instant.parse("2020-01-01T00:00:00Z");

  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.builder()
          .owner("12345678@N00", "alice", "Alice Example")
          .set("72157600000000001", "Trips")
          .photo("1001", p -> p.format(MediaFormat.JPEG).bytes(5_000).inSets("72157600000000001")
              .uploaded(OLD).lastUpdate(OLD))
          .photo("1002", p -> p.format(MediaFormat.JPEG).bytes(5_000).uploaded(NEW).lastUpdate(NEW))
          .photo("1003", p -> p.format(MediaFormat.PNG).bytes(5_000).uploaded(NEW).lastUpdate(NEW))
          .photo("1004", p -> p.format(MediaFormat.JPEG).bytes(5_000).uploaded(NEW).lastUpdate(NEW))
          .video("1005", v -> v.format(MediaFormat.MP4).bytes(9_000).needsBrowserSession().uploaded(NEW)
              .lastUpdate(NEW))
          .favorite("2001", "99999999@N00", f -> f.taken("2010-01-02 03:04:05"))
          .favorite("2002", "99999999@N00", f -> f.taken("2010-01-02 03:04:05"))
          .build())
      .build();

  @TempDir Path dir;
  final List<PhotoSource> sources = new ArrayList<>();

  @AfterEach
  void closeSources() {
    sources.forEach(PhotoSource::close);
  }

  PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    PhotoSource s = FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).maxAttempts(2).build();
    sources.add(s);
    return s;
  }

  BackupResult run(Path dest, Selection selection) throws Exception {
    return FlickrBackup.run(BackupPlan.builder().source(source()).destination(dest).selection(selection).build());
  }

  CompletenessReport report(Path dest) throws Exception {
    return FlickrBackup.lastReport(dest.resolve(".flickrbackup")).orElseThrow();
  }

  @Test
  void aFullRunCountsWhatItListedAndGivesEachMissingItemItsReasonWithoutAnExtraCall() throws Exception {
    Path dest = dir.resolve("dest");
    run(dest, Selection.sinceLastRunOr(Instant.EPOCH));
    CompletenessReport r = report(dest);
    int own = fake.account().items().size();
    assertThat(r.flickrTotal()).hasValue(own);
    assertThat(r.localTotal()).isEqualTo(own - 1);
    assertThat(r.missing()).extracting(m -> m.id().value() + " " + m.reason())
        .containsExactly("1005 NEEDS_WEB_SESSION");
    assertThat(r.extra()).isEmpty();
    assertThat(r.result()).isEqualTo("partial");
    assertThat(r.summaryLine()).isEqualTo((own - 1) + " of " + own + " items on Flickr are backed up; 1 pending");
    assertThat(fake.stats().apiCalls("flickr.people.getInfo")).isZero();

    JsonNode json = new ObjectMapper().readTree(dest.resolve(".flickrbackup/report.json").toFile());
    assertThat(json.path("flickr_total").asInt()).isEqualTo(own);
    assertThat(json.path("local_total").asInt()).isEqualTo(own - 1);
    assertThat(json.path("missing").get(0).path("id").asText()).isEqualTo("1005");
    assertThat(json.path("missing").get(0).path("reason").asText()).isEqualTo("NEEDS_WEB_SESSION");
    assertThat(json.path("extra").size()).isZero();
    assertThat(json.path("result").asText()).isEqualTo("partial");
    assertThat(Instant.parse(json.path("time").asText())).isAfter(Instant.now().minusSeconds(60));
  }

  @Test
  void aFirstRunFromBeforeFlickrOpenedIsAFullListingAndAsksNoCount() throws Exception {
    // The CLI's usual first run, -f 1990-01-01: nothing on Flickr is older than February 2004.
    Path dest = dir.resolve("dest");
    run(dest, Selection.updatedSince(Instant.parse("1990-01-01T00:00:00Z")));
    int own = fake.account().items().size();
    assertThat(report(dest).fullListing()).isTrue();
    assertThat(report(dest).flickrTotal()).hasValue(own);
    assertThat(fake.stats().apiCalls("flickr.people.getInfo")).isZero();
    assertThat(fake.stats().apiCalls("flickr.people.getPhotos")).isEqualTo(1);
    assertThat(fake.stats().apiCalls("flickr.photos.recentlyUpdated")).isZero();

    // A start after Flickr opened may leave items out: the count is asked for.
    Path later = dir.resolve("later");
    fake.stats().reset();
    run(later, Selection.updatedSince(Instant.parse("2004-02-02T00:00:00Z")));
    assertThat(report(later).fullListing()).isFalse();
    assertThat(report(later).flickrTotal()).hasValue(own);
    assertThat(fake.stats().apiCalls("flickr.people.getInfo")).isEqualTo(1);
    assertThat(fake.stats().apiCalls("flickr.photos.recentlyUpdated")).isEqualTo(1);
  }

  @Test
  void anOrdinaryRunCostsOneCallAndListsEverythingOnlyWhenTheCountsDiffer() throws Exception {
    Path dest = dir.resolve("dest");
    run(dest, Selection.sinceLastRunOr(Instant.EPOCH));

    fake.stats().reset();
    run(dest, Selection.sinceLastRun());
    assertThat(fake.stats().apiCalls("flickr.people.getInfo")).isEqualTo(1);
    assertThat(fake.stats().apiCalls("flickr.people.getPhotos")).isZero();
    assertThat(report(dest).missing()).extracting(m -> m.id().value()).containsExactly("1005");
    assertThat(report(dest).fullListing()).isFalse();

    // Deleted on Flickr: the count drops, so this run lists every id once to find which
    fake.account().delete("1003");
    fake.stats().reset();
    run(dest, Selection.sinceLastRun());
    assertThat(fake.stats().apiCalls("flickr.people.getPhotos")).isEqualTo(1);
    CompletenessReport r = report(dest);
    assertThat(r.fullListing()).isTrue();
    assertThat(r.flickrTotal()).hasValue(fake.account().items().size());
    assertThat(r.extra()).extracting(PhotoId -> PhotoId.value()).containsExactly("1003");
    assertThat(r.missing()).extracting(m -> m.id().value()).containsExactly("1005");

    // and the next run knows it without listing again
    fake.stats().reset();
    run(dest, Selection.sinceLastRun());
    assertThat(fake.stats().apiCalls("flickr.people.getPhotos")).isZero();
    assertThat(report(dest).extra()).extracting(PhotoId -> PhotoId.value()).containsExactly("1003");
    assertThat(report(dest).flickrTotal()).hasValue(4);
  }

  @Test
  void anOrdinaryRunAsksForTheCountWhileItListsNotAfter() throws Exception {
    Path dest = dir.resolve("dest");
    run(dest, Selection.sinceLastRunOr(Instant.EPOCH));

    // The listing's answer takes a second: the count, asked beside it, is in before it ends.
    fake.faults(Fault.latency(Duration.ofSeconds(1)).forMethod("flickr.photos.recentlyUpdated"));
    fake.stats().reset();
    AtomicLong countsAskedWhenTheListingEnded = new AtomicLong(-1);
    FlickrBackup.run(BackupPlan.builder().source(source()).destination(dest).selection(Selection.sinceLastRun())
        .listener(new BackupListener() {
          @Override
          public void listingFinished(int itemsListed, int itemsToProcess) {
            countsAskedWhenTheListingEnded.set(fake.stats().apiCalls("flickr.people.getInfo"));
          }
        }).build());
    assertThat(countsAskedWhenTheListingEnded).hasValue(1);
    assertThat(fake.stats().apiCalls("flickr.people.getInfo")).as("asked once").isEqualTo(1);
    assertThat(report(dest).flickrTotal()).hasValue(fake.account().items().size());
    assertThat(report(dest).missing()).extracting(m -> m.id().value()).containsExactly("1005");
  }

  @Test
  void aCountThatFailsLeavesTheReportWithoutFlickrsFigureAndAWarning() throws Exception {
    Path dest = dir.resolve("dest");
    run(dest, Selection.sinceLastRunOr(Instant.EPOCH));

    fake.faults(Fault.apiError(105).forMethod("flickr.people.getInfo").always());
    List<String> warnings = new ArrayList<>();
    BackupResult result = FlickrBackup.run(BackupPlan.builder().source(source()).destination(dest)
        .selection(Selection.sinceLastRun()).listener(new BackupListener() {
          @Override
          public void warning(String message) {
            warnings.add(message);
          }
        }).build());
    assertThat(result.stoppedBy()).isEmpty();
    assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("the completeness report could not be made"));
    assertThat(report(dest).flickrTotal()).isEmpty();
  }

  @Test
  void itemsOlderThanTheFirstRunsStartAreMissingAsNotListed() throws Exception {
    Path dest = dir.resolve("dest");
    run(dest, Selection.updatedSince(Instant.parse("2015-01-01T00:00:00Z")));
    CompletenessReport r = report(dest);
    assertThat(r.fullListing()).isTrue();
    assertThat(r.missing()).extracting(m -> m.id().value() + " " + m.reason())
        .containsExactly("1001 NOT_LISTED", "1005 NEEDS_WEB_SESSION");

    fake.stats().reset();
    run(dest, Selection.sinceLastRun());
    assertThat(fake.stats().apiCalls("flickr.people.getPhotos")).isZero();
    assertThat(report(dest).missing()).extracting(m -> m.id().value() + " " + m.reason())
        .containsExactly("1001 NOT_LISTED", "1005 NEEDS_WEB_SESSION");
  }

  @Test
  void favoritesAreCountedApartFromTheAccountsOwnItems() throws Exception {
    Path dest = dir.resolve("dest");
    run(dest, Selection.sinceLastRunOr(Instant.EPOCH));
    run(dest, Selection.favorites());
    CompletenessReport fav = report(dest);
    assertThat(fav.selection()).isEqualTo("favorites");
    assertThat(fav.flickrTotal()).hasValue(fake.account().favorites().size());
    assertThat(fav.localTotal()).isEqualTo(2);
    assertThat(fav.missing()).isEmpty();
    assertThat(fav.summaryLine()).isEqualTo("2 of 2 favorites on Flickr are backed up; 0 pending");

    fake.stats().reset();
    run(dest, Selection.sinceLastRun());
    CompletenessReport own = report(dest);
    assertThat(own.selection()).isEqualTo("own");
    assertThat(own.flickrTotal()).hasValue(fake.account().items().size());
    assertThat(own.extra()).isEmpty(); // the favorites are not counted as own items gone from Flickr
    assertThat(fake.stats().apiCalls("flickr.people.getPhotos")).isZero();
  }

  @Test
  void aDryRunWritesNoReport() throws Exception {
    Path dest = dir.resolve("dest");
    FlickrBackup.run(BackupPlan.builder().source(source()).destination(dest)
        .selection(Selection.sinceLastRunOr(Instant.EPOCH)).dryRun(true).build());
    assertThat(FlickrBackup.lastReport(dest.resolve(".flickrbackup"))).isEmpty();
  }
}
