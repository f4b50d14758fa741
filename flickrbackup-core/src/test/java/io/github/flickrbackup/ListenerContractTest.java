package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.MediaContent;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.TestToken;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What {@link BackupListener}'s Javadoc promises, checked against real runs on the fake. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenerContractTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(21).photos(30).sets(3).videoShare(0.2).averageBytes(30_000)))
      .build();

  @TempDir Path dir;

  PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()))
        .retry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(10)))
        .build();
  }

  BackupPlan.Builder plan(PhotoSource source, BackupListener listener) {
    return BackupPlan.builder().source(source).destination(dir.resolve("dest")).listener(listener)
        .selection(Selection.updatedSince(Instant.EPOCH)).threads(3)
        .downloadRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(10)));
  }

  /** Every event, in the order the listener heard it. */
  static final class Recorder implements BackupListener {
    final List<String> events = new ArrayList<>();
    final AtomicReference<BackupResult> result = new AtomicReference<>();

    private synchronized void add(String e) {
      events.add(e);
    }

    synchronized List<String> events() {
      return List.copyOf(events);
    }

    /** The events of one item, in order. */
    synchronized List<String> of(String id) {
      return events.stream().filter(e -> e.split(" ").length > 1 && e.split(" ")[1].equals(id)).toList();
    }

    @Override
    public void runStarted(BackupPlan plan) {
      add("runStarted");
    }

    @Override
    public void listingFinished(int itemsListed, int itemsToProcess) {
      add("listingFinished");
    }

    @Override
    public void itemStarted(PhotoId id, long expectedBytes) {
      add("itemStarted " + id + " " + expectedBytes);
    }

    @Override
    public void bytesReceived(PhotoId id, long bytes) {
      add("bytes " + id + " " + bytes);
    }

    @Override
    public void itemFinished(PhotoId id, ItemOutcome outcome) {
      add("itemFinished " + id + " " + outcome);
    }

    @Override
    public void itemFailed(ItemFailure failure) {
      add("itemFailed " + failure.id() + " " + failure.kind());
    }

    @Override
    public void runFinished(BackupResult result) {
      this.result.set(result);
      add("runFinished");
    }
  }

  @Test
  void runFinishedEndsARunThatARevokedTokenStopsMidway() throws Exception {
    AtomicInteger opened = new AtomicInteger();
    AuthenticationException revoked = new AuthenticationException("the token was revoked; authorise again");
    Recorder recorder = new Recorder();
    PhotoSource source = new BackupEndToEndTest.FailingSource(source(), Set.of()) {
      @Override
      public MediaContent openMedia(RemoteItem item) throws SourceException {
        if (opened.incrementAndGet() > 5) {
          // "Midway": the revocation comes after a download was recorded, not in a race with
          // the first one (fetch threads open items faster than the writers record them).
          awaitFirstDownloadRecorded(recorder);
          throw revoked;
        }
        return super.openMedia(item);
      }
    };

    assertThatThrownBy(() -> FlickrBackup.run(plan(source, recorder).build())).isSameAs(revoked);

    List<String> events = recorder.events();
    assertThat(events.get(0)).isEqualTo("runStarted");
    assertThat(events).filteredOn("runFinished"::equals).hasSize(1);
    assertThat(events.get(events.size() - 1)).isEqualTo("runFinished");
    BackupResult result = recorder.result.get();
    assertThat(result.stoppedBy()).containsSame(revoked);
    assertThat(result.stopped()).isTrue();
    assertThat(result.complete()).isFalse();
    assertThat(result.downloaded())
        .isEqualTo(events.stream().filter(e -> e.startsWith("itemFinished") && e.endsWith("DOWNLOADED")).count())
        .isBetween(1, 5);
  }

  /** Waits up to 10 s for the listener to hear of a downloaded item; then the test's assertions judge. */
  private static void awaitFirstDownloadRecorded(Recorder recorder) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline && recorder.events().stream()
        .noneMatch(e -> e.startsWith("itemFinished") && e.endsWith("DOWNLOADED"))) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Test
  void runFinishedEndsARunWhoseListingFails() throws Exception {
    SourceException down = new SourceException("flickr.photos.recentlyUpdated kept failing: HTTP 503");
    PhotoSource source = new BackupEndToEndTest.FailingSource(source(), Set.of()) {
      @Override
      public void listUpdated(Instant since, Consumer<? super RemoteItem> sink) throws SourceException {
        throw down;
      }
    };
    Recorder recorder = new Recorder();

    assertThatThrownBy(() -> FlickrBackup.run(plan(source, recorder).build())).isSameAs(down);

    assertThat(recorder.events()).containsExactly("runStarted", "runFinished");
    assertThat(recorder.result.get().stoppedBy()).containsSame(down);
    assertThat(recorder.result.get().listed()).isZero();
  }

  @Test
  void aRunThatCannotStartSendsNoEvents() {
    Recorder recorder = new Recorder();

    assertThatThrownBy(() -> FlickrBackup.run(plan(source(), recorder).selection(Selection.sinceLastRun()).build()))
        .hasMessageContaining("no earlier run");

    assertThat(recorder.events()).isEmpty();
  }

  @Test
  void aCompleteRunIsNotStopped() throws Exception {
    Recorder recorder = new Recorder();

    BackupResult r = FlickrBackup.run(plan(source(), recorder).build());

    assertThat(recorder.result.get()).isEqualTo(r);
    assertThat(r.stoppedBy()).isEmpty();
    assertThat(r.stopped()).isFalse();
    assertThat(r.complete()).isTrue();
  }

  @Test
  void itemStartedAnnouncesTheBytesEachDownloadWillBringWhenTheServerSaysSo() throws Exception {
    Recorder recorder = new Recorder();

    BackupResult r = FlickrBackup.run(plan(source(), recorder).build());

    assertThat(r.complete()).isTrue();
    // Both cases occur: lengths announced, and chunked videos whose length is truly unknown.
    assertThat(fake.account().items()).anyMatch(FakeItem::sendsContentLength)
        .anyMatch(item -> !item.sendsContentLength());
    for (FakeItem item : fake.account().items()) {
      List<String> events = recorder.of(item.id());
      long expected = item.sendsContentLength() ? item.bytes() : -1;
      assertThat(events).as(item.id()).first().isEqualTo("itemStarted " + item.id() + " " + expected);
      assertThat(events).as(item.id()).last().isEqualTo("itemFinished " + item.id() + " DOWNLOADED");
      long received = events.stream().filter(e -> e.startsWith("bytes "))
          .mapToLong(e -> Long.parseLong(e.substring(e.lastIndexOf(' ') + 1))).sum();
      assertThat(received).as("bytes received for " + item.id()).isEqualTo(item.bytes());
    }
  }

  @Test
  void anItemWithNothingToDownloadStartsWithZeroBytes() throws Exception {
    FlickrBackup.run(plan(source(), BackupListener.NONE).build());
    String retitled = fake.account().items().get(3).id();
    fake.account().editMetadata(retitled, e -> e.title("a new title"));
    Recorder recorder = new Recorder();

    FlickrBackup.run(plan(source(), recorder).build());

    Map<String, List<String>> byItem = new HashMap<>();
    for (FakeItem item : fake.account().items()) {
      byItem.put(item.id(), recorder.of(item.id()));
    }
    assertThat(byItem.get(retitled)).containsExactly("itemStarted " + retitled + " 0",
        "itemFinished " + retitled + " METADATA_ONLY");
    for (FakeItem item : fake.account().items()) {
      if (!item.id().equals(retitled)) {
        assertThat(byItem.get(item.id())).containsExactly("itemStarted " + item.id() + " 0",
            "itemFinished " + item.id() + " UNCHANGED");
      }
    }
  }

  @Test
  void aDryRunStartsEachPlannedItemWithZeroBytes() throws Exception {
    Recorder recorder = new Recorder();

    BackupResult r = FlickrBackup.run(plan(source(), recorder).dryRun(true).build());

    assertThat(r.planned()).hasSize(fake.account().items().size());
    for (FakeItem item : fake.account().items()) {
      assertThat(recorder.of(item.id())).containsExactly("itemStarted " + item.id() + " 0",
          "itemFinished " + item.id() + " PLANNED");
    }
    assertThat(recorder.result.get()).isEqualTo(r);
  }

  @Test
  void anItemWhoseDownloadFailsBeforeAnyAnswerStartsWithUnknownBytes() throws Exception {
    String broken = fake.account().items().get(0).id();
    Recorder recorder = new Recorder();

    BackupResult r = FlickrBackup.run(plan(new BackupEndToEndTest.FailingSource(source(), Set.of(broken)), recorder)
        .retries(0).build());

    assertThat(r.failures()).extracting(f -> f.id().value()).containsExactly(broken);
    assertThat(recorder.of(broken)).containsExactly("itemStarted " + broken + " -1",
        "itemFailed " + broken + " DOWNLOAD_FAILED");
  }
}
