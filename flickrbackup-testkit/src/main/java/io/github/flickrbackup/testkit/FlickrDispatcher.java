package io.github.flickrbackup.testkit;

import io.github.flickrbackup.testkit.internal.FaultEffects;
import io.github.flickrbackup.testkit.internal.FaultPlan;
import io.github.flickrbackup.testkit.internal.MediaFiles;
import io.github.flickrbackup.testkit.internal.WebPages;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import okio.BufferedSink;

/**
 * Routes every request of a {@link FakeFlickr}: REST, OAuth, media, the sign-in page and the
 * {@code /__fake/} admin endpoints. One instance serves all connections concurrently; the account
 * snapshot is read once per request.
 */
final class FlickrDispatcher extends Dispatcher {
  private static final Pattern STATIC = Pattern.compile("/(\\d{1,6})/(\\d{1,20})_([0-9a-f]{6,40})(?:_([a-z0-9]{1,3}))?\\.([a-z0-9]{1,5})");
  private static final Pattern PLAY = Pattern.compile("/photos/([^/]+)/(\\d{1,20})/play/([a-z0-9]+)/([0-9a-f]{6,40})/?");
  private static final Pattern CDN = Pattern.compile("/video/(\\d{1,20})/([0-9a-f]{6,40})/([a-z0-9]+)\\.([a-z0-9]{1,5})");
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  private final FakeFlickr fake;
  private final Map<String, Boolean> sessions = new ConcurrentHashMap<>();
  private final Map<String, Deque<Long>> budget = new ConcurrentHashMap<>();
  private final byte[] cdnKey;

  FlickrDispatcher(FakeFlickr fake, long seed) {
    this.fake = fake;
    this.cdnKey = Hex.of("cdn-key-" + seed).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    FakeStats stats = fake.stats();
    stats.requestStarted();
    fake.record(request);
    try {
      Routed r = route(request);
      return finish(r.answer(), r.media());
    } catch (RuntimeException e) {
      ended(false);
      return new MockResponse.Builder().code(500).setHeader("Content-Type", "text/plain; charset=utf-8")
          .body("fake flickr failed: " + e).build();
    }
  }

  /** An answer, and whether it answers a media request (for {@link FakeStats#lastMediaEndAt()}). */
  private record Routed(MockResponse.Builder answer, boolean media) {
    static Routed other(MockResponse.Builder answer) {
      return new Routed(answer, false);
    }

    static Routed media(MockResponse.Builder answer) {
      return new Routed(answer, true);
    }
  }

  private void ended(boolean media) {
    fake.stats().requestEnded();
    if (media) {
      fake.stats().mediaEnded();
    }
  }

