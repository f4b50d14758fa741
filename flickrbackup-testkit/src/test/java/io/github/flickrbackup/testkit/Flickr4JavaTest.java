package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flickr4java.flickr.Flickr;
import com.flickr4java.flickr.FlickrException;
import com.flickr4java.flickr.REST;
import com.flickr4java.flickr.RequestContext;
import com.flickr4java.flickr.auth.Auth;
import com.flickr4java.flickr.auth.Permission;
import com.flickr4java.flickr.people.User;
import com.flickr4java.flickr.photos.Photo;
import com.flickr4java.flickr.photos.PhotoAllContext;
import com.flickr4java.flickr.photos.PhotoList;
import com.flickr4java.flickr.photos.SearchParameters;
import com.flickr4java.flickr.photos.Size;
import com.flickr4java.flickr.photosets.Photoset;
import com.flickr4java.flickr.photosets.Photosets;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** flickr4java 3.0.9, a real third-party client, parses every method the fake serves (XML). */
@Timeout(30)
class Flickr4JavaTest {
  static final String SET_A = "72157600000000001";
  static final String SET_B = "72157600000000002";

  FakeFlickr fake;
  Flickr flickr;

  static FakeAccount account() {
    return FakeAccount.builder()
        .owner("12345678@N00", "alice", "Alice Example")
        .pathAlias("alice")
        .set(SET_A, "Holidays", s -> s.description("Summer"))
        .set(SET_B, "Holidays", s -> s.description("Same title, other set"))
        .photo("1001", p -> p.title("Robot").description("d").tags("Green", "San Francisco").machineTags("geo:lat=1")
            .taken("2011-04-02 18:55:46").uploaded(Instant.parse("2020-01-01T00:00:00Z"))
            .lastUpdate(Instant.parse("2024-01-01T00:00:00Z")).format(MediaFormat.JPEG).bytes(20_000)
            .visibility(true, false, false).license("4").geo(51.5, -0.1, 16).inSets(SET_A, SET_B))
        .photo("1003", p -> p.title("Private").visibility(false, true, false).format(MediaFormat.PNG)
            .uploaded(Instant.parse("2020-02-01T00:00:00Z")).lastUpdate(Instant.parse("2020-02-01T00:00:00Z")).inSets(SET_A))
        .video("1002", v -> v.title("Clip").format(MediaFormat.MOV).bytes(300_000)
            .uploaded(Instant.parse("2020-03-01T00:00:00Z")).lastUpdate(Instant.parse("2023-01-01T00:00:00Z")))
        .favorite("2001", "99999999@N00", f -> f.title("Someone else's").faved(Instant.parse("2022-05-01T00:00:00Z")))
        .build();
  }

  @BeforeEach
  void setUp() {
    fake = FakeFlickr.builder().account(account()).build();
    fake.start();
    REST rest = new REST("127.0.0.1:" + fake.port());
    rest.setScheme("http");
    flickr = new Flickr(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET, rest);
    TestToken t = fake.issueAccessToken();
    Auth auth = new Auth();
    auth.setToken(t.token());
    auth.setTokenSecret(t.secret());
    auth.setPermission(Permission.READ);
    RequestContext.getRequestContext().setAuth(auth);
  }

  @AfterEach
  void tearDown() {
    RequestContext.getRequestContext().setAuth(null);
    fake.close();
  }

  @Test
  void testLoginNamesTheOwner() throws FlickrException {
    User user = flickr.getTestInterface().login();
    assertThat(user.getId()).isEqualTo("12345678@N00");
    assertThat(user.getUsername()).isEqualTo("alice");
  }

  @Test
  void getInfoGivesMetadataTagsAndDates() throws FlickrException {
    Photo p = flickr.getPhotosInterface().getInfo("1001", null);
    assertThat(p.getTitle()).isEqualTo("Robot");
    assertThat(p.getDescription()).isEqualTo("d");
    assertThat(p.getOriginalSecret()).isEqualTo(fake.account().item("1001").originalSecret());
    assertThat(p.getOriginalFormat()).isEqualTo("jpg");
    assertThat(p.getLastUpdate()).isEqualTo(Date.from(Instant.parse("2024-01-01T00:00:00Z")));
    assertThat(p.getDatePosted()).isEqualTo(Date.from(Instant.parse("2020-01-01T00:00:00Z")));
    assertThat(p.getTags()).extracting(t -> t.getRaw()).containsExactly("Green", "San Francisco", "geo:lat=1");
    assertThat(p.getTags()).extracting(t -> t.getValue()).contains("sanfrancisco");
    assertThat(p.getOwner().getId()).isEqualTo("12345678@N00");
    assertThat(p.getLicense()).isEqualTo("4");
    assertThat(p.isPublicFlag()).isTrue();
    assertThat(p.getMedia()).isEqualTo("photo");
  }

