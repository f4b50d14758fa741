package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flickr4java.flickr.Flickr;
import com.flickr4java.flickr.REST;
import com.flickr4java.flickr.RequestContext;
import com.flickr4java.flickr.auth.Auth;
import com.flickr4java.flickr.auth.Permission;
import com.flickr4java.flickr.photosets.Photoset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Flickr's quirks that clients must survive, reproduced on purpose. */
@Timeout(30)
class RestQuirksTest {
  final ObjectMapper mapper = new ObjectMapper();

  JsonNode json(Signed api, String method, String... params) throws IOException {
    List<String> all = new ArrayList<>(List.of(params));
    all.addAll(List.of("format", "json", "nojsoncallback", "1"));
    return mapper.readTree(api.body(method, all.toArray(String[]::new)));
  }

  @Test
  void searchStopsAtTheCapAndLaterPagesRepeat() throws IOException {
    try (FakeFlickr fake = FakeFlickr.builder().account(FakeAccount.generate(AccountSpec.seed(3).photos(30).sets(0)))
        .searchCap(10).build()) {
      fake.start();
      Signed api = new Signed(fake, fake.issueAccessToken());
      Set<String> seen = new HashSet<>();
      JsonNode last = null;
      for (int page = 1; page <= 6; page++) {
        last = json(api, "flickr.photos.search", "user_id", "me", "per_page", "5", "page", Integer.toString(page));
        last.at("/photos/photo").forEach(p -> seen.add(p.get("id").asText()));
      }
      assertThat(last.at("/photos/total").asText()).isEqualTo("30");
      assertThat(last.at("/photos/pages").asInt()).isEqualTo(6);
      assertThat(seen).hasSize(10);
    }
  }

  @Test
  void anonymousCallersSeeNeitherPrivatePhotosNorVideoOriginal() throws IOException {
    try (FakeFlickr fake = FakeFlickr.builder().account(Flickr4JavaTest.account()).build()) {
      fake.start();
      Signed anonymous = new Signed(fake, null);
      assertThat(json(anonymous, "flickr.photos.getInfo", "photo_id", "1003").get("code").asInt()).isEqualTo(1);
      List<String> labels = new ArrayList<>();
      json(anonymous, "flickr.photos.getSizes", "photo_id", "1002").at("/sizes/size").forEach(s -> labels.add(s.get("label").asText()));
      assertThat(labels).contains("Original", "Site MP4").doesNotContain("Video Original");
      assertThat(json(anonymous, "flickr.test.login").get("code").asInt()).isEqualTo(99);
      JsonNode set = json(anonymous, "flickr.photosets.getPhotos", "photoset_id", Flickr4JavaTest.SET_A);
      assertThat(set.at("/photoset/photo")).hasSize(1);
    }
  }

  @Test
  void unsignedCallsWithAnUnknownApiKeyAreError100() throws IOException {
    try (FakeFlickr fake = FakeFlickr.builder().build()) {
      fake.start();
      String url = fake.restUrl() + "?method=flickr.photos.getSizes&photo_id=1&api_key=nope&format=json&nojsoncallback=1";
      try (Response r = new OkHttpClient().newCall(new Request.Builder().url(url).build()).execute()) {
        assertThat(mapper.readTree(r.body().string()).get("code").asInt()).isEqualTo(100);
      }
    }
  }

  @Test
  void hostileTitlesStayWellFormedXmlForFlickr4JavaAndExactInJson() throws Exception {
    try (FakeFlickr fake = FakeFlickr.builder().account(FakeAccount.generate(AccountGeneratorTest.SPEC)).build()) {
      fake.start();
      TestToken t = fake.issueAccessToken();
      REST rest = new REST("127.0.0.1:" + fake.port());
      rest.setScheme("http");
      Flickr flickr = new Flickr(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET, rest);
      Auth auth = new Auth();
      auth.setToken(t.token());
      auth.setTokenSecret(t.secret());
      auth.setPermission(Permission.READ);
      RequestContext.getRequestContext().setAuth(auth);
      try {
        List<String> titles = flickr.getPhotosetsInterface().getList("12345678@N00").getPhotosets().stream()
            .map(Photoset::getTitle).toList();
        assertThat(titles).contains("..", "../../x", "a/b", "nulin\ntitle");
      } finally {
        RequestContext.getRequestContext().setAuth(null);
      }
      JsonNode sets = json(new Signed(fake, t), "flickr.photosets.getList").at("/photosets/photoset");
      List<String> jsonTitles = new ArrayList<>();
      sets.forEach(s -> jsonTitles.add(s.at("/title/_content").asText()));
      assertThat(jsonTitles).contains("nul\u0000in\ntitle", "caf\u00e9", "cafe\u0301");
    }
  }

  @Test
  void recentlyUpdatedIsNewestFirstAndPagingPastTheEndRepeatsTheLastPage() throws IOException {
    try (FakeFlickr fake = FakeFlickr.builder().account(FakeAccount.generate(AccountSpec.seed(5).photos(25))).build()) {
      fake.start();
      Signed api = new Signed(fake, fake.issueAccessToken());
      JsonNode page = json(api, "flickr.photos.recentlyUpdated", "min_date", "0", "extras", "last_update", "per_page", "10", "page", "99");
      assertThat(page.at("/photos/page").asInt()).isEqualTo(3);
      assertThat(page.at("/photos/photo")).hasSize(5);
      JsonNode first = json(api, "flickr.photos.recentlyUpdated", "min_date", "0", "extras", "last_update", "per_page", "500");
      long previous = Long.MAX_VALUE;
      for (JsonNode p : first.at("/photos/photo")) {
        long lu = p.get("lastupdate").asLong();
        assertThat(lu).isLessThanOrEqualTo(previous);
        previous = lu;
      }
      JsonNode capped = json(api, "flickr.people.getPhotos", "user_id", "me", "per_page", "5000");
      assertThat(capped.at("/photos/perpage").asInt()).isEqualTo(500);
    }
  }
}
