package io.github.flickrbackup.testkit;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import java.io.IOException;
import java.util.concurrent.ExecutionException;

/** REST calls signed by scribejava (a third-party RFC 5849 signer), for raw-response tests. */
final class Signed {
  /** scribejava's API description pointed at a fake. */
  static final class FakeFlickrApi extends DefaultApi10a {
    private final String base;

    FakeFlickrApi(FakeFlickr fake) {
      this.base = fake.baseUrl().toString();
    }

    @Override public String getRequestTokenEndpoint() { return base + "services/oauth/request_token"; }
    @Override public String getAccessTokenEndpoint() { return base + "services/oauth/access_token"; }
    @Override protected String getAuthorizationBaseUrl() { return base + "services/oauth/authorize"; }
  }

  private final FakeFlickr fake;
  private final OAuth10aService service;
  private final OAuth1AccessToken token;

  Signed(FakeFlickr fake, String key, String secret, TestToken token) {
    this.fake = fake;
    this.service = new ServiceBuilder(key).apiSecret(secret).callback("oob").build(new FakeFlickrApi(fake));
    this.token = token == null ? new OAuth1AccessToken("", "") : new OAuth1AccessToken(token.token(), token.secret());
  }

  Signed(FakeFlickr fake, TestToken token) {
    this(fake, FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET, token);
  }

  OAuth1AccessToken accessToken() {
    return token;
  }

  OAuth10aService service() {
    return service;
  }

  /** A signed GET of a REST method; params are name, value pairs. */
  Response get(String method, String... params) throws IOException {
    return call(Verb.GET, method, params);
  }

  Response call(Verb verb, String method, String... params) throws IOException {
    OAuthRequest r = new OAuthRequest(verb, fake.restUrl().toString());
    r.addParameter("method", method);
    for (int i = 0; i < params.length; i += 2) r.addParameter(params[i], params[i + 1]);
    service.signRequest(token, r);
    try {
      return service.execute(r);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } catch (ExecutionException e) {
      throw new IOException(e);
    }
  }

  String body(String method, String... params) throws IOException {
    try (Response r = get(method, params)) {
      return r.getBody();
    }
  }
}
