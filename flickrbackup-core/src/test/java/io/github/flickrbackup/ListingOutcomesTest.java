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
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.Fault;
import io.github.flickrbackup.testkit.TestToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a run does with a listing that refused items, changed while paging, or stayed short. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ListingOutcomesTest {
  static final String SET = "72157600000000001";

  FakeFlickr fake;
  @TempDir Path dir;

  void start(FakeAccount account) {
    fake = FakeFlickr.builder().account(account).build();
    fake.start();
  }

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).maxAttempts(2).build();
  }

  BackupPlan.Builder plan(Path dest, Selection selection) {
    return BackupPlan.builder().source(source()).destination(dest).selection(selection);
  }

  /** Names of the media files under a destination (metadata and state left out). */
  static Set<String> mediaFileNames(Path dest) throws IOException {
    try (Stream<Path> s = Files.walk(dest)) {
      return s.filter(Files::isRegularFile).filter(p -> !p.startsWith(dest.resolve(".flickrbackup")))
          .map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+\\.[a-z0-9]+"))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void aRefusedItemFailsAloneEverythingElseIsBackedUpAndTheMarkDoesNotMove() throws Exception {
    start(FakeAccount.builder()
        .set(SET, "Holidays")
        .photo("1001", p -> p.title("fine").inSets(SET))
        .photo("1002", p -> p.rawAttribute("lastupdate", "soon").inSets(SET))
        .photo("1003", p -> p.rawAttribute("id", "../1"))
        .photo("1004", p -> p.title("fine too"))
        .build());
    Path dest = dir.resolve("dest");
    List<String> heard = Collections.synchronizedList(new ArrayList<>());

    BackupResult r = FlickrBackup.run(plan(dest, Selection.updatedSince(Instant.EPOCH)).listener(new BackupListener() {
      @Override public void warning(String message) {
        heard.add(message);
      }
    }).build());

    assertThat(r.downloaded()).isEqualTo(2);
    assertThat(mediaFileNames(dest)).containsExactlyInAnyOrder("1001.jpg", "1004.jpg");
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.id()).isEqualTo(PhotoId.of("1002"));
      assertThat(f.kind()).isEqualTo(FailureKind.INVALID_ITEM);
      assertThat(f.message()).contains("lastupdate").contains("soon");
    });
    // An item without a usable id cannot be a failure: it is a warning, in the result and to the listener.
    assertThat(r.warnings()).singleElement().asString().contains("'../1'");
    assertThat(heard).containsExactlyElementsOf(r.warnings());
    assertThat(r.listingComplete()).isFalse();
    assertThat(r.complete()).isFalse();
    // No mark and no .stamp; the run is recorded as unfinished, so a run "since the last run"
    // continues it from the same start and lists everything again: nothing is skipped.
    assertThat(dest.resolve(".stamp")).doesNotExist();
    List<String> heardNext = Collections.synchronizedList(new ArrayList<>());
    BackupResult next = FlickrBackup.run(plan(dest, Selection.sinceLastRun()).listener(new BackupListener() {
      @Override public void warning(String message) {
        heardNext.add(message);
      }
    }).build());
    assertThat(heardNext).anyMatch(m -> m.contains("did not finish") && m.contains(Instant.EPOCH.toString()));
    assertThat(next.listed()).isEqualTo(r.listed());
    assertThat(next.downloaded()).isZero();
    assertThat(next.failures()).extracting(ItemFailure::id).containsExactly(PhotoId.of("1002"));
    assertThat(next.listingComplete()).isFalse();
    assertThat(dest.resolve(".stamp")).doesNotExist();
  }

  @Test
  void aRefusedItemKeepsTheMarkOfAnIncrementalRunSoTheNextRunListsItAgain() throws Exception {
    start(FakeAccount.generate(AccountSpec.seed(31).photos(20).sets(2)));
    Path dest = dir.resolve("dest");
    assertThat(FlickrBackup.run(plan(dest, Selection.updatedSince(Instant.EPOCH)).build()).complete()).isTrue();
    List<FakeItem> items = fake.account().items();
    // Three edits, in this order: a plain one, the one Flickr then lists broken, another plain one.
    String first = items.get(3).id();
    String broken = items.get(5).id();
    String last = items.get(7).id();
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    fake.account().editMetadata(first, e -> e.title("edited first").lastUpdate(now.plusSeconds(10)));
    fake.account().editMetadata(broken, e -> e.title("edited").lastUpdate(now.plusSeconds(20))
        .rawAttribute("lastupdate", "garbage"));
    fake.account().editMetadata(last, e -> e.title("edited last").lastUpdate(now.plusSeconds(30)));

    BackupResult second = FlickrBackup.run(plan(dest, Selection.sinceLastRun()).build());

    assertThat(second.failures()).extracting(f -> f.id().value()).containsExactly(broken);
    assertThat(second.failures()).extracting(ItemFailure::kind).containsExactly(FailureKind.INVALID_ITEM);
    assertThat(second.metadataOnly()).isEqualTo(2);

    // Had the mark moved to the last edit, the next run would list that one only.
    List<String> listedAgain = Collections.synchronizedList(new ArrayList<>());
    BackupResult third = FlickrBackup.run(plan(dest, Selection.sinceLastRun()).listener(new BackupListener() {
      @Override public void itemFinished(PhotoId id, ItemOutcome outcome) {
        listedAgain.add(id.value());
      }
    }).build());
    assertThat(listedAgain).contains(first, last);
    assertThat(third.failures()).extracting(f -> f.id().value()).containsExactly(broken);
  }

  @Test
  void aListingThatChangedWhilePagingIsListedAgainAndNothingIsSkipped() throws Exception {
    start(FakeAccount.generate(AccountSpec.seed(32).photos(1001).sets(0).averageBytes(4096)));
    List<String> newestFirst = new ArrayList<>(fake.account().items().stream().map(FakeItem::id).toList());
    Collections.reverse(newestFirst);
    String deleted = newestFirst.get(3);
    fake.afterCall("flickr.people.getPhotos", 1, account -> account.delete(deleted));

    BackupResult r = FlickrBackup.run(plan(dir.resolve("dest"), Selection.updatedSince(Instant.EPOCH))
        .dryRun(true).build());

    List<String> expected = new ArrayList<>(newestFirst);
    expected.remove(deleted);
    assertThat(r.planned()).extracting(PhotoId::value).containsAll(expected).contains(newestFirst.get(500));
    assertThat(r.warnings()).singleElement().asString().contains("changed").contains("listing again");
    assertThat(r.listingComplete()).isTrue();
    assertThat(r.complete()).isTrue();
  }

  @Test
  void aListingThatStaysShortIsBackedUpAsFarAsItGoesButNotTakenAsComplete() throws Exception {
    start(FakeAccount.generate(AccountSpec.seed(33).photos(1001).sets(0).averageBytes(4096)));
    fake.faults(Fault.shortPage(1).forMethod("flickr.people.getPhotos"));

    BackupResult r = FlickrBackup.run(plan(dir.resolve("dest"), Selection.updatedSince(Instant.EPOCH))
        .dryRun(true).build());

    assertThat(r.planned()).hasSize(999);
    assertThat(r.warnings()).last().asString().contains("incomplete").contains("1001");
    assertThat(r.listingComplete()).isFalse();
    assertThat(r.complete()).isFalse();
    assertThat(r.failures()).isEmpty();
  }

  @Test
  void anExplicitIdFlickrDescribesWithBrokenDataFailsAsInvalidItem() throws Exception {
    start(FakeAccount.builder()
        .photo("1001", p -> p.title("fine"))
        .photo("1002", p -> p.rawAttribute("lastupdate", "soon"))
        .build());
    Path dest = dir.resolve("dest");

    BackupResult r = FlickrBackup.run(plan(dest, Selection.ids(List.of(PhotoId.of("1001"), PhotoId.of("1002"))))
        .build());

    assertThat(r.downloaded()).isEqualTo(1);
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.id()).isEqualTo(PhotoId.of("1002"));
      assertThat(f.kind()).isEqualTo(FailureKind.INVALID_ITEM);
    });
  }
}