  @Test
  void getInfoOfAMissingPhotoIsError1() {
    assertThatThrownBy(() -> flickr.getPhotosInterface().getInfo("999", null))
        .isInstanceOf(FlickrException.class)
        .satisfies(e -> assertThat(((FlickrException) e).getErrorCode()).isEqualTo("1"))
        .hasMessageContaining("Photo not found");
  }

  @Test
  void getSizesOfAPhotoEndsWithTheOriginalOnThisServer() throws FlickrException {
    Collection<Size> sizes = flickr.getPhotosInterface().getSizes("1001");
    assertThat(sizes).extracting(Size::getLabelName).contains("Square", "Medium", "Large", "Original");
    Size original = sizes.stream().filter(s -> s.getLabelName().equals("Original")).findFirst().orElseThrow();
    assertThat(original.getSource()).isEqualTo(fake.account().item("1001").mediaUrl(fake.baseUrl()).toString());
    assertThat(original.getWidth()).isEqualTo(1600);
  }

  @Test
  void getSizesOfAVideoHasThePosterAsOriginalAndVideoOriginalForTheOwner() throws FlickrException {
    Collection<Size> sizes = flickr.getPhotosInterface().getSizes("1002", true);
    assertThat(sizes).extracting(Size::getLabelName).contains("Original", "Site MP4", "Video Original");
    Size orig = sizes.stream().filter(s -> s.getLabelName().equals("Video Original")).findFirst().orElseThrow();
    assertThat(orig.getSource()).isEqualTo(fake.account().item("1002").mediaUrl(fake.baseUrl()).toString());
    Size poster = sizes.stream().filter(s -> s.getLabelName().equals("Original")).findFirst().orElseThrow();
    assertThat(poster.getSource()).endsWith("_o.jpg");
  }

  @Test
  void recentlyUpdatedListsNewestFirstSinceMinDate() throws FlickrException {
    PhotoList<Photo> list = flickr.getPhotosInterface().recentlyUpdated(Date.from(Instant.parse("2021-01-01T00:00:00Z")),
        Set.of("last_update", "original_format", "date_taken", "url_o", "media"), 100, 1);
    assertThat(list).extracting(Photo::getId).containsExactly("1001", "1002");
    assertThat(list.getTotal()).isEqualTo(2);
    assertThat(list.get(0).getOriginalSecret()).isEqualTo(fake.account().item("1001").originalSecret());
    assertThat(list.get(1).getMedia()).isEqualTo("video");
  }

  @Test
  void peopleGetPhotosPagesThroughTheAccount() throws FlickrException {
    PhotoList<Photo> page1 = flickr.getPeopleInterface().getPhotos("me", null, null, null, null, null, null, null,
        Set.of("description", "tags", "machine_tags", "geo", "o_dims", "views", "path_alias", "owner_name", "license"), 2, 1);
    assertThat(page1.getPages()).isEqualTo(2);
    assertThat(page1.getTotal()).isEqualTo(3);
    assertThat(page1).extracting(Photo::getId).containsExactly("1002", "1003");
    PhotoList<Photo> page2 = flickr.getPeopleInterface().getPhotos("me", null, null, null, null, null, null, null, Set.of(), 2, 2);
    assertThat(page2).extracting(Photo::getId).containsExactly("1001");
    PhotoList<Photo> pastTheEnd = flickr.getPeopleInterface().getPhotos("me", null, null, null, null, null, null, null, Set.of(), 2, 9);
    assertThat(pastTheEnd.getPage()).isEqualTo(2);
    assertThat(pastTheEnd).extracting(Photo::getId).containsExactly("1001");
  }

