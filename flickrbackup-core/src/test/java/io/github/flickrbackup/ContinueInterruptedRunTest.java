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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run without a start date ({@link Selection#sinceLastRun()}, the README's cron line) right
 * after a run that did not finish continues that run's selection, instead of asking for a
 * start date or skipping what the unfinished listing never reached.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ContinueInterruptedRunTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(9).photos(40).sets(3).favorites(12).averageBytes(20_000)))
      .build();

  @TempDir Path dir;

  static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(100));

  PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()))
        .retry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(10)))
        .build();
  }

  BackupPlan.Builder plan(PhotoSource source, Path dest, Selection selection) {
    return BackupPlan.builder().source(source).destination(dest).selection(selection).threads(2)
        .downloadRetry(FAST);
  }

  /** A start between two items' update times: the items updated since then, and the rest. */
  Instant middle() {
    List<Instant> times = fake.account().items().stream().map(FakeItem::lastUpdate).sorted().toList();
    Instant a = times.get(times.size() / 2 - 1);
    Instant b = times.get(times.size() / 2);
    assertThat(a).isBefore(b);
    return a.plusSeconds(Duration.between(a, b).toSeconds() / 2 + 1);
  }

  Set<String> updatedSince(Instant since) {
    Set<String> ids = new HashSet<>();
    for (FakeItem item : fake.account().items()) {
      if (!item.lastUpdate().isBefore(since)) {
        ids.add(item.id());
      }
    }
    return ids;
  }

  /**
   * Starts {@code selection}, waits until the body of {@code stalledId} is half-way and the
   * {@code others} other items are finished (recorded), and returns a copy of the destination
   * as SIGKILL leaves it: a catalog whose run never finished.
   */
  Path killedMidway(Selection selection, String stalledId, int others) throws Exception {
    CountDownLatch stalled = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PhotoSource stalling = new BackupEndToEndTest.FailingSource(source(), Set.of()) {
      @Override
      public MediaContent openMedia(RemoteItem item) throws SourceException {
        MediaContent real = super.openMedia(item);
        return item.id().value().equals(stalledId) ? new KilledRunTest.Stalling(real, stalled, release) : real;
      }
    };
    Path dest = dir.resolve("dest");
    CountDownLatch othersDone = new CountDownLatch(others);
    BackupListener countOthers = new BackupListener() {
      @Override
      public void itemFinished(PhotoId id, ItemOutcome outcome) {
        othersDone.countDown();
      }

      @Override
      public void itemFailed(ItemFailure failure) {
        othersDone.countDown();
      }
    };
    Thread run = new Thread(() -> {
      try {
        FlickrBackup.run(plan(stalling, dest, selection).listener(countOthers).build());
      } catch (BackupException e) {
        // the interrupted run may fail; the copy is what matters
      }
    });
    run.start();
    assertThat(stalled.await(60, TimeUnit.SECONDS)).isTrue();
    // Items are recorded in batches: wait until every other one is reported finished, which
    // the engine does once its batch is committed.
    assertThat(othersDone.await(60, TimeUnit.SECONDS)).as("every other item finished").isTrue();
    Path killed = dir.resolve("killed");
    KilledRunTest.copyTree(dest, killed);
    release.countDown();
    run.interrupt();
    run.join(60_000);
    return killed;
  }

  /** Items the catalog records as done: committed, so never to be fetched again. */
  static Set<String> committed(Path dest) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dest.resolve(".flickrbackup/catalog.db"));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id FROM items WHERE state='done'")) {
      while (r.next()) {
        ids.add(r.getString(1));
      }
    }
    return ids;
  }

  /** Hears warnings. */
  static final class Warnings implements BackupListener {
    final List<String> messages = new CopyOnWriteArrayList<>();

    @Override
    public void warning(String message) {
      messages.add(message);
    }
  }

  @Test
  void aPlainRunAfterAKilledFirstRunContinuesItsSelection() throws Exception {
    Instant since = middle();
    Set<String> selected = updatedSince(since);
    String stalledId = selected.stream().sorted().skip(selected.size() / 2).findFirst().orElseThrow();
    Path killed = killedMidway(Selection.updatedSince(since), stalledId, selected.size() - 1);
    Set<String> before = committed(killed);
    assertThat(before).isNotEmpty().doesNotContain(stalledId);
    fake.stats().reset();
    Warnings warnings = new Warnings();

    BackupResult r = FlickrBackup.run(plan(source(), killed, Selection.sinceLastRun()).listener(warnings).build());

    assertThat(r.complete()).isTrue();
    assertThat(BackupEndToEndTest.mediaFiles(killed).keySet()).containsExactlyInAnyOrderElementsOf(selected);
    for (String id : selected) {
      assertThat(fake.stats().downloads(id)).as(id).isEqualTo(before.contains(id) ? 0 : 1);
    }
    assertThat(warnings.messages).anyMatch(m -> m.contains("did not finish") && m.contains(since.toString()));

    // Finished now: the next plain run starts from the mark, as every nightly run does.
    fake.stats().reset();
    BackupResult next = FlickrBackup.run(plan(source(), killed, Selection.sinceLastRun()).build());
    assertThat(next.complete()).isTrue();
    assertThat(next.downloaded() + next.updated()).isZero();
    assertThat(fake.stats().mediaBytes()).isZero();
  }

  @Test
  void aPlainRunAfterAKilledFavoritesRunContinuesTheFavorites() throws Exception {
    List<FakeItem> favorites = fake.account().favorites();
    Path killed = killedMidway(Selection.favorites(), favorites.get(favorites.size() / 2).id(),
        favorites.size() - 1);
    Set<String> before = committed(killed);
    fake.stats().reset();

    BackupResult r = FlickrBackup.run(plan(source(), killed, Selection.sinceLastRun()).build());

    assertThat(r.complete()).isTrue();
    assertThat(r.listed()).isEqualTo(favorites.size());
    assertThat(BackupEndToEndTest.mediaFiles(killed).keySet())
        .containsExactlyInAnyOrderElementsOf(favorites.stream().map(FakeItem::id).toList());
    for (FakeItem f : favorites) {
      assertThat(fake.stats().downloads(f.id())).as(f.id()).isEqualTo(before.contains(f.id()) ? 0 : 1);
    }
  }

  @Test
  void aPlainRunAfterARunStoppedByAnErrorContinuesItsSelection() throws Exception {
    Instant since = middle();
    Set<String> selected = updatedSince(since);
    AtomicInteger opened = new AtomicInteger();
    CountDownLatch firstRecorded = new CountDownLatch(1);
    PhotoSource revokedMidway = new BackupEndToEndTest.FailingSource(source(), Set.of()) {
      @Override
      public MediaContent openMedia(RemoteItem item) throws SourceException {
        if (opened.incrementAndGet() > 4) {
          // Revoked only once an item is recorded (a batch waits at most a second): otherwise a
          // loaded machine may stop the run before any item was written, and nothing continues.
          try {
            firstRecorded.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new AuthenticationException("the token was revoked");
        }
        return super.openMedia(item);
      }
    };
    Path dest = dir.resolve("dest");
    BackupListener recorded = new BackupListener() {
      @Override
      public void itemFinished(PhotoId id, ItemOutcome outcome) {
        firstRecorded.countDown();
      }
    };
    assertThatThrownBy(() -> FlickrBackup.run(plan(revokedMidway, dest, Selection.updatedSince(since))
        .listener(recorded).build()))
        .isInstanceOf(AuthenticationException.class);
    Set<String> before = committed(dest);
    assertThat(before).isNotEmpty();
    fake.stats().reset();

    BackupResult r = FlickrBackup.run(plan(source(), dest, Selection.sinceLastRun()).build());

    assertThat(r.complete()).isTrue();
    assertThat(BackupEndToEndTest.mediaFiles(dest).keySet()).containsExactlyInAnyOrderElementsOf(selected);
    for (String id : before) {
      assertThat(fake.stats().downloads(id)).as(id).isZero();
    }
  }

  @Test
  void aPlainRunAfterAFinishedRunStartsFromTheMarkNotFromTheEarlierStart() throws Exception {
    Path dest = dir.resolve("dest");
    FlickrBackup.run(plan(source(), dest, Selection.updatedSince(Instant.EPOCH)).build());
    Warnings warnings = new Warnings();
    fake.stats().reset();

    BackupResult r = FlickrBackup.run(plan(source(), dest, Selection.sinceLastRun()).listener(warnings).build());

    assertThat(r.listed()).isLessThan(fake.account().items().size());
    assertThat(warnings.messages).noneMatch(m -> m.contains("did not finish"));
  }

  @Test
  void aPlainRunAfterAFirstRunThatFoundNothingStartsWhereThatRunStarted() throws Exception {
    Instant afterEverything = fake.account().items().stream().map(FakeItem::lastUpdate).max(Instant::compareTo)
        .orElseThrow().plusSeconds(3600);
    Path dest = dir.resolve("dest");
    BackupResult first = FlickrBackup.run(plan(source(), dest, Selection.updatedSince(afterEverything)).build());
    assertThat(first.listed()).isZero();

    BackupResult r = FlickrBackup.run(plan(source(), dest, Selection.sinceLastRun()).build());

    assertThat(r.complete()).isTrue();
    assertThat(r.listed()).isZero();
  }
}
