package io.github.flickrbackup.testkit;

import io.github.flickrbackup.testkit.internal.FaultPlan;
import io.github.flickrbackup.testkit.internal.OAuthSignatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A faithful fake Flickr on 127.0.0.1: the REST API (XML and JSON), OAuth 1.0a, the media CDN,
 * the web sign-in page and admin endpoints, over a stateful {@link FakeAccount}. Modelled on
 * OkHttp's {@code MockWebServer}: build it, {@link #start()} it, point a client at {@link
 * #baseUrl()}, assert on {@link #stats()} and {@link #takeRequest()}, {@link #close()} it.
 *
 * <pre>{@code
 * try (FakeFlickr fake = FakeFlickr.builder()
 *     .account(FakeAccount.builder().photo("1001", p -> p.title("Robot")).build())
 *     .build()) {
 *   fake.start();
 *   TestToken token = fake.issueAccessToken(FakeFlickr.DEFAULT_CONSUMER_KEY);
 *   URI rest = fake.baseUrl().resolve("services/rest/");
 *   // ... run the client against rest, signing with DEFAULT_CONSUMER_SECRET and token.secret()
 *   assertThat(fake.stats().apiCalls("flickr.photos.getInfo")).isLessThanOrEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Paths: REST at {@code services/rest/}; OAuth at {@code services/oauth/request_token},
 * {@code authorize}, {@code access_token}; photo originals at {@code /{server}/{id}_{originalsecret}_o.{ext}};
 * videos at {@code /photos/{nsid}/{id}/play/orig/{originalsecret}/} (302 to a signed, expiring
 * {@code /video/...} URL); the sign-in page at {@code /signin}; admin JSON at {@code /__fake/account},
 * {@code /__fake/stats} and {@code POST /__fake/mutate}.
 */
public final class FakeFlickr implements AutoCloseable {
  /** A consumer key every fake accepts. */
  public static final String DEFAULT_CONSUMER_KEY = "fakeflickr-consumer-key";
  /** The secret of {@link #DEFAULT_CONSUMER_KEY}. */
  public static final String DEFAULT_CONSUMER_SECRET = "fakeflickr-consumer-secret";

  private final FakeAccount account;
  private final OAuthRegistry oauth;
  private final FakeStats stats = new FakeStats();
  private final int port;
  private final int hourlyBudget;
  private final Clock clock;
  private final String signInPath;
  private final String sessionCookieName;
  private final SignInCredentials signInCredentials;
  private final Duration videoUrlTtl;
  private final int recordLimit;
  private final boolean checkSignatures;
  private final FlickrDispatcher dispatcher;
  private final Admin admin;
  private final ConcurrentLinkedDeque<RecordedRequest> recorded = new ConcurrentLinkedDeque<>();
  private final AtomicInteger recordedCount = new AtomicInteger();
  private final ConcurrentLinkedQueue<CallHook> callHooks = new ConcurrentLinkedQueue<>();
  private final int searchCap;
  // Signers stamp real time, so the timestamp window uses the system clock, not the builder's.
  private final OAuthSignatures signatures = new OAuthSignatures();
  private MockWebServer server;
  private boolean closed;
  private volatile boolean ignoreRange;
  private volatile FaultPlan faultPlan;
  private volatile RestApi restApi;
  private volatile String baseUrl;
  private final SSLSocketFactory https;

  private FakeFlickr(Builder b) {
    this.account = b.account != null ? b.account : FakeAccount.generate(AccountSpec.seed(1));
    this.oauth = new OAuthRegistry(b.seed);
    this.oauth.addConsumer(DEFAULT_CONSUMER_KEY, DEFAULT_CONSUMER_SECRET);
    b.consumers.forEach(oauth::addConsumer);
    this.port = b.port;
    this.hourlyBudget = b.hourlyBudget;
    this.clock = b.clock;
    this.signInPath = b.signInPath;
    this.sessionCookieName = b.sessionCookieName;
    this.signInCredentials = b.signInCredentials != null ? b.signInCredentials
        : new SignInCredentials(account.owner().username(), "correct-horse-battery-staple");
    this.videoUrlTtl = b.videoUrlTtl;
    this.recordLimit = b.recordLimit;
    this.checkSignatures = b.checkSignatures;
    this.searchCap = b.searchCap;
    this.ignoreRange = b.ignoreRange;
    this.faultPlan = new FaultPlan(b.faults);
    this.https = b.https;
    this.dispatcher = new FlickrDispatcher(this, b.seed);
    this.admin = new Admin(this);
  }

  /** A builder with the defaults: a generated 100-item account, random port, budget 3,600 calls per hour. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening on 127.0.0.1 (random port unless {@link Builder#port} was set). */
  public synchronized void start() {
    if (server != null) throw new IllegalStateException(closed ? "a closed fake cannot be restarted" : "already started");
    MockWebServer s = new MockWebServer();
    s.setDispatcher(dispatcher);
    s.setBodyLimit(1_000_000);
    Servers.configure(s);
    if (https != null) {
      s.useHttps(https);
      // HTTP/1.1 only: media without Content-Length is sent chunked, in HTTP/1.1 framing, which
      // has no place in HTTP/2 (curl refuses it; OkHttp passes the chunk sizes on as body bytes).
      s.setProtocolNegotiationEnabled(false);
    }
    try {
      s.start(InetAddress.getLoopbackAddress(), port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fake Flickr on port " + port, e);
    }
    server = s;
    baseUrl = (https != null ? "https" : "http") + "://127.0.0.1:" + s.getPort() + "/";
    restApi = new RestApi(baseUrl, searchCap);
  }

  /** Whether {@link #start()} was called (and {@link #close()} not yet). */
  public synchronized boolean isStarted() {
    return server != null && !closed;
  }

  /** Stops the server; safe to call twice. */
  @Override
  public synchronized void close() {
    if (server != null && !closed) {
      closed = true;
      server.close();
    }
  }

  /**
   * {@code http://127.0.0.1:PORT/}, or {@code https://…} after {@link Builder#https(SSLSocketFactory)}.
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public URI baseUrl() {
    return URI.create(baseUrlString());
  }

  /** The port. @throws IllegalStateException before {@link #start()} */
  public int port() {
    return baseUrl().getPort();
  }

  /** The REST endpoint, {@code baseUrl() + "services/rest/"}. */
  public URI restUrl() {
    return baseUrl().resolve("services/rest/");
  }

  String baseUrlString() {
    String b = baseUrl;
    if (b == null) throw new IllegalStateException("the fake Flickr is not started");
    return b;
  }

  /** The live account: read it, or mutate it while clients run. */
  public FakeAccount account() {
    return account;
  }

  /** Live counters of what was served. */
  public FakeStats stats() {
    return stats;
  }

  /**
   * An access token for the account owner, as if the OAuth dance had been completed with this
   * consumer key (read permission).
   *
   * @throws IllegalArgumentException if the consumer key is not registered
   */
  public TestToken issueAccessToken(String consumerKey) {
    if (oauth.consumerSecret(consumerKey) == null) throw new IllegalArgumentException("unknown consumer key: " + consumerKey);
    OAuthRegistry.AccessToken a = oauth.newAccessToken(consumerKey, "read");
    FakeOwner o = account.owner();
    return new TestToken(a.token, a.secret, o.nsid(), o.username());
  }

  /** {@link #issueAccessToken(String)} with {@link #DEFAULT_CONSUMER_KEY}. */
  public TestToken issueAccessToken() {
    return issueAccessToken(DEFAULT_CONSUMER_KEY);
  }

  /** Revokes an access token: calls signed with it get error 98 from now on. */
  public void revokeToken(String token) {
    if (!oauth.revoke(token)) throw new IllegalArgumentException("unknown access token");
  }

  /**
   * Approves a request token as the user would on the authorise page, and returns the 9-digit
   * verifier ({@code 123-456-789}) to pass to {@code access_token}.
   */
  public String approve(String requestToken) {
    OAuthRegistry.RequestToken t = oauth.requestToken(requestToken);
    if (t == null) throw new IllegalArgumentException("unknown request token");
    return oauth.approve(t);
  }

  /** Removes every fault. */
  public void clearFaults() {
    this.faultPlan = FaultPlan.none();
  }

  /**
   * Replaces the faults at runtime ({@link #clearFaults()} removes them). Counting starts afresh:
   * {@code onFirst(2)} fails the next two matching requests.
   */
  public void faults(Fault... faults) {
    this.faultPlan = new FaultPlan(List.of(faults));
  }

  /** The faults in force, in order. */
  public List<Fault> faults() {
    return faultPlan.faults();
  }

  FaultPlan faultPlan() {
    return faultPlan;
  }

  /**
   * Changes the account once, right after the fake has answered the {@code nth} call of {@code
   * method} counted from now (an error or faulted answer counts too): the client's next request
   * sees the change. Between two pages of a listing this reproduces items uploaded or deleted
   * while a client pages through it. Several changes may wait at once; each runs once.
   *
   * <pre>{@code
   * // page 1 is answered, then an item on it is deleted: page 2 starts one item later
   * fake.afterCall("flickr.people.getPhotos", 1, account -> account.delete("1001"));
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code method} is not a Flickr method name or {@code nth < 1}
   */
  public void afterCall(String method, int nth, Consumer<FakeAccount> change) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(change, "change");
    if (!method.startsWith("flickr.")) throw new IllegalArgumentException("API methods start with 'flickr.': " + method);
    if (nth < 1) throw new IllegalArgumentException("nth counts from 1: " + nth);
    callHooks.add(new CallHook(method, new AtomicInteger(nth), change));
  }

  /** A change waiting for the {@code remaining}-th next call of a method. */
  private record CallHook(String method, AtomicInteger remaining, Consumer<FakeAccount> change) {}

  /** Runs the changes due after this call; called by the dispatcher once the answer is built. */
  void callAnswered(String method) {
    for (CallHook h : callHooks) {
      if (h.method().equals(method) && h.remaining().decrementAndGet() == 0 && callHooks.remove(h)) {
        h.change().accept(account);
      }
    }
  }

  /** Registers another consumer key at runtime. */
  public void addConsumer(String key, String secret) {
    oauth.addConsumer(Objects.requireNonNull(key, "key"), Objects.requireNonNull(secret, "secret"));
  }

  /** The next request received, waiting for it (MockWebServer semantics). */
  public RecordedRequest takeRequest() throws InterruptedException {
    return started().takeRequest();
  }

  /** The next request received, or null after the timeout. */
  public RecordedRequest takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
    return started().takeRequest(timeout, unit);
  }

  /** The most recent requests received (up to the builder's record limit, default 10,000), oldest first. */
  public List<RecordedRequest> requests() {
    return new ArrayList<>(recorded);
  }

  /** The credentials the web sign-in page accepts. */
  public SignInCredentials signInCredentials() {
    return signInCredentials;
  }

  /** The name of the session cookie the sign-in page sets and the CDN checks. */
  public String sessionCookieName() {
    return sessionCookieName;
  }

  /** The sign-in page path (default {@code /signin}). */
  public String signInPath() {
    return signInPath;
  }

  /** A valid session cookie value, as if a browser had signed in (for tests without a browser). */
  public String newSessionCookie() {
    return dispatcher.newSession();
  }

  private MockWebServer started() {
    MockWebServer s = server;
    if (s == null) throw new IllegalStateException("the fake Flickr is not started");
    return s;
  }

  // ------------------------------------------------------------------ for the dispatcher

  void record(RecordedRequest r) {
    recorded.addLast(r);
    if (recordedCount.incrementAndGet() > recordLimit) {
      recorded.pollFirst();
      recordedCount.decrementAndGet();
    }
  }

  OAuthRegistry oauth() {
    return oauth;
  }

  RestApi restApi() {
    return restApi;
  }

  Admin admin() {
    return admin;
  }

  Clock clock() {
    return clock;
  }

  int hourlyBudget() {
    return hourlyBudget;
  }

  Duration videoUrlTtl() {
    return videoUrlTtl;
  }

  boolean ignoresRange(RecordedRequest request) {
    return ignoreRange;
  }

  /**
   * Makes the media server ignore {@code Range} (answer 200 with the whole body), as some CDNs
   * do; a client that appends to a partial file without checking for 206 then corrupts it.
   */
  public void ignoreRange(boolean ignore) {
    this.ignoreRange = ignore;
  }

  /**
   * Null when the request is correctly signed (RFC 5849 HMAC-SHA1, fresh timestamp, unused nonce),
   * else the 401 body Flickr sends ({@code oauth_problem=...}).
   */
  String verifySignature(RecordedRequest request, String consumerKey, String consumerSecret, String token,
      String tokenSecret) {
    if (!checkSignatures) return null;
    OAuthSignatures.Verification v = signatures.verify(OAuthSignatures.SignedRequest.from(request), consumerKey,
        consumerSecret, token, tokenSecret);
    return v.valid() ? null : v.oauthProblemBody();
  }

  @Override
  public String toString() {
    String b = baseUrl;
    return "FakeFlickr{" + (b == null ? "not started" : b) + ", " + account + "}";
  }

  /**
   * Configures a {@link FakeFlickr}. Every setter validates its argument.
   *
   * <pre>{@code
   * FakeFlickr.builder().account(account).consumer("key", "secret").hourlyBudget(100).build();
   * }</pre>
   */
  public static final class Builder {
    private FakeAccount account;
    private final Map<String, String> consumers = new LinkedHashMap<>();
    private int port;
    private int hourlyBudget = 3600;
    private Clock clock = Clock.systemUTC();
    private String signInPath = "/signin";
    private String sessionCookieName = "cookie_session";
    private SignInCredentials signInCredentials;
    private Duration videoUrlTtl = Duration.ofHours(1);
    private int recordLimit = 10_000;
    private long seed = 1;
    private boolean checkSignatures = true;
    private int searchCap = 4000;
    private boolean ignoreRange;
    private final List<Fault> faults = new ArrayList<>();
    private SSLSocketFactory https;

    private Builder() {}

    /**
     * Serves HTTPS (HTTP/1.1) instead of HTTP, with the certificate of this socket factory's
     * context (it must name 127.0.0.1); {@link FakeFlickr#baseUrl()} and every URL the fake hands
     * out then start with {@code https}. For figures of a client's TLS cost; see
     * {@link LoopbackCertificate}.
     */
    public Builder https(SSLSocketFactory sockets) {
      this.https = Objects.requireNonNull(sockets);
      return this;
    }

    /**
     * {@link #https(SSLSocketFactory)} with the key and certificate of a PKCS#12 file, such as
     * {@link LoopbackCertificate#keyStore()}.
     *
     * @throws IllegalArgumentException if the file cannot be read or holds no usable key
     */
    public Builder https(Path pkcs12, String password) {
      try {
        KeyStore keys = LoopbackCertificate.read(pkcs12, password);
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, password.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        return https(tls.getSocketFactory());
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot serve HTTPS with " + pkcs12 + ": " + e.getMessage(), e);
      }
    }

    /**
     * Adds faults (applied in order; the first replacing fault wins). See {@link Fault}.
     *
     * <pre>{@code
     * .fault(Fault.httpError(503).scopedTo(FaultScope.API).onFirst(2), Fault.resetAfter(10_000).forItem("1001"))
     * }</pre>
     */
    public Builder fault(Fault... faults) {
      for (Fault f : faults) this.faults.add(Objects.requireNonNull(f, "fault"));
      return this;
    }

    /** Media answers ignore {@code Range} and send the whole body with 200 (default false). */
    public Builder ignoreRange(boolean ignore) {
      this.ignoreRange = ignore;
      return this;
    }

    /** The account to serve (default: {@code FakeAccount.generate(AccountSpec.seed(1))}). */
    public Builder account(FakeAccount account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    /** Registers a consumer key and secret ({@link #DEFAULT_CONSUMER_KEY} is always registered). */
    public Builder consumer(String key, String secret) {
      if (key == null || key.isBlank()) throw new IllegalArgumentException("consumer key must not be blank");
      if (secret == null || secret.isBlank()) throw new IllegalArgumentException("consumer secret must not be blank");
      consumers.put(key, secret);
      return this;
    }

    /** The port on 127.0.0.1 (default 0: a free port). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535: " + port);
      this.port = port;
      return this;
    }

    /** REST calls allowed per consumer key in any rolling hour before 429 (default 3,600; 0: unlimited). */
    public Builder hourlyBudget(int calls) {
      if (calls < 0) throw new IllegalArgumentException("hourly budget must be >= 0: " + calls);
      this.hourlyBudget = calls;
      return this;
    }

    /** The clock for the hourly budget and video URL expiry (default the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The path of the web sign-in page (default {@code /signin}). */
    public Builder signInPath(String path) {
      if (path == null || !path.matches("/[A-Za-z0-9/_-]*") || path.startsWith("/services/") || path.startsWith("/__fake/")) {
        throw new IllegalArgumentException("sign-in path must be a plain absolute path: " + path);
      }
      this.signInPath = path;
      return this;
    }

    /** The session cookie's name (default {@code cookie_session}). */
    public Builder sessionCookieName(String name) {
      if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) throw new IllegalArgumentException("bad cookie name: " + name);
      this.sessionCookieName = name;
      return this;
    }

    /** The sign-in page's credentials (default: the owner's username and {@code correct-horse-battery-staple}). */
    public Builder signInCredentials(String username, String password) {
      this.signInCredentials = new SignInCredentials(username, password);
      return this;
    }

    /** How long signed video CDN URLs stay valid (default one hour). */
    public Builder videoUrlTtl(Duration ttl) {
      if (ttl == null || ttl.isNegative()) throw new IllegalArgumentException("ttl must be >= 0: " + ttl);
      this.videoUrlTtl = ttl;
      return this;
    }

    /** How many recent requests {@link FakeFlickr#requests()} keeps (default 10,000). */
    public Builder recordLimit(int limit) {
      if (limit < 0) throw new IllegalArgumentException("record limit must be >= 0: " + limit);
      this.recordLimit = limit;
      return this;
    }

    /** The seed of tokens, verifiers and fault decisions (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** How many results {@code flickr.photos.search} reaches at most (default 4,000, as Flickr). */
    public Builder searchCap(int cap) {
      if (cap < 1) throw new IllegalArgumentException("search cap must be >= 1: " + cap);
      this.searchCap = cap;
      return this;
    }

    /** Whether OAuth signatures are verified (default true); false accepts any signature. */
    public Builder checkSignatures(boolean check) {
      this.checkSignatures = check;
      return this;
    }

    /** Builds the (not yet started) fake. */
    public FakeFlickr build() {
      return new FakeFlickr(this);
    }
  }
}
