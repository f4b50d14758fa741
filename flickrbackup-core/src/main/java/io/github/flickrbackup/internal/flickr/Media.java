package io.github.flickrbackup.internal.flickr;

import io.github.flickrbackup.FailureKind;
import io.github.flickrbackup.ItemUnavailableException;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.internal.resilience.CallFailure;
import io.github.flickrbackup.internal.resilience.CallFailure.Kind;
import io.github.flickrbackup.internal.resilience.Resilience;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.MediaContent;
import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.MediaVariant;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.source.SessionCookie;
import io.github.flickrbackup.source.SessionProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Cookie;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Original media: URLs built without API calls, downloads with checked redirects and cookies. */
final class Media {
  static final Pattern SECRET = Pattern.compile("[0-9a-f]{1,64}");
  static final Pattern FORMAT = Pattern.compile("[a-z0-9]{1,5}");
  static final Pattern SERVER = Pattern.compile("[0-9]{1,10}");
  static final Pattern USER = Pattern.compile("[0-9A-Za-z@_.-]{1,64}");
  private static final Pattern FILENAME = Pattern.compile("filename\\*?=(?:UTF-8'')?\"?([^\";]+)\"?",
      Pattern.CASE_INSENSITIVE);
  static final int MAX_REDIRECTS = 5;
  /**
   * A CDN 404/403 of a photo (or of a video fetched with session cookies) is tried this often in
   * all: such errors are often transient, but not always.
   */
  static final int NOT_FOUND_ATTEMPTS = 3;

  private final FlickrPhotoSource source;
  private final OkHttpClient http;
  private final FlickrEndpoint endpoint;
  private final SessionProvider session;
  private final Resilience resilience;
  private volatile List<Cookie> cookies;

  Media(FlickrPhotoSource source, OkHttpClient http, FlickrEndpoint endpoint, SessionProvider session,
      Resilience resilience) {
    this.source = source;
    this.http = http;
    this.endpoint = endpoint;
    this.session = session;
    this.resilience = resilience;
  }

  /** Where real Flickr serves static files; any other endpoint serves them from its web base. */
  URI staticBase() {
    return endpoint.mediaHosts().contains("*.staticflickr.com")
        ? URI.create("https://live.staticflickr.com/") : endpoint.web();
  }

  URI mediaUrl(RemoteItem item) throws SourceException {
    Optional<URI> built = builtUrl(item);
    if (built.isPresent()) {
      return built.get();
    }
    Sizes sizes = source.sizes(item.id());
    Optional<Sizes.Size> original = sizes.get(originalLabel(item));
    if (original.isPresent()) {
      return checked(item, original.get().source());
    }
    Optional<Sizes.Size> rendition = item.media() == MediaKind.VIDEO ? sizes.largestRendition() : Optional.empty();
    if (rendition.isPresent()) {
      return checked(item, rendition.get().source());
    }
    throw noOriginal(item, sizes);
  }

  /**
   * The original's URL from what the listing gave, without an API call: {@code url_o}, or one
   * built from the secrets; empty when the listing lacks what is needed.
   */
  private Optional<URI> builtUrl(RemoteItem item) throws SourceException {
    String secret = item.originalSecret();
    if (item.media() == MediaKind.VIDEO) {
      if (secret.isEmpty()) {
        return Optional.empty();
      }
      requireMatch(item, SECRET, secret, "originalsecret");
      String user = item.owner().isEmpty() ? source.ownerNsid() : item.owner();
      requireMatch(item, USER, user, "owner");
      return Optional.of(endpoint.web().resolve("photos/" + user + "/" + item.id() + "/play/orig/" + secret + "/"));
    }
    URI urlO = item.originalUrl();
    if (urlO != null && allowed(urlO)) {
      return Optional.of(urlO);
    }
    if (secret.isEmpty() || item.originalFormat().isEmpty() || item.server().isEmpty()) {
      return Optional.empty();
    }
    requireMatch(item, SECRET, secret, "originalsecret");
    requireMatch(item, FORMAT, item.originalFormat(), "originalformat");
    requireMatch(item, SERVER, item.server(), "server");
    return Optional.of(staticBase().resolve(
        item.server() + "/" + item.id() + "_" + secret + "_o." + item.originalFormat()));
  }

