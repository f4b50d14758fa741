package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** format=json: the JSONP wrapper, {@code _content}, mixed types and the error envelope, read with Jackson. */
@Timeout(30)
class JsonShapesTest {
  final ObjectMapper mapper = new ObjectMapper();
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
    String[] all = new String[params.length + 4];
    System.arraycopy(params, 0, all, 0, params.length);
    all[params.length] = "format";
    all[params.length + 1] = "json";
    all[params.length + 2] = "nojsoncallback";
    all[params.length + 3] = "1";
    return mapper.readTree(api.body(method, all));
  }

  @Test
  void wrapsJsonInJsonFlickrApiUnlessNoJsonCallback() throws IOException {
    try (Response r = api.get("flickr.test.login", "format", "json")) {
      String body = r.getBody();
      assertThat(body).startsWith("jsonFlickrApi({").endsWith("})");
      assertThat(r.getHeader("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
      JsonNode n = mapper.readTree(body.substring("jsonFlickrApi(".length(), body.length() - 1));
      assertThat(n.at("/user/username/_content").asText()).isEqualTo("alice");
      assertThat(n.at("/stat").asText()).isEqualTo("ok");
    }
  }

  @Test
  void escapesSlashesAsFlickrDoes() throws IOException {
    String body = api.body("flickr.photos.getSizes", "photo_id", "1001", "format", "json", "nojsoncallback", "1");
    assertThat(body).contains("http:\\/\\/127.0.0.1");
  }

  @Test
  void listingMixesNumbersAndStrings() throws IOException {
    JsonNode n = json("flickr.people.getPhotos", "user_id", "me", "extras", "description,date_upload,last_update,url_o,o_dims");
    JsonNode photos = n.get("photos");
    assertThat(photos.get("page").isNumber()).isTrue();
    assertThat(photos.get("total").isTextual()).isTrue();
    JsonNode p = photos.get("photo").get(2);
    assertThat(p.get("id").asText()).isEqualTo("1001");
    assertThat(p.get("farm").isNumber()).isTrue();
    assertThat(p.get("ispublic").isNumber()).isTrue();
    assertThat(p.get("lastupdate").isTextual()).isTrue();
    assertThat(p.at("/description/_content").asText()).isEqualTo("d");
    assertThat(p.get("height_o").isNumber()).isTrue();
    assertThat(p.get("width_o").isTextual()).isTrue();
    assertThat(p.get("url_o").asText()).endsWith("_o.jpg");
  }

  @Test
  void getInfoUsesContentForTextAndTagArrays() throws IOException {
    JsonNode p = json("flickr.photos.getInfo", "photo_id", "1001").get("photo");
    assertThat(p.at("/title/_content").asText()).isEqualTo("Robot");
    assertThat(p.at("/dates/lastupdate").asText()).isEqualTo("1704067200");
    JsonNode tag = p.at("/tags/tag/1");
    assertThat(tag.get("raw").asText()).isEqualTo("San Francisco");
    assertThat(tag.get("_content").asText()).isEqualTo("sanfrancisco");
    assertThat(tag.get("machine_tag").isNumber()).isTrue();
    assertThat(p.at("/urls/url/0/type").asText()).isEqualTo("photopage");
  }

  @Test
  void getSizesHasEmptyVideoWidthsAndNumericSquare() throws IOException {
    JsonNode sizes = json("flickr.photos.getSizes", "photo_id", "1002").at("/sizes/size");
    assertThat(sizes.get(0).get("label").asText()).isEqualTo("Square");
    assertThat(sizes.get(0).get("width").isNumber()).isTrue();
    JsonNode appletv = null;
    for (JsonNode s : sizes) if (s.get("label").asText().equals("appletv")) appletv = s;
    assertThat(appletv).isNotNull();
    assertThat(appletv.get("width").asText()).isEmpty();
  }

  @Test
  void photosetsGetPhotosPutsPagingAfterThePhotoArray() throws IOException {
    JsonNode set = json("flickr.photosets.getPhotos", "photoset_id", Flickr4JavaTest.SET_A).get("photoset");
    java.util.List<String> names = new java.util.ArrayList<>();
    set.fieldNames().forEachRemaining(names::add);
    assertThat(names.indexOf("photo")).isLessThan(names.indexOf("page"));
    assertThat(set.get("per_page").isTextual()).isTrue();
    assertThat(set.get("perpage").isNumber()).isTrue();
    assertThat(set.get("photo")).hasSize(2);
  }

  @Test
  void photosetsGetListHasContentTitlesAndStringDates() throws IOException {
    JsonNode sets = json("flickr.photosets.getList").at("/photosets/photoset");
    assertThat(sets).hasSize(2);
    assertThat(sets.get(0).at("/title/_content").asText()).isEqualTo("Holidays");
    assertThat(sets.get(0).get("date_update").isTextual()).isTrue();
  }

  @Test
  void getAllContextsGivesASetArray() throws IOException {
    JsonNode n = json("flickr.photos.getAllContexts", "photo_id", "1001");
    assertThat(n.get("set")).hasSize(2);
    assertThat(n.at("/set/0/count_photo").isNumber()).isTrue();
  }

  @Test
  void favoritesCarryDateFaved() throws IOException {
    JsonNode p = json("flickr.favorites.getList").at("/photos/photo/0");
    assertThat(p.get("owner").asText()).isEqualTo("99999999@N00");
    assertThat(p.get("date_faved").asText()).isEqualTo("1651363200");
  }

  @Test
  void errorsUseTheFailEnvelopeWithHttp200() throws IOException {
    try (Response r = api.get("flickr.fakeMethod", "format", "json", "nojsoncallback", "1")) {
      assertThat(r.getCode()).isEqualTo(200);
      JsonNode n = mapper.readTree(r.getBody());
      assertThat(n.get("stat").asText()).isEqualTo("fail");
      assertThat(n.get("code").asInt()).isEqualTo(112);
      assertThat(n.get("message").asText()).isEqualTo("Method \"flickr.fakeMethod\" not found");
    }
    String xml = api.body("flickr.fakeMethod");
    assertThat(xml).contains("<rsp stat=\"fail\">", "<err code=\"112\" msg=\"Method &quot;flickr.fakeMethod&quot; not found\" />");
  }

  @Test
  void missingArgumentsAreError1() throws IOException {
    assertThat(json("flickr.photos.recentlyUpdated").get("code").asInt()).isEqualTo(1);
    assertThat(json("flickr.photosets.getPhotos").get("code").asInt()).isEqualTo(1);
    assertThat(json("flickr.photos.recentlyUpdated", "min_date", "not a date").get("code").asInt()).isEqualTo(2);
  }

  @Test
  void postWorksLikeGet() throws IOException {
    try (Response r = api.call(Verb.POST, "flickr.test.login", "format", "json", "nojsoncallback", "1")) {
      assertThat(mapper.readTree(r.getBody()).at("/user/id").asText()).isEqualTo("12345678@N00");
    }
  }
}
