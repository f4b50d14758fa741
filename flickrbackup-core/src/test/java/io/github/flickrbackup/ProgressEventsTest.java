package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a progress display needs to hear early: how many items the run expects (from the first
 * listing page, not from the end of the listing), and how far the album reading is.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProgressEventsTest {
  /** More than one listing page (500), so that the total is known long before the listing ends. */
  static final int ITEMS = 700;

  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(13).photos(ITEMS).sets(5).videoShare(0).averageBytes(4_096)))
      .build();

  @TempDir Path dir;

  PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()))
        .build();
  }

  /** The progress events, in the order heard. */
  static final class Recorder implements BackupListener {
    private final List<String> events = new ArrayList<>();

    private synchronized void add(String e) {
      events.add(e);
    }

    synchronized List<String> events() {
      return List.copyOf(events);
    }

    @Override
    public void albumsRead(int done, int total) {
      add("albums " + done + "/" + total);
    }

    @Override
    public void itemsExpected(int items) {
      add("expected " + items);
    }

    @Override
    public void listingFinished(int itemsListed, int itemsToProcess) {
      add("listingFinished");
    }

    @Override
    public void itemFinished(PhotoId id, ItemOutcome outcome) {
      add("item");
    }

    @Override
    public void itemFailed(ItemFailure failure) {
      add("item");
    }
  }

  BackupResult run(Selection selection, Recorder recorder) throws Exception {
    try (PhotoSource source = source()) {
      return FlickrBackup.run(BackupPlan.builder().source(source).destination(dir.resolve("dest"))
          .listener(recorder).selection(selection).threads(2).build());
    }
  }

  @Test
  void theTotalComesWithTheFirstListingPageAndTheAlbumsOneByOne() throws Exception {
    Recorder recorder = new Recorder();
    BackupResult result = run(Selection.sinceLastRunOr(Instant.EPOCH), recorder);

    List<String> events = recorder.events();
    int firstItem = events.indexOf("item");
    int firstExpected = events.indexOf("expected " + ITEMS);
    assertThat(firstExpected).as("the total from the first page: %s", events.subList(0, Math.max(0, firstItem)))
        .isNotNegative().isLessThan(firstItem);
    assertThat(events.indexOf("listingFinished")).as("the listing itself ends much later")
        .isGreaterThan(firstItem);
    assertThat(events.stream().filter(e -> e.startsWith("expected")).distinct())
        .as("the figure never changes on a quiet account").containsExactly("expected " + ITEMS);
    assertThat(events.stream().filter("item"::equals).count()).isEqualTo(ITEMS);
    assertThat(result.downloaded()).isEqualTo(ITEMS);

    List<String> albums = events.stream().filter(e -> e.startsWith("albums")).toList();
    assertThat(albums).first().isEqualTo("albums 0/5");
    assertThat(albums).last().isEqualTo("albums 5/5");
    assertThat(albums).hasSize(6);
    assertThat(events.indexOf("albums 5/5")).as("items wait for the albums").isLessThan(firstItem);
  }

  @Test
  void anIncrementalRunExpectsWhatChangedAndNoAlbumsWhenNoneChanged() throws Exception {
    run(Selection.sinceLastRunOr(Instant.EPOCH), new Recorder());
    FakeAccount account = fake.account();
    List<FakeItem> items = account.items();
    for (int i = 0; i < 7; i++) {
      account.editMetadata(items.get(i * 50).id(), b -> b.title("edited"));
    }

    Recorder recorder = new Recorder();
    run(Selection.sinceLastRun(), recorder);

    List<String> events = recorder.events();
    long reported = events.stream().filter("item"::equals).count();
    assertThat(reported).isBetween(7L, 20L); // the edited items, and those at the mark's second
    assertThat(events).contains("expected " + reported);
    assertThat(events.indexOf("expected " + reported)).isLessThan(events.indexOf("item"));
    assertThat(events).noneMatch(e -> e.startsWith("albums")); // titles edited, no album changed
  }

  @Test
  void anExplicitListIsExpectedWhole() throws Exception {
    List<PhotoId> ids = fake.account().items().stream().limit(9).map(i -> PhotoId.of(i.id())).toList();
    Recorder recorder = new Recorder();
    run(Selection.ids(ids), recorder);

    List<String> events = recorder.events();
    assertThat(events.indexOf("expected 9")).isNotNegative().isLessThan(events.indexOf("item"));
    assertThat(events.stream().filter("item"::equals).count()).isEqualTo(9);
  }
}
