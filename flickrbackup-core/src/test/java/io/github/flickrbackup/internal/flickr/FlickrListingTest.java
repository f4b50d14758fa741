package io.github.flickrbackup.internal.flickr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.ItemUnavailableException;
import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FlickrListingTest {
  FakeFlickr fake;

  FakeFlickr start(FakeAccount account) {
    fake = FakeFlickr.builder().account(account).build();
    fake.start();
    return fake;
  }

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void listsA300ItemAccountWith20SetsIn22Calls() throws Exception {
    start(FakeAccount.generate(AccountSpec.seed(1).photos(300).sets(20)));
    FlickrPhotoSource source = TestSources.source(fake);

    List<RemoteItem> items = new ArrayList<>();
    source.listUpdated(Instant.EPOCH, items::add);
    List<Album> albums = source.albums();
    Map<String, List<PhotoId>> members = new TreeMap<>();
    for (Album a : albums) {
      List<PhotoId> ids = new ArrayList<>();
      source.listAlbumMembers(a, ids::add);
      members.put(a.id(), ids);
    }

    assertThat(items).hasSize(300);
    assertThat(items.stream().map(RemoteItem::id).distinct()).hasSize(300);
    assertThat(albums).hasSize(20);
    for (Album a : albums) {
      assertThat(members.get(a.id())).containsExactlyElementsOf(
          fake.account().set(a.id()).itemIds().stream().map(PhotoId::of).toList());
    }
    System.out.println("300 items / 20 sets: " + fake.stats().apiCallsByMethod());
    assertThat(fake.stats().apiCallsByMethod()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "flickr.people.getPhotos", 1L, "flickr.photosets.getList", 1L, "flickr.photosets.getPhotos", 20L));
    assertThat(source.apiCalls()).isEqualTo(22).isEqualTo(fake.stats().apiCalls());
  }

  @Test
  void pagesByPagesAndNotByEmptyPages() throws Exception {
    start(FakeAccount.generate(AccountSpec.seed(2).photos(1201).sets(1)));
    FlickrPhotoSource source = TestSources.source(fake);
    Set<PhotoId> ids = new HashSet<>();
    List<PhotoId> all = new ArrayList<>();
    source.listUpdated(Instant.EPOCH, i -> {
      ids.add(i.id());
      all.add(i.id());
    });
    assertThat(all).hasSize(1201);
    assertThat(ids).hasSize(1201);
    assertThat(fake.stats().apiCalls("flickr.people.getPhotos")).isEqualTo(3);
  }

  @Test
  void keepsEveryFieldAndRawAttributeOfAListedItem() throws Exception {
    start(FakeAccount.builder().owner("12345678@N00", "alice", "Alice")
        .photo("1001", p -> p.title("Robot").description("line1\nline2").tags("Green", "sky")
            .machineTags("geo:lat=1").taken("2011-04-02 18:55:46").takenGranularity(4)
            .geo(51.5, -0.12, 16).license("4"))
        .video("1002", v -> v.title("Clip"))
        .build());
    FlickrPhotoSource source = TestSources.source(fake);
    Map<String, RemoteItem> byId = new TreeMap<>();
    source.listUpdated(Instant.EPOCH, i -> byId.put(i.id().value(), i));

    FakeItem robot = fake.account().item("1001");
    RemoteItem r = byId.get("1001");
    assertThat(r.media()).isEqualTo(MediaKind.PHOTO);
    assertThat(r.title()).isEqualTo("Robot");
    assertThat(r.description()).isEqualTo("line1\nline2");
    // Flickr's tags extra: every tag normalised, machine tags included.
    assertThat(r.tags()).containsExactly("green", "sky", "geo:lat=1");
    assertThat(r.machineTags()).containsExactly("geo:lat=1");
    assertThat(r.dateTaken()).isEqualTo("2011-04-02 18:55:46");
    assertThat(r.takenGranularity()).isEqualTo(4);
    assertThat(r.geo()).isEqualTo(new RemoteItem.Geo(51.5, -0.12, 16));
    assertThat(r.license()).isEqualTo("4");
    assertThat(r.lastUpdate()).isEqualTo(robot.lastUpdate());
    assertThat(r.originalSecret()).isEqualTo(robot.originalSecret());
    assertThat(r.originalFormat()).isEqualTo("jpg");
    assertThat(r.owner()).isEqualTo("12345678@N00");
    assertThat(r.attributes()).containsKeys("o_width", "o_height", "url_o", "machine_tags", "media_status")
        .doesNotContainKey("pathalias"); // the owner has no alias: Flickr's "" is left out
    assertThat(byId.get("1002").media()).isEqualTo(MediaKind.VIDEO);
  }

  @Test
  void incrementalListingUsesRecentlyUpdatedFromTheHighWaterMark() throws Exception {
    start(FakeAccount.generate(AccountSpec.seed(3).photos(50).sets(2)));
    FlickrPhotoSource source = TestSources.source(fake);
    Instant mark = fake.account().items().stream().map(FakeItem::lastUpdate).max(Instant::compareTo).orElseThrow()
        .plusSeconds(1);
    String edited = fake.account().items().get(7).id();
    fake.account().editMetadata(edited, e -> e.title("edited").lastUpdate(mark.plusSeconds(10)));

    List<String> ids = new ArrayList<>();
    source.listUpdated(mark, i -> ids.add(i.id().value()));

    assertThat(ids).containsExactly(edited);
    assertThat(fake.stats().apiCallsByMethod()).containsExactlyEntriesOf(Map.of("flickr.photos.recentlyUpdated", 1L));

    // Nothing changed since: one call lists nothing (and an empty incremental listing is not an error).
    fake.stats().reset();
    List<String> none = new ArrayList<>();
    source.listUpdated(mark.plusSeconds(11), i -> none.add(i.id().value()));
    assertThat(none).isEmpty();
    assertThat(fake.stats().apiCalls()).isEqualTo(1);
  }

  @Test
  void favoritesCarryTheirFavedDateAndOwner() throws Exception {
    start(FakeAccount.generate(AccountSpec.seed(4).photos(10).sets(1).favorites(25)));
    FlickrPhotoSource source = TestSources.source(fake);
    List<RemoteItem> favs = new ArrayList<>();
    source.listFavorites(Instant.EPOCH, favs::add);
    assertThat(favs).hasSize(25);
    assertThat(favs).allSatisfy(f -> {
      assertThat(f.dateFaved()).isNotNull();
      assertThat(f.owner()).isNotEqualTo(fake.account().owner().nsid()).isNotEmpty();
    });

    Instant median = favs.get(12).dateFaved();
    List<RemoteItem> since = new ArrayList<>();
    source.listFavorites(median, since::add);
    assertThat(since).isNotEmpty().allSatisfy(f -> assertThat(f.dateFaved()).isAfterOrEqualTo(median));
    assertThat(since.size()).isLessThan(25);
    assertThat(fake.requests().get(fake.requests().size() - 1).getUrl().queryParameter("min_fave_date"))
        .isEqualTo(Long.toString(median.getEpochSecond()));
  }

  @Test
  void looksUpOneItemAndItsAlbumsAndReportsDeletedOnes() throws Exception {
    start(FakeAccount.builder().owner("12345678@N00", "alice", "Alice")
        .set("72157600000000001", "A").set("72157600000000002", "B")
        .photo("1001", p -> p.title("Robot").tags("x").machineTags("a:b=c").inSets("72157600000000001",
            "72157600000000002"))
        .photo("1003", p -> p.title("other").inSets("72157600000000001"))
        .build());
    FlickrPhotoSource source = TestSources.source(fake);

    Optional<RemoteItem> item = source.item(PhotoId.of("1001"));
    assertThat(item).get().satisfies(i -> {
      assertThat(i.title()).isEqualTo("Robot");
      assertThat(i.tags()).containsExactly("x", "a:b=c");
      assertThat(i.machineTags()).containsExactly("a:b=c");
      assertThat(i.lastUpdate()).isEqualTo(fake.account().item("1001").lastUpdate());
      assertThat(i.owner()).isEqualTo("12345678@N00");
    });
    assertThat(source.albumIdsOf(PhotoId.of("1001"))).containsExactly("72157600000000001", "72157600000000002");

    fake.account().delete("1001");
    assertThat(source.item(PhotoId.of("1001"))).isEmpty();
    assertThatThrownBy(() -> source.albumIdsOf(PhotoId.of("1001")))
        .isInstanceOf(ItemUnavailableException.class);
    assertThat(fake.stats().apiCalls("flickr.photos.getInfo")).isEqualTo(2);
  }

  @Test
  void listsA20000ItemAccountWith200SetsWithin400Calls() throws Exception {
    start(FakeAccount.generate(AccountSpec.seed(7).photos(20_000).sets(200)));
    FlickrPhotoSource source = TestSources.source(fake);
    int[] listed = new int[1];
    source.listUpdated(Instant.EPOCH, i -> listed[0]++);
    int members = 0;
    for (Album a : source.albums()) {
      List<PhotoId> ids = new ArrayList<>();
      source.listAlbumMembers(a, ids::add);
      members += ids.size();
    }
    System.out.println("20,000 items / 200 sets: " + source.apiCalls() + " calls " + fake.stats().apiCallsByMethod()
        + ", " + members + " memberships");
    assertThat(listed[0]).isEqualTo(20_000);
    assertThat(fake.stats().apiCalls("flickr.people.getPhotos")).isEqualTo(40);
    assertThat(source.apiCalls()).isLessThanOrEqualTo(400).isEqualTo(fake.stats().apiCalls());
  }

  @Test
  void listsAHostileAccountWithoutLosingItems() throws Exception {
    start(FakeAccount.generate(AccountSpec.seed(8).photos(200).sets(15).hostile(true)));
    FlickrPhotoSource source = TestSources.source(fake);
    Set<PhotoId> ids = new HashSet<>();
    source.listUpdated(Instant.EPOCH, i -> ids.add(i.id()));
    assertThat(ids).hasSize(fake.account().items().size());
    List<Album> albums = source.albums();
    assertThat(albums).hasSize(fake.account().sets().size());
    assertThat(albums).extracting(Album::title).contains("..", "CON");
  }
}
