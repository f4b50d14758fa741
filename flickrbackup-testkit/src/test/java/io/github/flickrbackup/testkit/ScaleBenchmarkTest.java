package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Measures (and prints; no timing assertions) how fast a 20,000-item account is generated and
 * started, and how fast 500-item pages with extras are served, so a client benchmark is not
 * measuring the fake. Signing happens before the clock starts; OkHttp keeps the connection.
 */
@Timeout(120)
class ScaleBenchmarkTest {
  static final String EXTRAS = "description,license,date_upload,date_taken,owner_name,icon_server,original_format,"
      + "last_update,geo,tags,machine_tags,o_dims,views,media,path_alias,url_sq,url_t,url_s,url_m,url_o";

  @Test
  void servesA20000ItemAccountQuickly() throws IOException {
    long t0 = System.nanoTime();
    FakeAccount account = FakeAccount.generate(AccountSpec.seed(7).photos(20_000).sets(200).favorites(500).hostile(true));
    long t1 = System.nanoTime();
    try (FakeFlickr fake = FakeFlickr.builder().account(account).hourlyBudget(0).build()) {
      fake.start();
      long t2 = System.nanoTime();
      Signed signer = new Signed(fake, fake.issueAccessToken());
      OkHttpClient http = new OkHttpClient();
      Set<String> seen = new HashSet<>();
      long firstPage = 0;
      long xmlTotal = 0;
      long jsonTotal = 0;
      // Three rounds over the 40 pages; the figures are those of the last (warm) round.
      for (int round = 0; round < 3; round++) {
        xmlTotal = 0;
        jsonTotal = 0;
        for (int page = 1; page <= 40; page++) {
          Request url = signedUrl(fake, signer, "rest", page);
          long s = System.nanoTime();
          String body = fetch(http, url);
          long e = System.nanoTime();
          if (round == 0 && page == 1) firstPage = e - s;
          xmlTotal += e - s;
          if (round == 0) {
            Matcher m = Pattern.compile("<photo id=\"(\\d+)\"").matcher(body);
            while (m.find()) seen.add(m.group(1));
          }
        }
        for (int page = 1; page <= 40; page++) {
          Request url = signedUrl(fake, signer, "json", page);
          long s = System.nanoTime();
          fetch(http, url);
          jsonTotal += System.nanoTime() - s;
        }
      }
      // Server-side rendering alone (no socket), warmed up.
      RestApi.Caller owner = new RestApi.Caller(true, "t", null);
      long render = 0;
      for (int round = 0; round < 3; round++) {
        render = 0;
        for (int page = 1; page <= 40; page++) {
          Params p = Params.forTest("method", "flickr.people.getPhotos", "user_id", "me", "per_page", "500",
              "page", Integer.toString(page), "extras", EXTRAS);
          okio.Buffer buf = new okio.Buffer();
          long s = System.nanoTime();
          try {
            fake.restApi().call("flickr.people.getPhotos", p, fake.account().state(), owner, Out.xml(buf.outputStream()));
          } catch (RestApi.RestError e) {
            throw new AssertionError(e);
          }
          render += System.nanoTime() - s;
        }
      }
      System.out.printf("BENCH server-side XML render of a 500-item page with extras (warm): mean %.2f ms%n", render / 40 / 1e6);
      assertThat(seen).hasSize(20_000);
      System.out.printf("BENCH generate 20,000 items (hostile, 200 sets, 500 favs): %d ms%n", (t1 - t0) / 1_000_000);
      System.out.printf("BENCH start server: %d ms%n", (t2 - t1) / 1_000_000);
      System.out.printf("BENCH first 500-item page with 20 extras (builds the index): %.2f ms%n", firstPage / 1e6);
      System.out.printf("BENCH 40 XML pages of 500 with extras, over HTTP (warm): mean %.2f ms per page%n", xmlTotal / 40 / 1e6);
      System.out.printf("BENCH 40 JSON pages of 500 with extras, over HTTP (warm): mean %.2f ms per page%n", jsonTotal / 40 / 1e6);
      System.out.printf("BENCH full listing of 20,000 items: %d distinct ids%n", seen.size());
    }
  }

  private static Request signedUrl(FakeFlickr fake, Signed signer, String format, int page) {
    OAuthRequest r = new OAuthRequest(Verb.GET, fake.restUrl().toString());
    r.addQuerystringParameter("method", "flickr.people.getPhotos");
    r.addQuerystringParameter("user_id", "me");
    r.addQuerystringParameter("per_page", "500");
    r.addQuerystringParameter("page", Integer.toString(page));
    r.addQuerystringParameter("extras", EXTRAS);
    r.addQuerystringParameter("format", format);
    r.addQuerystringParameter("nojsoncallback", "1");
    signer.service().signRequest(signer.accessToken(), r);
    Request.Builder b = new Request.Builder().url(r.getCompleteUrl());
    r.getHeaders().forEach(b::header);
    return b.build();
  }

  private static String fetch(OkHttpClient http, Request request) throws IOException {
    try (Response r = http.newCall(request).execute()) {
      assertThat(r.code()).isEqualTo(200);
      return r.body().string();
    }
  }
}