  @Test
  void searchFindsTheOwnersPhotos() throws FlickrException {
    SearchParameters params = new SearchParameters();
    params.setUserId("me");
    PhotoList<Photo> list = flickr.getPhotosInterface().search(params, 10, 1);
    assertThat(list).extracting(Photo::getId).containsExactlyInAnyOrder("1001", "1002", "1003");
  }

  @Test
  void getAllContextsListsTheSetsOfAPhoto() throws FlickrException {
    PhotoAllContext ctx = flickr.getPhotosInterface().getAllContexts("1001");
    assertThat(ctx.getPhotoSetList()).extracting(s -> s.getId()).containsExactly(SET_A, SET_B);
    assertThat(ctx.getPhotoSetList()).extracting(s -> s.getTitle()).containsExactly("Holidays", "Holidays");
  }

  @Test
  void photosetsGetListKeepsDuplicateTitles() throws FlickrException {
    Photosets sets = flickr.getPhotosetsInterface().getList("12345678@N00");
    assertThat(sets.getPhotosets()).extracting(Photoset::getId).containsExactly(SET_A, SET_B);
    assertThat(sets.getPhotosets()).extracting(Photoset::getTitle).containsOnly("Holidays");
    Photoset a = sets.getPhotosets().iterator().next();
    assertThat(a.getPhotoCount()).isEqualTo(2);
    assertThat(a.getPrimaryPhoto().getId()).isEqualTo("1001");
  }

  @Test
  void photosetsGetPhotosListsTheMembersInOrder() throws FlickrException {
    PhotoList<Photo> list = flickr.getPhotosetsInterface().getPhotos(SET_A, Set.of("original_format", "url_o"), 0, 500, 1);
    assertThat(list).extracting(Photo::getId).containsExactly("1001", "1003");
    assertThat(list.get(0).getOriginalFormat()).isEqualTo("jpg");
    assertThat(list.get(1).getOriginalFormat()).isEqualTo("png");
  }

  @Test
  void favoritesGetListGivesOtherOwnersItems() throws FlickrException {
    PhotoList<Photo> favs = flickr.getFavoritesInterface().getList(null, 100, 1, Set.of("owner_name", "original_format"));
    assertThat(favs).extracting(Photo::getId).containsExactly("2001");
    assertThat(favs.get(0).getOwner().getId()).isEqualTo("99999999@N00");
  }

  @Test
  void photosetsGetInfoGivesCountsAndDates() throws FlickrException {
    Photoset set = flickr.getPhotosetsInterface().getInfo(SET_A);
    assertThat(set.getTitle()).isEqualTo("Holidays");
    assertThat(set.getDescription()).isEqualTo("Summer");
    assertThat(set.getPhotoCount()).isEqualTo(2);
    assertThat(set.getPrimaryPhoto().getId()).isEqualTo("1001");
  }

  @Test
  void peopleGetInfoGivesTheOwnerAndPhotoCount() throws FlickrException {
    User u = flickr.getPeopleInterface().getInfo("12345678@N00");
    assertThat(u.getUsername()).isEqualTo("alice");
    assertThat(u.getRealName()).isEqualTo("Alice Example");
    assertThat(u.getPhotosCount()).isEqualTo(3);
  }

  @Test
  void revokedTokenGetsError98() {
    RequestContext ctx = RequestContext.getRequestContext();
    fake.revokeToken(ctx.getAuth().getToken());
    assertThatThrownBy(() -> flickr.getTestInterface().login())
        .isInstanceOf(FlickrException.class)
        .satisfies(e -> assertThat(((FlickrException) e).getErrorCode()).isEqualTo("98"));
  }

  @Test
  void countsCallsPerMethod() throws FlickrException {
    flickr.getTestInterface().login();
    flickr.getPhotosInterface().getInfo("1001", null);
    flickr.getPhotosInterface().getInfo("1002", null);
    assertThat(fake.stats().apiCalls("flickr.photos.getInfo")).isEqualTo(2);
    assertThat(fake.stats().apiCalls()).isEqualTo(3);
    assertThat(fake.stats().apiCallsByMethod()).containsEntry("flickr.test.login", 1L);
    assertThat(List.copyOf(fake.requests())).hasSize(3);
  }
}
