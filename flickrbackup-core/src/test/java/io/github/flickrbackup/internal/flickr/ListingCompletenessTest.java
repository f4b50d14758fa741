package io.github.flickrbackup.internal.flickr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.source.ListingSink;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.Fault;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When a listing is complete, and what it says when it is not: refused items, a total that
 * changes while paging, pages that stay short. Against the fake over HTTP.
 */
@Timeout(60)
class ListingCompletenessTest {
  FakeFlickr fake;

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

  /** Records everything a listing reports. */
  static final class Recorder implements ListingSink {
    final List<RemoteItem> items = new ArrayList<>();
    final Map<String, String> refused = new TreeMap<>();
    final List<String> warnings = new ArrayList<>();
    final List<String> incomplete = new ArrayList<>();

    @Override public void accept(RemoteItem item) { items.add(item); }
    @Override public void refused(String rawId, String reason) { refused.put(rawId, reason); }
    @Override public void warning(String message) { warnings.add(message); }
    @Override public void incomplete(String reason) { incomplete.add(reason); }

    List<String> ids() {
      return items.stream().map(i -> i.id().value()).toList();
    }
  }

  /** Ids of the fake's items, newest upload first: the order of people.getPhotos. */
  List<String> idsNewestFirst() {
    List<String> ids = new ArrayList<>(fake.account().items().stream().map(FakeItem::id).toList());
    java.util.Collections.reverse(ids);
    return ids;
  }

  @Test
  void refusedItemsAreReportedAndEveryOtherItemIsListed() throws Exception {
    start(FakeAccount.builder()
        .photo("1001", p -> p.title("fine"))
        .photo("1002", p -> p.rawAttribute("lastupdate", "soon"))
        .photo("1003", p -> p.rawAttribute("id", "../1"))
        .photo("1004", p -> p.title("fine too"))
        .build());
    FlickrPhotoSource source = TestSources.source(fake);
    Recorder r = new Recorder();

    source.listUpdated(Instant.EPOCH, r);

    assertThat(r.ids()).containsExactlyInAnyOrder("1001", "1004");
    assertThat(r.refused).containsOnlyKeys("1002", "../1");
    assertThat(r.refused.get("1002")).contains("lastupdate").contains("soon");
    assertThat(r.refused.get("../1")).contains("unsafe id");
    // Every item Flickr reported is accounted for: the listing itself is complete.
    assertThat(r.incomplete).isEmpty();
    assertThat(fake.stats().apiCalls("flickr.people.getPhotos")).isEqualTo(1);
  }

  @Test
  void aPlainConsumerGetsEveryOtherItemThenAnExceptionNamingTheRefusedOnes() {
    start(FakeAccount.builder()
        .photo("1001", p -> p.title("fine"))
        .photo("1002", p -> p.rawAttribute("lastupdate", "soon"))
        .build());
    FlickrPhotoSource source = TestSources.source(fake);
    List<String> ids = new ArrayList<>();

    assertThatThrownBy(() -> source.listUpdated(Instant.EPOCH, i -> ids.add(i.id().value())))
        .isInstanceOf(SourceException.class).hasMessageContaining("incomplete").hasMessageContaining("1002");
    assertThat(ids).containsExactly("1001");
  }

  @Test
  void anItemDeletedOnAPageAlreadyReadIsNotSkippedTheListingIsRepeated() throws Exception {
    start(FakeAccount.generate(AccountSpec.seed(21).photos(1001).sets(0)));
    List<String> order = idsNewestFirst();
    // After page 1 is answered, an item on it is deleted: page 2 then starts one item later, so
    // the item that was first on page 2 is now last on page 1 and on no page read in this pass.
    String deleted = order.get(10);
    String shifted = order.get(500);
    fake.afterCall("flickr.people.getPhotos", 1, account -> account.delete(deleted));
    FlickrPhotoSource source = TestSources.source(fake);
    Recorder r = new Recorder();

    source.listUpdated(Instant.EPOCH, r);

    assertThat(r.ids()).contains(shifted).doesNotHaveDuplicates();
    List<String> expected = new ArrayList<>(order);
    expected.remove(deleted);
    assertThat(r.ids()).containsAll(expected);
    assertThat(r.warnings).singleElement().asString().contains("1001 to 1000").contains("listing again");
    assertThat(r.incomplete).isEmpty();
    // Pass 1: page 1, then page 2 says 1000 items in 2 pages; pass 2: the same two pages, unchanged.
    assertThat(fake.stats().apiCalls("flickr.people.getPhotos")).isEqualTo(4);
  }

  @Test
  void anItemUploadedWhilePagingIsListedAfterARelistWithAWarning() throws Exception {
    start(FakeAccount.generate(AccountSpec.seed(22).photos(1001).sets(0)));
    fake.afterCall("flickr.people.getPhotos", 1, account -> account.addPhoto("99999999999", p -> p.title("new")));
    FlickrPhotoSource source = TestSources.source(fake);
    Recorder r = new Recorder();

    source.listUpdated(Instant.EPOCH, r);

    assertThat(r.ids()).hasSize(1002).doesNotHaveDuplicates().contains("99999999999");
    assertThat(r.warnings).singleElement().asString().contains("1001 to 1002").contains("listing again");
    assertThat(r.incomplete).isEmpty();
  }

  @Test
  void aSwingBeyondTheToleranceEndsTheListingUnconfirmedWithoutARelist() throws Exception {
    start(FakeAccount.generate(AccountSpec.seed(23).photos(1001).sets(0)));
    List<String> order = idsNewestFirst();
    int tolerance = FlickrPhotoSource.driftTolerance(1001);
    List<String> deleted = order.subList(0, tolerance + 1);
    fake.afterCall("flickr.people.getPhotos", 1, account -> deleted.forEach(account::delete));
    FlickrPhotoSource source = TestSources.source(fake);
    Recorder r = new Recorder();

    source.listUpdated(Instant.EPOCH, r);

    // The items after the deletions moved up onto page 1, already read: never handed over.
    assertThat(r.ids()).doesNotContain(order.get(500));
    assertThat(r.incomplete).singleElement().asString().contains("1001 to " + (1001 - deleted.size()))
        .contains("more than the " + tolerance);
    assertThat(r.warnings).isEmpty();
    assertThat(fake.stats().apiCalls("flickr.people.getPhotos")).isEqualTo(2);
  }

  @Test
  void aPageThatStaysShortIsNeverTakenAsComplete() throws Exception {
    start(FakeAccount.generate(AccountSpec.seed(24).photos(1001).sets(0)));
    fake.faults(Fault.shortPage(1).forMethod("flickr.people.getPhotos"));
    FlickrPhotoSource source = TestSources.source(fake);
    Recorder r = new Recorder();

    source.listUpdated(Instant.EPOCH, r);

    // Pages 1 and 2 each keep one item back, every time: 999 of 1001 arrive.
    assertThat(r.ids()).hasSize(999).doesNotHaveDuplicates();
    assertThat(r.incomplete).singleElement().asString().contains("1001").contains("999");
    assertThat(r.warnings).hasSize(FlickrPhotoSource.MAX_PASSES - 1).allMatch(w -> w.contains("listing again"));
    // Each pass: pages 1 and 2 asked three times each, page 3 once.
    assertThat(fake.stats().apiCalls("flickr.people.getPhotos")).isEqualTo(7L * FlickrPhotoSource.MAX_PASSES);
  }
}
