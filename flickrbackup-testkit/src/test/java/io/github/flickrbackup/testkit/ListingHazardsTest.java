package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a listing client must survive: tag forms, hostile attribute values, an account changing between pages. */
@Timeout(30)
class ListingHazardsTest {
  final ObjectMapper mapper = new ObjectMapper();
  FakeFlickr fake;
  Signed api;

  void start(FakeAccount account) {
    fake = FakeFlickr.builder().account(account).build();
    fake.start();
    api = new Signed(fake, fake.issueAccessToken());
  }

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  JsonNode json(String method, String... params) throws IOException {
    List<String> all = new ArrayList<>(List.of(params));
    all.addAll(List.of("format", "json", "nojsoncallback", "1"));
    return mapper.readTree(api.body(method, all.toArray(String[]::new)));
  }

  static List<String> ids(JsonNode photos) {
    List<String> ids = new ArrayList<>();
    photos.forEach(p -> ids.add(p.get("id").asText()));
    return ids;
  }

  @Test
  void tagsExtraHoldsEveryTagNormalisedMachineTagsIncludedAsGetInfoTextsDo() throws IOException {
    start(FakeAccount.builder()
        .photo("1001", p -> p.tags("Green", "San Francisco").machineTags("lens:type=17-55mm F/2.8", "geo:lat=1"))
        .build());
    JsonNode listed = json("flickr.people.getPhotos", "user_id", "me", "extras", "tags,machine_tags").at("/photos/photo/0");
    assertThat(listed.get("tags").asText()).isEqualTo("green sanfrancisco lens:type=1755mmf28 geo:lat=1");
    assertThat(listed.get("machine_tags").asText()).isEqualTo("lens:type=17-55mm F/2.8 geo:lat=1");

    List<String> texts = new ArrayList<>();
    List<String> raws = new ArrayList<>();
    json("flickr.photos.getInfo", "photo_id", "1001").at("/photo/tags/tag").forEach(t -> {
      texts.add(t.get("_content").asText());
      raws.add(t.get("raw").asText());
    });
    assertThat(String.join(" ", texts)).isEqualTo(listed.get("tags").asText());
    assertThat(raws).containsExactly("Green", "San Francisco", "lens:type=17-55mm F/2.8", "geo:lat=1");
  }

  @Test
  void getInfoCarriesTheLocationsPermissionsLikeTheListingsGeoExtra() throws IOException {
    start(FakeAccount.builder().photo("1001", p -> p.geo(51.5, -0.1, 16)).photo("1002", p -> p.noGeo()).build());
    JsonNode info = json("flickr.photos.getInfo", "photo_id", "1001").at("/photo");
    JsonNode listed = json("flickr.people.getPhotos", "user_id", "me", "extras", "geo").at("/photos/photo");
    JsonNode withGeo = listed.get(0).get("id").asText().equals("1001") ? listed.get(0) : listed.get(1);
    assertThat(info.at("/geoperms/ispublic").asText()).isEqualTo(withGeo.get("geo_is_public").asText());
    assertThat(info.at("/geoperms/isfriend").asText()).isEqualTo(withGeo.get("geo_is_friend").asText());
    assertThat(info.at("/geoperms/isfamily").asText()).isEqualTo(withGeo.get("geo_is_family").asText());
    assertThat(info.at("/geoperms/iscontact").asText()).isEqualTo(withGeo.get("geo_is_contact").asText());
    assertThat(json("flickr.photos.getInfo", "photo_id", "1002").at("/photo").has("geoperms")).isFalse();
  }

  @Test
  void rawAttributesAreServedInListingsAndGetInfoWhileTheFakeKeepsTheRealValues() throws IOException {
    start(FakeAccount.builder()
        .set("72157600000000001", "A")
        .photo("1001", p -> p.rawAttribute("lastupdate", "soon").inSets("72157600000000001"))
        .photo("1002", p -> p.rawAttribute("id", "../1").inSets("72157600000000001"))
        .build());
    JsonNode page = json("flickr.people.getPhotos", "user_id", "me", "extras", "last_update");
    assertThat(ids(page.at("/photos/photo"))).containsExactly("../1", "1001");
    assertThat(page.at("/photos/photo/1/lastupdate").asText()).isEqualTo("soon");
    assertThat(page.at("/photos/photo/0/lastupdate").asText())
        .isEqualTo(Long.toString(fake.account().item("1002").lastUpdate().getEpochSecond()));
    assertThat(ids(json("flickr.photosets.getPhotos", "photoset_id", "72157600000000001").at("/photoset/photo")))
        .containsExactly("1001", "../1");

    assertThat(json("flickr.photos.getInfo", "photo_id", "1001").at("/photo/dates/lastupdate").asText()).isEqualTo("soon");
    assertThat(json("flickr.photos.getInfo", "photo_id", "1002").at("/photo/id").asText()).isEqualTo("../1");
    // Only the answers lie: the account keeps the real id.
    assertThat(fake.account().item("1002").id()).isEqualTo("1002");
    assertThatThrownBy(() -> FakeAccount.builder().photo("1", p -> p.rawAttribute("Bad Name", "x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aChangeAfterACallIsSeenFromTheNextCallOn() throws IOException {
    start(FakeAccount.generate(AccountSpec.seed(11).photos(10).sets(0)));
    // people.getPhotos is newest first: the newest item is first on page 1.
    List<String> before = ids(json("flickr.people.getPhotos", "user_id", "me", "per_page", "10").at("/photos/photo"));
    String deleted = before.get(0);
    fake.afterCall("flickr.people.getPhotos", 1, account -> account.delete(deleted));

    JsonNode page1 = json("flickr.people.getPhotos", "user_id", "me", "per_page", "4", "page", "1");
    JsonNode page2 = json("flickr.people.getPhotos", "user_id", "me", "per_page", "4", "page", "2");

    assertThat(page1.at("/photos/total").asText()).isEqualTo("10");
    assertThat(ids(page1.at("/photos/photo"))).containsExactlyElementsOf(before.subList(0, 4));
    // The deletion moved every later item up by one: page 2 starts one item later, so before.get(4) is on no page read.
    assertThat(page2.at("/photos/total").asText()).isEqualTo("9");
    assertThat(ids(page2.at("/photos/photo"))).containsExactlyElementsOf(before.subList(5, 9));
    assertThat(fake.account().findItem(deleted)).isEmpty();
    // It ran once.
    json("flickr.people.getPhotos", "user_id", "me");
    assertThat(fake.account().items()).hasSize(9);
  }
}