  /** Counts the request as open until its body is written (or now, for an empty one). */
  private MockResponse finish(MockResponse.Builder b, boolean media) {
    MockResponseBody body = b.getBody();
    if (body == null) {
      ended(media);
      return b.build();
    }
    String length = b.getHeaders().get("Content-Length");
    String te = b.getHeaders().get("Transfer-Encoding");
    b.body(new MockResponseBody() {
      @Override public long getContentLength() { return body.getContentLength(); }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        try {
          body.writeTo(sink);
        } finally {
          ended(media);
        }
      }
    });
    if (length == null || te != null) b.removeHeader("Content-Length");
    else b.setHeader("Content-Length", length);
    return b.build();
  }

  private Routed route(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    String method = request.getMethod();
    if (path.equals("/services/rest/") || path.equals("/services/rest")) return Routed.other(rest(request));
    if (path.startsWith("/services/oauth/")) {
      return Routed.other(oauth(request, path.substring("/services/oauth/".length())));
    }
    if (path.startsWith("/__fake/")) {
      return Routed.other(fake.admin().handle(request, path.substring("/__fake/".length())));
    }
    if (path.equals(fake.signInPath())) return Routed.other(signIn(request));
    if (path.equals("/signed-in")) {
      return Routed.other(html(200, WebPages.signedIn(fake.account().owner().username())));
    }
    if ("GET".equals(method) || "HEAD".equals(method)) {
      Matcher m = STATIC.matcher(path);
      if (m.matches()) return Routed.media(withMediaFaults(m.group(2), () -> staticMedia(request, m)));
      Matcher play = PLAY.matcher(path);
      if (play.matches()) return Routed.media(withMediaFaults(play.group(2), () -> play(request, play)));
      Matcher cdn = CDN.matcher(path);
      if (cdn.matches()) return Routed.media(withMediaFaults(cdn.group(1), () -> cdn(request, cdn)));
    }
    return Routed.other(html(404, WebPages.error(404, "Not Found")));
  }

  // ------------------------------------------------------------------ faults

  /** Media requests: a replacing fault answers instead; modifiers alter the normal answer. */
  private MockResponse.Builder withMediaFaults(String itemId, java.util.function.Supplier<MockResponse.Builder> answer) {
    FaultPlan.Decision d = fake.faultPlan().decide(FaultPlan.Request.media(itemId));
    if (d.isEmpty()) return answer.get();
    fake.stats().countFaultInjected();
    if (d.replacement().isPresent()) {
      fake.stats().mediaRequest();
      return FaultEffects.applyModifiers(FaultEffects.replacement(d.replacement().get(), null), d.modifiers());
    }
    return FaultEffects.applyModifiers(answer.get(), d.modifiers());
  }

  // ------------------------------------------------------------------ REST

  private MockResponse.Builder rest(RecordedRequest request) {
    Params p = Params.of(request);
    MockResponse.Builder answer = restCall(request, p);
    // The answer is already built from the state before any change, as on Flickr between two calls.
    fake.callAnswered(p.get("method"));
    return answer;
  }

  private MockResponse.Builder restCall(RecordedRequest request, Params p) {
    String method = p.get("method");
    fake.stats().apiCall(method);
    String format = p.get("format");
    boolean json = "json".equals(format);
    if (format != null && !format.equals("rest") && !json && !format.isEmpty()) {
      return restError(false, null, 111, "Format \"" + format + "\" not found");
    }
    String callback = json && !"1".equals(p.get("nojsoncallback")) ? callbackName(p.get("jsoncallback")) : null;
    if (method == null || !RestApi.METHODS.contains(method)) {
      return restError(json, callback, 112, "Method \"" + (method == null ? "" : method) + "\" not found");
    }
    FaultPlan.Decision faults = fake.faultPlan().decide(FaultPlan.Request.api(method, p.get("photo_id")));
    if (!faults.isEmpty()) fake.stats().countFaultInjected();
    if (faults.replacement().isPresent()) {
      MockResponse.Builder replaced = FaultEffects.replacement(faults.replacement().get(),
          (code, message) -> restError(json, callback, code, message));
      return FaultEffects.applyModifiers(replaced, faults.modifiers());
    }
    return FaultEffects.applyModifiers(restAnswer(request, p, method, json, callback, faults), faults.modifiers());
  }

  private MockResponse.Builder restAnswer(RecordedRequest request, Params p, String method, boolean json, String callback,
      FaultPlan.Decision faults) {
    RestApi.Caller caller;
    try {
      caller = authenticate(request, p, method);
    } catch (RestApi.RestError e) {
      return restError(json, callback, e.code, e.getMessage());
    }
    if (faults.shortPage().isPresent()) caller = caller.shortBy((int) Math.min(Integer.MAX_VALUE, faults.shortPage().get().bytes()));
    String key = p.get("oauth_consumer_key") != null ? p.get("oauth_consumer_key") : p.get("api_key");
    if (!withinBudget(key)) {
      fake.stats().countRateLimited();
      return html(429, RATE_LIMIT_HTML);
    }
    AccountState st = fake.account().state();
    Buffer buf = new Buffer();
    try {
      Out out = json ? Out.json(buf.outputStream(), callback) : Out.xml(buf.outputStream());
      fake.restApi().call(method, p, st, caller, out);
    } catch (RestApi.RestError e) {
      return restError(json, callback, e.code, e.getMessage());
    }
    return new MockResponse.Builder().code(200)
        .setHeader("Content-Type", json ? "text/javascript; charset=utf-8" : "text/xml; charset=utf-8")
        .body(buf);
  }

  static final String RATE_LIMIT_HTML = WebPages.errorBody(429);

  private static String callbackName(String requested) {
    return requested != null && requested.matches("[A-Za-z_$][A-Za-z0-9_$.]{0,63}") ? requested : "jsonFlickrApi";
  }

  private RestApi.Caller authenticate(RecordedRequest request, Params p, String method) throws RestApi.RestError {
    String consumerKey = p.get("oauth_consumer_key");
    if (consumerKey == null) {
      String apiKey = p.get("api_key");
      if (apiKey == null || apiKey.isEmpty()) throw new RestApi.RestError(100, "Invalid API Key (Key has invalid format)");
      if (fake.oauth().consumerSecret(apiKey) == null) throw new RestApi.RestError(100, "Invalid API Key (Key not found)");
      if (RestApi.NEEDS_TOKEN.contains(method)) throw new RestApi.RestError(99, "Insufficient permissions. Method requires read privileges; none granted.");
      return new RestApi.Caller(false, null, null);
    }
    String consumerSecret = fake.oauth().consumerSecret(consumerKey);
    if (consumerSecret == null) throw new RestApi.RestError(100, "Invalid API Key (Key not found)");
    if (p.nonEmpty("oauth_signature") == null) throw new RestApi.RestError(97, "Missing signature");
    String token = p.nonEmpty("oauth_token");
    OAuthRegistry.AccessToken access = null;
    if (token != null) {
      access = fake.oauth().accessToken(token);
      if (access == null) throw new RestApi.RestError(98, "Invalid auth token");
    }
    String problem = fake.verifySignature(request, consumerKey, consumerSecret, token, access == null ? "" : access.secret);
    if (problem != null) throw new RestApi.RestError(96, "Invalid signature");
    if (access == null && RestApi.NEEDS_TOKEN.contains(method)) {
      throw new RestApi.RestError(99, "Insufficient permissions. Method requires read privileges; none granted.");
    }
    return new RestApi.Caller(access != null, token, access);
  }

  /** A rolling hour per consumer key: beyond the budget, 429. */
  private boolean withinBudget(String key) {
    int limit = fake.hourlyBudget();
    if (limit <= 0) return true;
    long now = fake.clock().millis();
    Deque<Long> q = budget.computeIfAbsent(key == null ? "" : key, k -> new ArrayDeque<>());
    synchronized (q) {
      while (!q.isEmpty() && q.peekFirst() <= now - 3_600_000L) q.pollFirst();
      if (q.size() >= limit) return false;
      q.addLast(now);
      return true;
    }
  }

  private static MockResponse.Builder restError(boolean json, String callback, int code, String message) {
    String body;
    if (json) {
      String obj = "{\"stat\":\"fail\",\"code\":" + code + ",\"message\":\"" + jsonEscape(message) + "\"}";
      body = callback == null ? obj : callback + "(" + obj + ")";
    } else {
      body = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"fail\">\n\t<err code=\"" + code + "\" msg=\""
          + message.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;") + "\" />\n</rsp>\n";
    }
    return new MockResponse.Builder().code(200)
        .setHeader("Content-Type", json ? "text/javascript; charset=utf-8" : "text/xml; charset=utf-8")
        .body(body);
  }

  private static String jsonEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
  }

  // ------------------------------------------------------------------ OAuth

  private MockResponse.Builder oauth(RecordedRequest request, String endpoint) {
    fake.stats().oauthCall();
    Params p = Params.of(request);
    switch (endpoint) {
      case "request_token" -> {
        String key = p.get("oauth_consumer_key");
        String secret = fake.oauth().consumerSecret(key);
        if (secret == null) return oauthProblem("consumer_key_unknown");
        if (p.nonEmpty("oauth_signature") == null) return oauthProblem("parameter_absent");
        String problem = fake.verifySignature(request, key, secret, null, null);
        if (problem != null) return oauthProblemBody(problem);
        String callback = p.nonEmpty("oauth_callback");
        if (callback == null) return oauthProblem("parameter_absent");
        OAuthRegistry.RequestToken t = fake.oauth().newRequestToken(key, callback);
        return text("oauth_callback_confirmed=true&oauth_token=" + t.token + "&oauth_token_secret=" + t.secret);
      }
      case "authorize" -> {
        OAuthRegistry.RequestToken t = fake.oauth().requestToken(p.get("oauth_token"));
        if (t == null) return html(400, WebPages.error(400, "Oops! Flickr can't find a valid callback URL."));
        String perms = p.nonEmpty("perms");
        if (perms != null) t.perms = perms;
        String verifier = fake.oauth().approve(t);
        if (!"oob".equals(t.callback)) {
          String sep = t.callback.contains("?") ? "&" : "?";
          return new MockResponse.Builder().code(302).setHeader("Location",
              t.callback + sep + "oauth_token=" + t.token + "&oauth_verifier=" + verifier).body("");
        }
        if ("POST".equals(request.getMethod())) return html(200, WebPages.authorizedPage("the application", verifier));
        // Flickr shows a consent form; for oob the fake also shows the verifier right away, so a
        // test (or a user of the standalone fake) can read it without clicking.
        return html(200, WebPages.authorizePage("the application", t.token, t.perms, "/services/oauth/authorize", verifier));
      }
      case "access_token" -> {
        String key = p.get("oauth_consumer_key");
        String secret = fake.oauth().consumerSecret(key);
        if (secret == null) return oauthProblem("consumer_key_unknown");
        OAuthRegistry.RequestToken t = fake.oauth().requestToken(p.get("oauth_token"));
        if (t == null || !t.consumerKey.equals(key)) return oauthProblem("token_rejected");
        if (p.nonEmpty("oauth_signature") == null) return oauthProblem("parameter_absent");
        String problem = fake.verifySignature(request, key, secret, t.token, t.secret);
        if (problem != null) return oauthProblemBody(problem);
        String verifier = p.get("oauth_verifier");
        if (t.verifier == null || !t.verifier.equals(verifier)) return oauthProblem("verifier_invalid");
        OAuthRegistry.AccessToken a = fake.oauth().exchange(t);
        FakeOwner o = fake.account().owner();
        return text("fullname=" + enc(o.realName()) + "&oauth_token=" + a.token + "&oauth_token_secret=" + a.secret
            + "&user_nsid=" + enc(o.nsid()) + "&username=" + enc(o.username()));
      }
      default -> {
        return html(404, WebPages.error(404, "Not Found"));
      }
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static MockResponse.Builder oauthProblem(String problem) {
    return oauthProblemBody("oauth_problem=" + problem);
  }

  private static MockResponse.Builder oauthProblemBody(String body) {
    return new MockResponse.Builder().code(401).setHeader("Content-Type", "text/plain;charset=UTF-8").body(body);
  }

  private static MockResponse.Builder text(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain;charset=UTF-8").body(body);
  }

  static MockResponse.Builder html(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/html; charset=utf-8").body(body);
  }

  // ------------------------------------------------------------------ web sign-in

  private MockResponse.Builder signIn(RecordedRequest request) {
    if (!"POST".equals(request.getMethod())) return html(200, WebPages.signInForm(fake.signInPath(), null));
    Params p = Params.of(request);
    SignInCredentials c = fake.signInCredentials();
    if (!c.username().equals(p.get("username")) || !c.password().equals(p.get("password"))) {
      return html(200, WebPages.signInFailedPage(fake.signInPath(), null));
    }
    String session = newSession();
    return new MockResponse.Builder().code(302)
        .addHeader("Set-Cookie", fake.sessionCookieName() + "=" + session + "; Path=/; HttpOnly")
        .setHeader("Location", "/signed-in").body("");
  }

  String newSession() {
    String s = Hex.of("session-" + System.nanoTime() + "-" + sessions.size()).substring(0, 32);
    sessions.put(s, Boolean.TRUE);
    return s;
  }

  private boolean hasSession(RecordedRequest request) {
    String cookies = request.getHeaders().get("Cookie");
    if (cookies == null) return false;
    for (String c : cookies.split(";")) {
      String t = c.trim();
      int eq = t.indexOf('=');
      if (eq > 0 && t.substring(0, eq).equals(fake.sessionCookieName()) && sessions.containsKey(t.substring(eq + 1))) return true;
    }
    return false;
  }

  // ------------------------------------------------------------------ media

  private MockResponse.Builder staticMedia(RecordedRequest request, Matcher m) {
    fake.stats().mediaRequest();
    String server = m.group(1);
    String id = m.group(2);
    String secret = m.group(3);
    String suffix = m.group(4);
    String ext = m.group(5);
    FakeItem it = fake.account().state().anyItem(id);
    if (it == null || !it.server().equals(server)) return html(404, WebPages.error(404, "Not Found"));
    if ("o".equals(suffix)) {
      if (!secret.equals(it.originalSecret()) || !ext.equals(it.originalFormat())) return html(404, WebPages.error(404, "Not Found"));
      if (it.isVideo()) {
        return media(request, it, MediaFormat.JPEG, MediaFiles.seedOf("poster:" + it.id() + ":" + it.originalSecret()), 4096,
            null, true, false);
      }
      if (it.needsBrowserSession() && !hasSession(request)) return html(404, WebPages.error(404, "Not Found"));
      return media(request, it, it.format(), it.mediaSeed(), it.bytes(), null, true, true);
    }
    String sfx = suffix == null ? "" : suffix;
    if (!secret.equals(Sizes.sizeSecret(it, sfx)) || !ext.equals("jpg")) return html(404, WebPages.error(404, "Not Found"));
    return media(request, it, MediaFormat.JPEG, MediaFiles.seedOf("size:" + sfx + ":" + it.id() + ":" + it.secret()), 2048,
        null, true, false);
  }

  private MockResponse.Builder play(RecordedRequest request, Matcher m) {
    fake.stats().mediaRequest();
    String user = m.group(1);
    String id = m.group(2);
    String variant = m.group(3);
    String secret = m.group(4);
    FakeItem it = fake.account().state().anyItem(id);
    AccountState st = fake.account().state();
    if (it == null || !it.isVideo()) return html(404, WebPages.error(404, "Not Found"));
    boolean userMatches = user.equals(it.ownerNsid()) || (it.ownerNsid().equals(st.owner.nsid()) && user.equals(st.owner.pathAlias()));
    if (!userMatches) return html(404, WebPages.error(404, "Not Found"));
    boolean orig = variant.equals("orig");
    if (orig && (!secret.equals(it.originalSecret()) || !it.hasVideoOriginal())) return html(404, WebPages.error(404, "Not Found"));
    if (!orig && !secret.equals(it.secret())) return html(404, WebPages.error(404, "Not Found"));
    if (it.needsBrowserSession() && !hasSession(request)) return html(404, WebPages.error(404, "Not Found"));
    long expires = fake.clock().instant().getEpochSecond() + fake.videoUrlTtl().toSeconds();
    String ext = orig ? it.format().extension() : "mp4";
    String fileSecret = orig ? it.originalSecret() : it.secret();
    String sig = sign(it.id() + "/" + fileSecret + "/" + variant + "/" + expires);
    String s = Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("{\"i\":" + it.id() + ",\"e\":" + expires + ",\"s\":\"" + sig + "\",\"v\":1}").getBytes(StandardCharsets.UTF_8));
    String location = fake.baseUrlString() + "video/" + it.id() + "/" + fileSecret + "/" + variant + "." + ext + "?s=" + s;
    return new MockResponse.Builder().code(302).setHeader("Location", location).body("");
  }

  private MockResponse.Builder cdn(RecordedRequest request, Matcher m) {
    fake.stats().mediaRequest();
    String id = m.group(1);
    String secret = m.group(2);
    String variant = m.group(3);
    String ext = m.group(4);
    FakeItem it = fake.account().state().anyItem(id);
    if (it == null || !it.isVideo()) return html(404, WebPages.error(404, "Not Found"));
    String s = request.getUrl().queryParameter("s");
    if (s == null) return html(403, WebPages.error(403, "Forbidden"));
    long expires;
    String sig;
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
      Matcher d = Pattern.compile("\\{\"i\":(\\d+),\"e\":(\\d+),\"s\":\"([0-9a-f]+)\",\"v\":1}").matcher(decoded);
      if (!d.matches() || !d.group(1).equals(id)) return html(403, WebPages.error(403, "Forbidden"));
      expires = Long.parseLong(d.group(2));
      sig = d.group(3);
    } catch (IllegalArgumentException e) {
      return html(403, WebPages.error(403, "Forbidden"));
    }
    if (!sig.equals(sign(id + "/" + secret + "/" + variant + "/" + expires))) return html(403, WebPages.error(403, "Forbidden"));
    if (fake.clock().instant().getEpochSecond() > expires) return html(410, WebPages.error(410, "Gone"));
    if (it.needsBrowserSession() && !hasSession(request)) return html(404, WebPages.error(404, "Not Found"));
    boolean orig = variant.equals("orig");
    if (orig) {
      if (!secret.equals(it.originalSecret()) || !ext.equals(it.format().extension())) return html(404, WebPages.error(404, "Not Found"));
      return media(request, it, it.format(), it.mediaSeed(), it.bytes(), it.fileName(), it.sendsContentLength(), true);
    }
    if (!secret.equals(it.secret())) return html(404, WebPages.error(404, "Not Found"));
    return media(request, it, MediaFormat.MP4, it.renditionSeed(variant), it.renditionSize(),
        it.id() + ".mp4", it.sendsContentLength(), false);
  }

  private String sign(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(cdnKey, "HmacSHA256"));
      byte[] d = mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 16; i++) sb.append(String.format(Locale.ROOT, "%02x", d[i]));
      return sb.toString();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Serves bytes with Range, HEAD, Content-Length (or chunked) and Content-Disposition. */
  private MockResponse.Builder media(RecordedRequest request, FakeItem it, MediaFormat format, long seed, long size,
      String dispositionName, boolean sendLength, boolean original) {
    String contentType = format.servedContentType();
    boolean head = "HEAD".equals(request.getMethod());
    if (original && !head) fake.stats().download(it.id());
    MockResponse.Builder b = new MockResponse.Builder().setHeader("Content-Type", contentType)
        .setHeader("Accept-Ranges", "bytes")
        .setHeader("ETag", "\"" + Hex.of(it.id() + "/" + seed + "/" + size).substring(0, 16) + "\"")
        .setHeader("Last-Modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            it.lastUpdate().atZone(java.time.ZoneOffset.UTC)));
    if (dispositionName != null && it.sendsContentDisposition()) {
      b.setHeader("Content-Disposition", "attachment; filename=" + dispositionName);
    }
    long from = 0;
    long to = size;
    int code = 200;
    String range = request.getHeaders().get("Range");
    if (range != null && !fake.ignoresRange(request)) {
      Matcher r = RANGE.matcher(range.trim());
      if (r.matches() && !(r.group(1).isEmpty() && r.group(2).isEmpty())) {
        long start;
        long end;
        if (r.group(1).isEmpty()) {
          long n = Long.parseLong(r.group(2));
          start = Math.max(0, size - n);
          end = size - 1;
        } else {
          start = Long.parseLong(r.group(1));
          end = r.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(r.group(2)), size - 1);
        }
        if (start >= size || end < start) {
          return b.code(416).setHeader("Content-Range", "bytes */" + size).body("");
        }
        from = start;
        to = end + 1;
        code = 206;
        b.setHeader("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + size);
      }
    }
    b.code(code);
    long length = to - from;
    if (head) {
      b.body("");
      if (sendLength) b.setHeader("Content-Length", length);
      else b.removeHeader("Content-Length");
      return b;
    }
    fake.stats().mediaBytes(length);
    if (sendLength) return b.body(MediaFiles.responseBody(format, seed, size, from, length));
    // Without Content-Length the body is chunked; such items are small enough to hold in memory.
    Buffer buf = new Buffer().write(MediaFiles.slice(format, seed, size, from, Math.toIntExact(length)));
    return b.chunkedBody(buf, 8192);
  }
}