  private static String originalLabel(RemoteItem item) {
    // For a video, getSizes' "Original" is the poster image.
    return item.media() == MediaKind.VIDEO ? Sizes.VIDEO_ORIGINAL : Sizes.ORIGINAL;
  }

  /** A URL getSizes gave, refused unless it is a readable URL on a media host. */
  private URI checked(RemoteItem item, String src) throws ItemUnavailableException {
    URI u;
    try {
      u = URI.create(src.trim());
    } catch (IllegalArgumentException e) {
      throw invalid(item, "getSizes gave an unreadable URL");
    }
    if (!allowed(u)) {
      throw invalid(item, "getSizes gave a URL on a host that is not a media host: " + u.getHost());
    }
    return u;
  }

  private static ItemUnavailableException noOriginal(RemoteItem item, Sizes sizes) {
    String offers = item.media() == MediaKind.VIDEO
        ? "video but offers neither its 'Video Original' nor a rendition" : "photo but offers no 'Original'";
    return new ItemUnavailableException(item.id(), FailureKind.ORIGINAL_UNAVAILABLE,
        item.id() + ": Flickr lists the " + offers + " (getSizes lists " + sizes.labels() + ")");
  }

  private boolean allowed(URI u) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("https") || scheme.equals("http")) && endpoint.isMediaHost(u.getHost())
        && !(scheme.equals("http") && "https".equals(endpoint.web().getScheme()));
  }

  private static void requireMatch(RemoteItem item, Pattern p, String value, String what)
      throws ItemUnavailableException {
    if (!p.matcher(value).matches()) {
      throw invalid(item, "refused unsafe " + what + " '" + Items.printable(value) + "'");
    }
  }

  private static ItemUnavailableException invalid(RemoteItem item, String message) {
    return new ItemUnavailableException(item.id(), FailureKind.INVALID_ITEM, item.id() + ": " + message);
  }

  /**
   * Opens the original. The URL from the listing costs no API call; when it answers 404 (or the
   * listing lacked it), getSizes is asked once what Flickr offers now before anything is
   * concluded: the item may have been replaced, or be gone, or its original be served only to a
   * signed-in browser.
   */
  MediaContent open(RemoteItem item) throws SourceException {
    List<Cookie> jar = cookies();
    Optional<URI> built = builtUrl(item);
    CallFailure notFound = null;
    if (built.isPresent()) {
      try {
        return fetch(item, built.get(), jar, null);
      } catch (CallFailure f) {
        if (f.kind() != Kind.NOT_FOUND) {
          throw unavailable(item, f);
        }
        notFound = f;
      }
    }
    Sizes sizes = source.sizes(item.id());
    Optional<Sizes.Size> original = sizes.get(originalLabel(item));
    if (original.isEmpty()) {
      Optional<Sizes.Size> rendition = item.media() == MediaKind.VIDEO ? sizes.largestRendition() : Optional.empty();
      if (rendition.isPresent()) {
        return openRendition(item, rendition.get(), jar);
      }
      throw noOriginal(item, sizes);
    }
    URI url = checked(item, original.get().source());
    if (notFound == null || !url.equals(built.get())) {
      try {
        return fetch(item, url, jar, null);
      } catch (CallFailure f) {
        if (f.kind() != Kind.NOT_FOUND) {
          throw unavailable(item, f);
        }
        notFound = f;
      }
    }
    throw notServed(item, url, notFound.httpStatus(), !jar.isEmpty());
  }

  /**
   * Flickr offers no original of this video (old videos, or processing that failed): its
   * largest rendition is kept rather than nothing, and the content says what it is.
   */
  private MediaContent openRendition(RemoteItem item, Sizes.Size rendition, List<Cookie> jar)
      throws SourceException {
    URI url = checked(item, rendition.source());
    try {
      return fetch(item, url, jar, new MediaVariant(rendition.label(), url));
    } catch (CallFailure f) {
      if (f.kind() != Kind.NOT_FOUND) {
        throw unavailable(item, f);
      }
      boolean withCookies = !jar.isEmpty();
      throw new ItemUnavailableException(item.id(),
          withCookies ? FailureKind.STALE_WEB_SESSION : FailureKind.NEEDS_WEB_SESSION,
          item.id() + ": Flickr offers no original of this video, and its largest rendition ('" + rendition.label()
              + "') answered HTTP " + f.httpStatus()
              + (withCookies ? " although session cookies were sent" : " without a browser session"));
    }
  }

  /**
   * One download with retries. A video's 404 without session cookies is not retried: it is how
   * Flickr answers scripts for videos it serves only to a signed-in browser, so retrying only
   * waits.
   *
   * @param substitute what the URL serves when it is not the original, else null
   */
  private MediaContent fetch(RemoteItem item, URI url, List<Cookie> jar, MediaVariant substitute)
      throws SourceException {
    int notFoundAttempts = item.media() == MediaKind.VIDEO && jar.isEmpty() ? 1 : NOT_FOUND_ATTEMPTS;
    AtomicInteger attempts = new AtomicInteger();
    String what = "download " + item.id();
    try {
      return resilience.media(what,
          () -> attempt(item, url, jar, attempts.incrementAndGet(), notFoundAttempts, substitute));
    } catch (CallFailure f) {
      if (Thread.currentThread().isInterrupted()) {
        throw new SourceException(what + " was interrupted", f);
      }
      throw f;
    }
  }

  /** Flickr lists the original at {@code url} (getSizes says so), but that URL does not serve it. */
  private ItemUnavailableException notServed(RemoteItem item, URI url, int status, boolean withCookies) {
    if (item.media() == MediaKind.VIDEO) {
      return new ItemUnavailableException(item.id(),
          withCookies ? FailureKind.STALE_WEB_SESSION : FailureKind.NEEDS_WEB_SESSION,
          item.id() + ": the video original answered HTTP " + status
              + (withCookies ? " although session cookies were sent" : " without a browser session")
              + " (getSizes lists it); manual download: " + endpoint.web().resolve("video_download.gne?id=" + item.id()));
    }
    return new ItemUnavailableException(item.id(), FailureKind.ORIGINAL_UNAVAILABLE,
        item.id() + ": the original answered HTTP " + status + " at " + url
            + ", although getSizes lists it there: Flickr has the photo but does not serve its original now");
  }

  private SourceException unavailable(RemoteItem item, CallFailure f) throws SourceException {
    if (f.kind() == Kind.PERMANENT && f.httpStatus() == 0) {
      return new ItemUnavailableException(item.id(), FailureKind.INVALID_ITEM, f.getMessage());
    }
    if (f.kind() == Kind.AUTHENTICATION) {
      return FlickrPhotoSource.toPublic(f);
    }
    return new ItemUnavailableException(item.id(), FailureKind.DOWNLOAD_FAILED, f.getMessage());
  }

  /** One attempt: resolve redirects afresh (never reuse a signed CDN URL), hop by hop. */
  private MediaContent attempt(RemoteItem item, URI start, List<Cookie> jar, int attempt, int notFoundAttempts,
      MediaVariant substitute) {
    HttpUrl url = HttpUrl.get(start.toString());
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      Request.Builder rb = new Request.Builder().url(url).get();
      String cookieHeader = cookieHeader(jar, url);
      if (!cookieHeader.isEmpty()) {
        rb.header("Cookie", cookieHeader);
      }
      Response response;
      try {
        response = http.newCall(rb.build()).execute();
      } catch (IOException e) {
        throw Resilience.ioFailure("download " + item.id(), e);
      }
      int code = response.code();
      if (code >= 300 && code < 400 && code != 304) {
        String location = response.header("Location");
        response.close();
        HttpUrl next = location == null ? null : url.resolve(location);
        if (next == null) {
          throw CallFailure.permanent("download " + item.id() + ": redirect without a usable Location");
        }
        if (url.isHttps() && !next.isHttps()) {
          throw CallFailure.permanent("download " + item.id() + ": refused a redirect from https to http");
        }
        if (!endpoint.isMediaHost(next.host())) {
          throw CallFailure.permanent("download " + item.id() + ": refused a redirect to " + next.host()
              + ", which is not a media host");
        }
        url = next;
        continue;
      }
      if (code == 200 || code == 206) {
        String type = response.header("Content-Type", "");
        if (type.toLowerCase(Locale.ROOT).startsWith("text/html")) {
          response.close();
          throw CallFailure.transientFailure("download " + item.id() + ": the CDN sent an HTML page", null);
        }
        return new Content(response, url.uri(), substitute);
      }
      response.close();
      if (code == 404 || code == 410 || code == 403) {
        // Often transient on the CDN, so tried a few times; then a 403 is a download failure, and
        // a 404/410 sends the caller to getSizes to learn why.
        Kind kind = code == 403 ? Kind.TRANSIENT : Kind.NOT_FOUND;
        int limit = code == 404 ? notFoundAttempts : NOT_FOUND_ATTEMPTS;
        throw new CallFailure(kind, 0, code, null, "download " + item.id() + ": HTTP " + code, null)
            .retryable(attempt < limit);
      }
      if (code == 429) {
        throw new CallFailure(Kind.RATE_LIMITED, 0, 429, RestClient.retryAfter(response.header("Retry-After"),
            source.settings().clock()), "download " + item.id() + ": HTTP 429", null);
      }
      if (code >= 500 || code == 408) {
        throw new CallFailure(Kind.TRANSIENT, 0, code, null, "download " + item.id() + ": HTTP " + code, null);
      }
      throw new CallFailure(Kind.PERMANENT, 0, code, null, "download " + item.id() + ": HTTP " + code, null);
    }
    throw CallFailure.permanent("download " + item.id() + ": more than " + MAX_REDIRECTS + " redirects");
  }

  /** Session cookies, read once; sent only to media hosts. */
  List<Cookie> cookies() throws SourceException {
    List<Cookie> c = cookies;
    if (c == null) {
      synchronized (this) {
        c = cookies;
        if (c == null) {
          c = session == null ? List.of() : convert(readSession());
          cookies = c;
        }
      }
    }
    return c;
  }

  private List<SessionCookie> readSession() throws SourceException {
    try {
      List<SessionCookie> list = session.cookies();
      return list == null ? List.of() : list;
    } catch (IOException e) {
      throw new SourceException("the web session cannot be read: " + e.getMessage(), e);
    }
  }

  static List<Cookie> convert(List<SessionCookie> session) {
    List<Cookie> out = new ArrayList<>();
    for (SessionCookie s : session) {
      try {
        Cookie.Builder b = new Cookie.Builder().name(s.name()).value(s.value()).domain(s.domain()).path(s.path());
        if (s.secure()) {
          b.secure();
        }
        if (s.httpOnly()) {
          b.httpOnly();
        }
        if (s.expiry() != null) {
          b.expiresAt(s.expiry().toEpochMilli());
        }
        out.add(b.build());
      } catch (IllegalArgumentException e) {
        // a cookie OkHttp cannot represent (odd characters) is skipped; the rest still count
      }
    }
    return out;
  }

  private String cookieHeader(List<Cookie> jar, HttpUrl url) {
    if (jar.isEmpty() || !endpoint.isMediaHost(url.host())) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    long now = System.currentTimeMillis();
    for (Cookie c : jar) {
      if (c.matches(url) && (!c.persistent() || c.expiresAt() > now)) {
        if (sb.length() > 0) {
          sb.append("; ");
        }
        sb.append(c.name()).append('=').append(c.value());
      }
    }
    return sb.toString();
  }

  /** An open download. */
  private static final class Content implements MediaContent {
    private final Response response;
    private final URI url;
    private final MediaVariant substitute;

    Content(Response response, URI url, MediaVariant substitute) {
      this.response = response;
      this.url = url;
      this.substitute = substitute;
    }

    @Override
    public Optional<MediaVariant> substitute() {
      return Optional.ofNullable(substitute);
    }

    @Override
    public InputStream body() {
      return response.body().byteStream();
    }

    @Override
    public OptionalLong length() {
      long n = response.body().contentLength();
      return n >= 0 ? OptionalLong.of(n) : OptionalLong.empty();
    }

    @Override
    public Optional<String> contentType() {
      return Optional.ofNullable(response.header("Content-Type"));
    }

    @Override
    public Optional<String> fileName() {
      String cd = response.header("Content-Disposition");
      if (cd == null) {
        return Optional.empty();
      }
      Matcher m = FILENAME.matcher(cd);
      if (!m.find()) {
        return Optional.empty();
      }
      String name = m.group(1).trim();
      int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
      name = name.substring(slash + 1);
      return name.isEmpty() || name.equals(".") || name.equals("..") ? Optional.empty() : Optional.of(name);
    }

    @Override
    public URI url() {
      return url;
    }

    @Override
    public void close() {
      response.close();
    }
  }
}
