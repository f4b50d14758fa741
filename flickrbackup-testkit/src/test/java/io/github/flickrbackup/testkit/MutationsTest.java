package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each mutation changes what the REST API serves from the next request on. */
@Timeout(30)
class MutationsTest {
  static final String SET_A = Flickr4JavaTest.SET_A;
  static final String SET_B = Flickr4JavaTest.SET_B;
  final ObjectMapper mapper = new ObjectMapper();
  final OkHttpClient http = new OkHttpClient();
  FakeFlickr fake;
  Signed api;

  @BeforeEach
  void setUp() {
    fake = FakeFlickr.builder().account(Flickr4JavaTest.account()).build();
    fake.start();
    api = new Signed(fake, fake.issueAccessToken());
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  JsonNode json(String method, String... params) throws IOException {
    List<String> all = new ArrayList<>(List.of(params));
    all.addAll(List.of("format", "json", "nojsoncallback", "1"));
    return mapper.readTree(api.body(method, all.toArray(String[]::new)));
  }

  List<String> ids(JsonNode photos) {
    List<String> ids = new ArrayList<>();
    photos.forEach(p -> ids.add(p.get("id").asText()));
    return ids;
  }

  @Test
  void editMetadataChangesTheTitleAndMovesTheItemToTheTopOfRecentlyUpdated() throws IOException {
    Instant before = fake.account().item("1003").lastUpdate();
    fake.account().editMetadata("1003", e -> e.title("new title"));
    FakeItem after = fake.account().item("1003");
    assertThat(after.lastUpdate()).isAfter(before);
    assertThat(json("flickr.photos.getInfo", "photo_id", "1003").at("/photo/title/_content").asText()).isEqualTo("new title");
    JsonNode recent = json("flickr.photos.recentlyUpdated", "min_date", "1", "extras", "last_update");
    assertThat(ids(recent.at("/photos/photo")).get(0)).isEqualTo("1003");
    assertThat(recent.at("/photos/photo/0/lastupdate").asText()).isEqualTo(Long.toString(after.lastUpdate().getEpochSecond()));
  }

  @Test
  void replaceMediaChangesSecretsBytesAndLastUpdate() throws IOException {
    FakeItem old = fake.account().item("1001");
    FakeItem replaced = fake.account().replaceMedia("1001");
    assertThat(replaced.originalSecret()).isNotEqualTo(old.originalSecret());
    assertThat(replaced.secret()).isNotEqualTo(old.secret());
    assertThat(replaced.sha256()).isNotEqualTo(old.sha256());
    assertThat(replaced.bytes()).isEqualTo(old.bytes());
    assertThat(replaced.lastUpdate()).isAfter(old.lastUpdate());
    assertThat(json("flickr.photos.getInfo", "photo_id", "1001").at("/photo/originalsecret").asText()).isEqualTo(replaced.originalSecret());
    try (Response r = http.newCall(new Request.Builder().url(old.mediaUrl(fake.baseUrl()).toString()).build()).execute()) {
      assertThat(r.code()).isEqualTo(404);
    }
    try (Response r = http.newCall(new Request.Builder().url(replaced.mediaUrl(fake.baseUrl()).toString()).build()).execute()) {
      assertThat(r.body().bytes()).isEqualTo(replaced.mediaBytes());
    }
  }

  @Test
  void setVideoOriginalAddsVideoOriginalToGetSizesWithoutMovingLastUpdate() throws IOException {
    FakeItem before = fake.account().setVideoOriginal("1002", false);
    assertThat(sizeLabels("1002")).contains("Site MP4").doesNotContain("Video Original");
    try (Response r = http.newCall(new Request.Builder().url(before.mediaUrl(fake.baseUrl()).toString()).build()).execute()) {
      assertThat(r.code()).isEqualTo(404);
    }
    post("{\"op\":\"videoOriginal\",\"id\":\"1002\",\"offered\":true}", 200);
    FakeItem after = fake.account().item("1002");
    assertThat(after.hasVideoOriginal()).isTrue();
    assertThat(after.lastUpdate()).isEqualTo(before.lastUpdate());
    assertThat(sizeLabels("1002")).contains("Video Original");
    OkHttpClient noRedirects = http.newBuilder().followRedirects(false).build();
    try (Response r = noRedirects.newCall(new Request.Builder().url(after.mediaUrl(fake.baseUrl()).toString()).build()).execute()) {
      assertThat(r.code()).isEqualTo(302);
    }
    assertThatThrownBy(() -> fake.account().setVideoOriginal("1001", true)).hasMessageContaining("photo");
  }

  private List<String> sizeLabels(String id) throws IOException {
    List<String> labels = new ArrayList<>();
    json("flickr.photos.getSizes", "photo_id", id).at("/sizes/size").forEach(n -> labels.add(n.get("label").asText()));
    return labels;
  }

  @Test
  void addedPhotoAppearsInListingsAndSets() throws IOException {
    fake.account().addPhoto("1009", p -> p.title("added").inSets(SET_B));
    assertThat(ids(json("flickr.people.getPhotos", "user_id", "me").at("/photos/photo")).get(0)).isEqualTo("1009");
    assertThat(ids(json("flickr.photosets.getPhotos", "photoset_id", SET_B).at("/photoset/photo"))).containsExactly("1001", "1009");
  }

  @Test
  void deletedPhotoIsGoneAndGetInfoSaysPhotoNotFound() throws IOException {
    fake.account().delete("1003");
    assertThat(ids(json("flickr.people.getPhotos", "user_id", "me").at("/photos/photo"))).containsExactly("1002", "1001");
    JsonNode err = json("flickr.photos.getInfo", "photo_id", "1003");
    assertThat(err.get("code").asInt()).isEqualTo(1);
    assertThat(err.get("message").asText()).isEqualTo("Photo not found");
    assertThat(ids(json("flickr.photosets.getPhotos", "photoset_id", SET_A).at("/photoset/photo"))).containsExactly("1001");
  }

  @Test
  void moveToSetChangesMembershipAndBothSetsDateUpdate() throws IOException {
    FakeSet a = fake.account().set(SET_A);
    fake.account().moveToSet("1003", SET_A, SET_B);
    assertThat(ids(json("flickr.photosets.getPhotos", "photoset_id", SET_B).at("/photoset/photo"))).containsExactly("1001", "1003");
    assertThat(ids(json("flickr.photosets.getPhotos", "photoset_id", SET_A).at("/photoset/photo"))).containsExactly("1001");
    assertThat(fake.account().set(SET_A).updated()).isAfter(a.updated());
    assertThat(fake.account().item("1003").sets()).containsExactly(SET_B);
    JsonNode sets = json("flickr.photosets.getList").at("/photosets/photoset");
    assertThat(sets.get(0).get("date_update").asLong()).isEqualTo(fake.account().set(SET_A).updated().getEpochSecond());
  }

  @Test
  void renameSetChangesTheTitleAndDateUpdate() throws IOException {
    FakeSet before = fake.account().set(SET_B);
    fake.account().renameSet(SET_B, "Renamed");
    JsonNode sets = json("flickr.photosets.getList").at("/photosets/photoset");
    assertThat(sets.get(1).at("/title/_content").asText()).isEqualTo("Renamed");
    assertThat(sets.get(1).get("date_update").asLong()).isGreaterThan(before.updated().getEpochSecond());
  }

  @Test
  void deleteSetRemovesTheSetButKeepsItsItems() throws IOException {
    List<String> members = fake.account().set(SET_A).itemIds();
    fake.account().deleteSet(SET_A);
    JsonNode sets = json("flickr.photosets.getList").at("/photosets/photoset");
    assertThat(sets).extracting(s -> s.get("id").asText()).doesNotContain(SET_A).contains(SET_B);
    for (String id : members) {
      assertThat(fake.account().item(id).sets()).doesNotContain(SET_A);
    }
    post("{\"op\":\"deleteSet\",\"set\":\"" + SET_B + "\"}", 200);
    assertThat(json("flickr.photosets.getList").at("/photosets/photoset")).isEmpty();
    assertThat(fake.account().items()).isNotEmpty();
  }

  @Test
  void unfaveAndFaveChangeTheFavoritesList() throws IOException {
    fake.account().unfave("2001");
    assertThat(json("flickr.favorites.getList").at("/photos/photo")).isEmpty();
    fake.account().fave("2001");
    JsonNode favs = json("flickr.favorites.getList", "min_fave_date", Long.toString(Instant.now().getEpochSecond() - 60));
    assertThat(ids(favs.at("/photos/photo"))).containsExactly("2001");
  }

  @Test
  void revokedTokenIsError98() throws IOException {
    TestToken t = fake.issueAccessToken();
    Signed other = new Signed(fake, t);
    fake.revokeToken(t.token());
    JsonNode n = mapper.readTree(other.body("flickr.test.login", "format", "json", "nojsoncallback", "1"));
    assertThat(n.get("code").asInt()).isEqualTo(98);
    assertThat(n.get("message").asText()).isEqualTo("Invalid auth token");
  }

  @Test
  void adminMutateEndpointAppliesJsonMutations() throws IOException {
    post("{\"op\":\"edit\",\"id\":\"1001\",\"title\":\"via admin\"}", 200);
    assertThat(fake.account().item("1001").title()).isEqualTo("via admin");
    post("{\"op\":\"renameSet\",\"set\":\"" + SET_A + "\",\"title\":\"T\"}", 200);
    assertThat(fake.account().set(SET_A).title()).isEqualTo("T");
    post("{\"op\":\"delete\",\"id\":\"1003\"}", 200);
    assertThat(fake.account().findItem("1003")).isEmpty();
    post("{\"op\":\"nonsense\"}", 400);
    post("{\"op\":\"delete\",\"id\":\"424242\"}", 400);
  }

  @Test
  void adminAccountEndpointListsItemsWithMediaUrlAndSha256() throws IOException {
    try (Response r = http.newCall(new Request.Builder().url(fake.baseUrl().resolve("__fake/account").toString()).build()).execute()) {
      JsonNode n = mapper.readTree(r.body().string());
      JsonNode first = n.at("/items/0");
      FakeItem item = fake.account().item(first.get("id").asText());
      assertThat(first.get("sha256").asText()).isEqualTo(item.sha256());
      assertThat(first.get("media_url").asText()).isEqualTo(item.mediaUrl(fake.baseUrl()).toString());
      assertThat(n.get("sets")).hasSize(2);
      assertThat(n.get("favorites")).hasSize(1);
    }
    try (Response r = http.newCall(new Request.Builder().url(fake.baseUrl().resolve("__fake/stats").toString()).build()).execute()) {
      assertThat(mapper.readTree(r.body().string()).get("api_calls").asLong()).isEqualTo(fake.stats().apiCalls());
    }
  }

  @Test
  void mutationsValidateTheirArguments() {
    assertThatThrownBy(() -> fake.account().delete("999")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("999");
    assertThatThrownBy(() -> fake.account().moveToSet("1002", SET_A, SET_B)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fake.account().addPhoto("1001", p -> { })).isInstanceOf(IllegalArgumentException.class);
  }

  private void post(String json, int expectedCode) throws IOException {
    Request r = new Request.Builder().url(fake.baseUrl().resolve("__fake/mutate").toString())
        .post(RequestBody.create(json, MediaType.get("application/json"))).build();
    try (Response resp = http.newCall(r).execute()) {
      assertThat(resp.code()).as(resp.body().string()).isEqualTo(expectedCode);
    }
  }
}
