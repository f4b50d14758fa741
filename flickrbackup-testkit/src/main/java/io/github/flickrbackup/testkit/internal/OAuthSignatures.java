package io.github.flickrbackup.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.RecordedRequest;

/**
 * Server-side verification of OAuth 1.0a (RFC 5849) HMAC-SHA1 signatures, with the problem names
 * Flickr answers ({@code oauth_problem=signature_invalid} and friends), a timestamp window and
 * nonce replay detection.
 *
 * <pre>{@code
 * OAuthSignatures oauth = new OAuthSignatures();           // system clock, ±600 s, 100,000 nonces
 * Verification v = oauth.verify(SignedRequest.from(recordedRequest), secrets);
 * if (!v.valid()) return 401 with v.oauthProblemBody();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class OAuthSignatures {
  /** The signature does not match. */
  public static final String SIGNATURE_INVALID = "signature_invalid";
  /** A required {@code oauth_*} parameter is missing. */
  public static final String PARAMETER_ABSENT = "parameter_absent";
  /** A parameter cannot be decoded, or {@code oauth_version} is not 1.0. */
  public static final String PARAMETER_REJECTED = "parameter_rejected";
  /** The consumer key is not registered. */
  public static final String CONSUMER_KEY_UNKNOWN = "consumer_key_unknown";
  /** The token is unknown, revoked or of the wrong kind. */
  public static final String TOKEN_REJECTED = "token_rejected";
  /** The timestamp is outside the window (or not a number). */
  public static final String TIMESTAMP_REFUSED = "timestamp_refused";
  /** The nonce was already used with this consumer key and timestamp. */
  public static final String NONCE_USED = "nonce_used";
  /** The signature method is not HMAC-SHA1. */
  public static final String SIGNATURE_METHOD_REJECTED = "signature_method_rejected";

  /** The default timestamp window: ±600 seconds. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(600);
  /** The default number of remembered nonces. */
  public static final int DEFAULT_NONCE_CAPACITY = 100_000;

  private static final List<String> REQUIRED = List.of(
      "oauth_consumer_key", "oauth_signature_method", "oauth_signature", "oauth_timestamp", "oauth_nonce");

  private final Clock clock;
  private final Duration window;
  private final Map<String, Boolean> nonces;

  /** System clock, {@link #DEFAULT_WINDOW}, {@link #DEFAULT_NONCE_CAPACITY}. */
  public OAuthSignatures() {
    this(Clock.systemUTC(), DEFAULT_WINDOW, DEFAULT_NONCE_CAPACITY);
  }

  /**
   * @param clock the clock timestamps are compared with
   * @param window how far a timestamp may be from the clock, either way
   * @param nonceCapacity how many recent nonces are remembered (the oldest are forgotten first)
   */
  public OAuthSignatures(Clock clock, Duration window, int nonceCapacity) {
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(window, "window");
    if (window.isNegative()) {
      throw new IllegalArgumentException("timestamp window must not be negative: " + window);
    }
    if (nonceCapacity < 1) {
      throw new IllegalArgumentException("nonce capacity must be at least 1: " + nonceCapacity);
    }
    this.window = window;
    this.nonces = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > nonceCapacity;
      }
    });
  }

  /** Looks up the secrets of registered consumers and issued tokens. */
  public interface Secrets {
    /** The consumer secret of a registered key, or empty if the key is unknown. */
    Optional<String> consumerSecret(String consumerKey);

    /**
     * The secret of a token (request or access token) issued to this consumer, or empty if the
     * token is unknown, revoked or belongs to another consumer.
     */
    Optional<String> tokenSecret(String consumerKey, String token);

    /** Secrets of one consumer and optionally one token (null for none). */
    static Secrets of(String consumerKey, String consumerSecret, String token, String tokenSecret) {
      return new Secrets() {
        @Override
        public Optional<String> consumerSecret(String key) {
          return key.equals(consumerKey) ? Optional.of(consumerSecret) : Optional.empty();
        }

        @Override
        public Optional<String> tokenSecret(String key, String t) {
          return key.equals(consumerKey) && token != null && token.equals(t)
              ? Optional.of(tokenSecret) : Optional.empty();
        }
      };
    }
  }

  /** A decoded request parameter. */
  public record Param(String name, String value) {
    public Param {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * What the verifier needs of a request.
   *
   * @param method the HTTP method
   * @param url the URL as the client addressed it (scheme, host and port from the Host header, raw
   *     path and query)
   * @param authorization the Authorization header, or null
   * @param formBody the body if it is {@code application/x-www-form-urlencoded}, else null
   */
  public record SignedRequest(String method, String url, String authorization, String formBody) {
    public SignedRequest {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(url, "url");
    }

    /**
     * The request as MockWebServer recorded it: the URL is rebuilt from the Host header and the
     * request target, so it is the one the client signed.
     */
    public static SignedRequest from(RecordedRequest request) {
      String host = request.getHeaders().get("Host");
      String scheme = request.getHandshake() != null ? "https" : "http";
      String target = request.getTarget();
      String url;
      if (target.startsWith("http://") || target.startsWith("https://")) {
        url = target;
      } else if (host != null) {
        url = scheme + "://" + host + target;
      } else {
        url = request.getUrl().toString();
      }
      String contentType = request.getHeaders().get("Content-Type");
      String form = null;
      if (request.getBody() != null && contentType != null
          && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
        form = request.getBody().utf8();
      }
      return new SignedRequest(request.getMethod(), url, request.getHeaders().get("Authorization"), form);
    }
  }

  /**
   * The outcome of a verification.
   *
   * @param valid whether the request is correctly signed, fresh and not replayed
   * @param problem null when valid, else one of the problem constants ({@link #SIGNATURE_INVALID}…)
   * @param detail a human explanation (never contains a secret), or null when valid
   * @param consumerKey the {@code oauth_consumer_key}, or null if absent
   * @param token the {@code oauth_token}, or null if absent or empty
   * @param oauthParameters every {@code oauth_*} parameter except the signature (first value wins)
   * @param baseString the signature base string if it was computed, else null (sent back as
   *     {@code debug_sbs}, as Flickr does)
   */
  public record Verification(boolean valid, String problem, String detail, String consumerKey, String token,
      Map<String, String> oauthParameters, String baseString) {
    public Verification {
      oauthParameters = Collections.unmodifiableMap(new LinkedHashMap<>(oauthParameters));
      if (valid != (problem == null)) {
        throw new IllegalArgumentException("a verification has a problem exactly when it is invalid");
      }
    }

    /** An {@code oauth_*} parameter ({@code oauth_verifier}, {@code oauth_callback}…), or null. */
    public String oauthParameter(String name) {
      return oauthParameters.get(name);
    }

    /**
     * The {@code text/plain} body of Flickr's 401 answer: {@code oauth_problem=…} plus
     * {@code debug_sbs} for a bad signature and {@code oauth_parameters_absent} for missing ones.
     */
    public String oauthProblemBody() {
      if (valid) {
        throw new IllegalStateException("a valid request has no problem body");
      }
      StringBuilder sb = new StringBuilder("oauth_problem=").append(problem);
      if (PARAMETER_ABSENT.equals(problem) && detail != null && detail.startsWith("missing ")) {
        sb.append("&oauth_parameters_absent=").append(percentEncode(detail.substring(8)));
      }
      if (SIGNATURE_INVALID.equals(problem) && baseString != null) {
        sb.append("&debug_sbs=").append(baseString);
      }
      return sb.toString();
    }
  }

  /**
   * Verifies a request against the registered consumers and tokens. Checks, in order: required
   * parameters, signature method, version, consumer key, token, timestamp window, signature, and
   * finally the nonce (recorded only for correctly signed requests, so forgeries cannot burn
   * nonces).
   */
  public Verification verify(SignedRequest request, Secrets secrets) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(secrets, "secrets");
    List<Param> params = new ArrayList<>();
    List<Param> body;
    URI uri;
    try {
      uri = new URI(request.url());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new URISyntaxException(request.url(), "no scheme or host");
      }
      body = parseForm(request.formBody());
      params.addAll(parseForm(uri.getRawQuery()));
      params.addAll(body);
    } catch (URISyntaxException | IllegalArgumentException e) {
      return fail(PARAMETER_REJECTED, "cannot parse the URL or body: " + e.getMessage(), null, null, Map.of(), null);
    }
    List<Param> header;
    try {
      header = request.authorization() == null ? List.of() : parseAuthorizationHeader(request.authorization());
    } catch (IllegalArgumentException e) {
      return fail(PARAMETER_REJECTED, e.getMessage(), null, null, Map.of(), null);
    }
    // With an OAuth header the protocol parameters come from it; otherwise from query or body.
    List<Param> protocol = header.isEmpty() ? params : header;
    Map<String, String> oauth = new LinkedHashMap<>();
    String signature = null;
    for (Param p : protocol) {
      if (p.name().equals("oauth_signature")) {
        signature = signature == null ? p.value() : signature;
      } else if (p.name().startsWith("oauth_")) {
        oauth.putIfAbsent(p.name(), p.value());
      }
    }
    String consumerKey = oauth.get("oauth_consumer_key");
    String token = emptyToNull(oauth.get("oauth_token"));

    TreeSet<String> absent = new TreeSet<>();
    for (String required : REQUIRED) {
      String v = required.equals("oauth_signature") ? signature : oauth.get(required);
      if (v == null || v.isEmpty()) {
        absent.add(required);
      }
    }
    if (!absent.isEmpty()) {
      return fail(PARAMETER_ABSENT, "missing " + String.join("&", absent), consumerKey, token, oauth, null);
    }
    if (!"HMAC-SHA1".equals(oauth.get("oauth_signature_method"))) {
      return fail(SIGNATURE_METHOD_REJECTED, "signature method " + oauth.get("oauth_signature_method")
          + " is not HMAC-SHA1", consumerKey, token, oauth, null);
    }
    String version = oauth.get("oauth_version");
    if (version != null && !version.equals("1.0")) {
      return fail(PARAMETER_REJECTED, "oauth_version " + version + " is not 1.0", consumerKey, token, oauth, null);
    }
    Optional<String> consumerSecret = secrets.consumerSecret(consumerKey);
    if (consumerSecret.isEmpty()) {
      return fail(CONSUMER_KEY_UNKNOWN, "consumer key " + consumerKey + " is not registered",
          consumerKey, token, oauth, null);
    }
    String tokenSecret = "";
    if (token != null) {
      Optional<String> ts = secrets.tokenSecret(consumerKey, token);
      if (ts.isEmpty()) {
        return fail(TOKEN_REJECTED, "token " + token + " is unknown or revoked", consumerKey, token, oauth, null);
      }
      tokenSecret = ts.get();
    }
    long now = clock.instant().getEpochSecond();
    long timestamp;
    try {
      timestamp = Long.parseLong(oauth.get("oauth_timestamp"));
    } catch (NumberFormatException e) {
      timestamp = Long.MIN_VALUE;
    }
    long w = window.getSeconds();
    if (timestamp == Long.MIN_VALUE || Math.abs(now - timestamp) > w) {
      return fail(TIMESTAMP_REFUSED, "timestamp " + oauth.get("oauth_timestamp") + " outside acceptable "
          + (now - w) + "-" + (now + w), consumerKey, token, oauth, null);
    }
    // baseString() adds the URL's own query parameters; pass the body and header ones.
    String base = baseString(request.method(), request.url(), withoutSignature(body, header));
    String expected = signature(base, consumerSecret.get(), tokenSecret);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.UTF_8))) {
      return fail(SIGNATURE_INVALID, "signature does not match the base string", consumerKey, token, oauth, base);
    }
    String nonceKey = consumerKey + '\u0000' + timestamp + '\u0000' + oauth.get("oauth_nonce");
    if (nonces.putIfAbsent(nonceKey, Boolean.TRUE) != null) {
      return fail(NONCE_USED, "nonce " + oauth.get("oauth_nonce") + " was already used at timestamp " + timestamp,
          consumerKey, token, oauth, base);
    }
    return new Verification(true, null, null, consumerKey, token, oauth, base);
  }

  /** Verifies against one consumer and optionally one token ({@code token} null for none). */
  public Verification verify(SignedRequest request, String consumerKey, String consumerSecret, String token,
      String tokenSecret) {
    return verify(request, Secrets.of(consumerKey, consumerSecret, token, tokenSecret));
  }

  private static Verification fail(String problem, String detail, String consumerKey, String token,
      Map<String, String> oauth, String base) {
    return new Verification(false, problem, detail, consumerKey, token, oauth, base);
  }

  private static List<Param> withoutSignature(List<Param> params, List<Param> header) {
    List<Param> all = new ArrayList<>(params.size() + header.size());
    all.addAll(params);
    all.addAll(header);
    all.removeIf(p -> p.name().equals("oauth_signature"));
    return all;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  // ---------------------------------------------------------------------------------------------
  // RFC 5849 primitives, public for tests and the test-side signer.

  /**
   * The signature base string (RFC 5849 §3.4.1): method, normalised base URL (lowercase scheme
   * and host, default port dropped, no query) and the normalised parameters (the URL's query
   * parameters plus {@code params}; {@code oauth_signature} and {@code realm} excluded).
   */
  public static String baseString(String method, String url, List<Param> params) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + url, e);
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String baseUrl = scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;

    List<String[]> encoded = new ArrayList<>();
    List<Param> all = new ArrayList<>(parseForm(uri.getRawQuery()));
    all.addAll(params);
    for (Param p : all) {
      if (p.name().equals("oauth_signature") || p.name().equals("realm")) {
        continue;
      }
      encoded.add(new String[] {percentEncode(p.name()), percentEncode(p.value())});
    }
    encoded.sort(Comparator.<String[], String>comparing(e -> e[0]).thenComparing(e -> e[1]));
    StringBuilder normalized = new StringBuilder();
    for (String[] e : encoded) {
      if (normalized.length() > 0) {
        normalized.append('&');
      }
      normalized.append(e[0]).append('=').append(e[1]);
    }
    return method.toUpperCase(Locale.ROOT) + '&' + percentEncode(baseUrl) + '&' + percentEncode(normalized.toString());
  }

  /** HMAC-SHA1 of a base string with key {@code enc(consumerSecret)&enc(tokenSecret)}, Base64. */
  public static String signature(String baseString, String consumerSecret, String tokenSecret) {
    String key = percentEncode(consumerSecret) + '&' + percentEncode(tokenSecret == null ? "" : tokenSecret);
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA1", e);
    }
  }

  /** Percent-encoding of RFC 5849 §3.6: UTF-8, unreserved characters kept, uppercase hex. */
  public static String percentEncode(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return sb.toString();
  }

  /**
   * Parses {@code application/x-www-form-urlencoded} text (a body or a raw query): {@code +} is a
   * space, {@code %XX} are UTF-8 bytes. Null or empty gives an empty list.
   *
   * @throws IllegalArgumentException on a malformed escape
   */
  public static List<Param> parseForm(String raw) {
    List<Param> out = new ArrayList<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue; // Flickr itself sends "&&"; tolerate empty pairs
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(new Param(decode(name, true), decode(value, true)));
    }
    return out;
  }

  /**
   * Parses an {@code Authorization: OAuth k="v", ...} header into decoded parameters ({@code realm}
   * included; the base string drops it).
   *
   * @throws IllegalArgumentException if it is not an OAuth header or is malformed
   */
  public static List<Param> parseAuthorizationHeader(String header) {
    String h = header.trim();
    if (h.length() < 6 || !h.regionMatches(true, 0, "OAuth", 0, 5) || !Character.isWhitespace(h.charAt(5))) {
      throw new IllegalArgumentException("Authorization header is not an OAuth header");
    }
    List<Param> out = new ArrayList<>();
    for (String part : h.substring(6).split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("malformed OAuth header parameter: " + p);
      }
      String name = p.substring(0, eq).trim();
      String value = p.substring(eq + 1).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      } else {
        throw new IllegalArgumentException("OAuth header parameter " + name + " is not quoted");
      }
      out.add(new Param(decode(name, false), decode(value, false)));
    }
    return out;
  }

  private static String decode(String s, boolean plusIsSpace) {
    if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new IllegalArgumentException("truncated percent escape in '" + s + "'");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("bad percent escape in '" + s + "'");
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        out.write(' ');
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Signs a request the way a client would and returns its Authorization header (for tests and
   * the fake's own tooling). {@code token}/{@code tokenSecret} may be null; {@code extraOAuth}
   * holds further protocol parameters such as {@code oauth_callback} or {@code oauth_verifier}.
   */
  public static String authorizationHeader(String method, String url, List<Param> formParams, String consumerKey,
      String consumerSecret, String token, String tokenSecret, String nonce, long timestamp,
      Map<String, String> extraOAuth) {
    Map<String, String> oauth = new LinkedHashMap<>();
    oauth.put("oauth_consumer_key", consumerKey);
    oauth.put("oauth_nonce", nonce);
    oauth.put("oauth_signature_method", "HMAC-SHA1");
    oauth.put("oauth_timestamp", Long.toString(timestamp));
    if (token != null) {
      oauth.put("oauth_token", token);
    }
    oauth.put("oauth_version", "1.0");
    oauth.putAll(extraOAuth);
    List<Param> params = new ArrayList<>(formParams);
    oauth.forEach((k, v) -> params.add(new Param(k, v)));
    oauth.put("oauth_signature", signature(baseString(method, url, params), consumerSecret, tokenSecret));
    StringBuilder sb = new StringBuilder("OAuth ");
    oauth.forEach((k, v) -> {
      if (sb.length() > 6) {
        sb.append(", ");
      }
      sb.append(percentEncode(k)).append("=\"").append(percentEncode(v)).append('"');
    });
    return sb.toString();
  }
}
