package io.github.flickrbackup.internal.flickr;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import io.github.flickrbackup.internal.resilience.CallFailure;
import io.github.flickrbackup.internal.resilience.CallFailure.Kind;
import io.github.flickrbackup.internal.resilience.Resilience;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * One signed REST call over the shared OkHttp client: scribejava computes the OAuth 1.0a
 * signature for the token given here (never a thread-local one), OkHttp sends it, and the
 * answer is classified into a {@link CallFailure} or returned as the {@code <rsp>} element.
 * One call is one attempt; retries and the limiter wrap it (see {@link Resilience}).
 */
public final class RestClient {
  /** Largest REST answer accepted; a page of 500 items with every extra is about 400 KB. */
  static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

  private static final Set<Integer> AUTH_CODES = Set.of(96, 97, 98, 99, 100);

  private final OkHttpClient http;
  private final FlickrEndpoint endpoint;
  private final OAuth10aService signer;
  private final OAuth1AccessToken token;
  private final AtomicLong calls = new AtomicLong();
  private final Clock clock;

  /**
   * @param http the shared client
   * @param endpoint where Flickr is
   * @param key the consumer key
   * @param token the access token
   * @param clock for HTTP-date {@code Retry-After} values
   */
  public RestClient(OkHttpClient http, FlickrEndpoint endpoint, ApiKey key, AccessToken token, Clock clock) {
    // Counted where requests reach the network, so OkHttp's own reconnects count too.
    this.http = http.newBuilder().addNetworkInterceptor(chain -> {
      calls.incrementAndGet();
      return chain.proceed(chain.request());
    }).build();
    this.endpoint = endpoint;
    this.signer = new ServiceBuilder(key.key()).apiSecret(key.secret()).build(new FlickrOAuthApi(endpoint.oauth()));
    this.token = new OAuth1AccessToken(token.token(), token.secret());
    this.clock = clock;
  }

  /** @return HTTP requests sent to the REST endpoint so far (each counts against Flickr's budget) */
  public long calls() {
    return calls.get();
  }

  /**
   * Sends one signed GET.
   *
   * @param method e.g. {@code flickr.photos.getInfo}
   * @param params further parameters
   * @return the {@code <rsp stat="ok">} element
   * @throws CallFailure classified
   */
  public Element call(String method, Map<String, String> params) {
    OAuthRequest r = new OAuthRequest(Verb.GET, endpoint.rest().toString());
    r.addQuerystringParameter("method", method);
    params.forEach(r::addQuerystringParameter);
    signer.signRequest(token, r);
    Request.Builder request = new Request.Builder().url(r.getCompleteUrl()).get();
    r.getHeaders().forEach(request::header);
    byte[] body;
    try (Response response = http.newCall(request.build()).execute()) {
      int code = response.code();
      if (code == 401) {
        String text = readCapped(response.body(), 4096, method);
        String problem = text.startsWith("oauth_problem=") ? text.split("&", 2)[0] : "HTTP 401";
        throw new CallFailure(Kind.AUTHENTICATION, 0, 401, null,
            "Flickr refused the credentials for " + method + " (" + problem.replaceAll("[^A-Za-z0-9_=. -]", "")
                + "): authorise again", null);
      }
      if (code == 429) {
        throw new CallFailure(Kind.RATE_LIMITED, 0, 429, retryAfter(response.header("Retry-After"), clock),
            method + ": HTTP 429 Too Many Requests", null);
      }
      if (code >= 500 || code == 408) {
        throw new CallFailure(Kind.TRANSIENT, 0, code, retryAfter(response.header("Retry-After"), clock),
            method + ": HTTP " + code, null);
      }
      if (code != 200) {
        throw new CallFailure(Kind.PERMANENT, 0, code, null, method + ": unexpected HTTP " + code, null);
      }
      body = readCapped(response.body(), MAX_BODY_BYTES, method).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Resilience.ioFailure(method, e);
    }
    return check(Xml.parse(body, method), method);
  }

  /** Checks the envelope: stat="ok" gives the root; stat="fail" becomes a classified failure. */
  static Element check(Document doc, String method) {
    Element root = doc.getDocumentElement();
    if (root == null || !root.getTagName().equals("rsp")) {
      throw CallFailure.transientFailure(method + ": answer is not a Flickr <rsp> envelope", null);
    }
    String stat = root.getAttribute("stat");
    if (stat.equals("ok")) {
      return root;
    }
    if (!stat.equals("fail")) {
      throw CallFailure.transientFailure(method + ": answer has stat=\"" + stat + "\"", null);
    }
    Element err = Xml.child(root, "err");
    int code = err == null ? 0 : Xml.intAttr(err, "code", 0);
    String msg = err == null ? "" : err.getAttribute("msg");
    String text = method + ": Flickr error " + code + " (" + msg + ")";
    if (AUTH_CODES.contains(code)) {
      String todo = code == 100
          ? "check the API key and secret"
          : "authorise again (the token was revoked, expired or lacks read permission)";
      throw new CallFailure(Kind.AUTHENTICATION, code, 200, null, text + ": " + todo, null);
    }
    if (code == 105 || code == 106 || code == 0) {
      throw new CallFailure(Kind.TRANSIENT, code, 200, null, text, null);
    }
    if (code == 1 || code == 2) {
      throw new CallFailure(Kind.NOT_FOUND, code, 200, null, text, null);
    }
    throw new CallFailure(Kind.PERMANENT, code, 200, null, text, null);
  }

  /** Reads at most {@code cap} bytes; a bigger body is a transient failure, not a silent cut. */
  static String readCapped(ResponseBody body, long cap, String what) throws IOException {
    if (body == null) {
      return "";
    }
    BufferedSource source = body.source();
    if (source.request(cap + 1)) {
      throw CallFailure.transientFailure(what + ": answer larger than " + cap + " bytes", null);
    }
    return source.getBuffer().readUtf8();
  }

  /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    if (v.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT));
      Duration d = Duration.between(clock.instant(), at.toInstant());
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
