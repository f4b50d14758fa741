package io.github.flickrbackup.internal.flickr;

import com.flickr4java.flickr.Flickr;
import com.flickr4java.flickr.FlickrException;
import com.flickr4java.flickr.people.User;
import com.flickr4java.flickr.photos.PhotoAllContext;
import com.flickr4java.flickr.photos.PhotoSet;
import io.github.flickrbackup.AuthenticationException;
import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.FailureKind;
import io.github.flickrbackup.ItemUnavailableException;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.internal.resilience.CallFailure;
import io.github.flickrbackup.internal.resilience.CallFailure.Kind;
import io.github.flickrbackup.internal.resilience.Resilience;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.ListingSink;
import io.github.flickrbackup.source.MediaContent;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.RemoteItem;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.w3c.dom.Element;

/** The Flickr {@link PhotoSource}: few calls, classified errors, retries and a budget. */
public final class FlickrPhotoSource implements PhotoSource {
  /** Listing page size: Flickr's maximum. */
  static final int PER_PAGE = 500;
  static final String EXTRAS = "description,license,date_upload,date_taken,owner_name,original_format,"
      + "last_update,geo,tags,machine_tags,o_dims,media,path_alias,url_o";
  /** How often a short page is asked for again before the listing is reconciled. */
  private static final int SHORT_PAGE_REREQUESTS = 2;

  private final SourceSettings settings;
  private final OkHttpClient http;
  private final RestClient rest;
  private final Resilience resilience;
  private final Flickr flickr4j;
  private final Media media;
  private volatile String ownerNsid;

  private volatile boolean closed;

  private FlickrPhotoSource(SourceSettings s) {
    this.settings = s;
    // Every request, API or media, passes here first: a closed source refuses all of them in one place.
    this.http = httpClient(s).newBuilder().addInterceptor(chain -> {
      if (closed) {
        throw new IllegalStateException("this Flickr source is closed");
      }
      return chain.proceed(chain.request());
    }).build();
    this.rest = new RestClient(http, s.endpoint(), s.apiKey(), s.token(), s.clock());
    this.resilience = new Resilience(s.retry(), s.listener());
    this.flickr4j = new Flickr(s.apiKey().key(), s.apiKey().secret(), new FlickrTransport(rest, resilience));
    this.ownerNsid = s.token().userNsid();
    this.media = new Media(this, http, s.endpoint(), s.session(), resilience);
  }

  /**
   * Builds a source.
   *
   * @param settings the settings
   * @return the source
   */
  public static FlickrPhotoSource create(SourceSettings settings) {
    return new FlickrPhotoSource(settings);
  }

  /** One client for API calls and media: pooled connections, timeouts, redirects followed by hand. */
  static OkHttpClient httpClient(SourceSettings s) {
    return new OkHttpClient.Builder()
        .connectTimeout(s.connectTimeout())
        .readTimeout(s.requestTimeout())
        .writeTimeout(s.requestTimeout())
        // Enough idle connections for parallel downloads (the plan allows up to 64 threads).
        .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
        // Media redirects are checked hop by hop (host allowlist, no https to http); the API never redirects.
        .followRedirects(false)
        .followSslRedirects(false)
        // A pooled connection the server closed is retried by OkHttp on a fresh one; failures after
        // the answer began (resets mid-body) reach our retry decorator.
        .retryOnConnectionFailure(true)
        .build();
  }

  SourceSettings settings() {
    return settings;
  }

  BackupListener listener() {
    return settings.listener();
  }

  // ------------------------------------------------------------------ API calls

  /** One API call with retries and the limiter; failures become the public exceptions. */
  Element api(String method, Map<String, String> params) throws SourceException {
    return translate(method, () -> resilience.api(method, () -> rest.call(method, params)));
  }

  static <T> T translate(String what, Supplier<T> call) throws SourceException {
    try {
      return call.get();
    } catch (CallFailure f) {
      throw toPublic(f);
    } catch (io.github.resilience4j.ratelimiter.RequestNotPermitted e) {
      throw new SourceException(what + ": the hourly API budget is spent; run again later", e);
    }
  }

  static SourceException toPublic(CallFailure f) {
    if (f.kind() == Kind.AUTHENTICATION) {
      return new AuthenticationException(f.getMessage(), f);
    }
    return new SourceException(f.getMessage(), f);
  }

  private static Map<String, String> params(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Override
  public long apiCalls() {
    return rest.calls();
  }

  // ------------------------------------------------------------------ listings

  /**
   * Flickr opened in February 2004: nothing on it was uploaded, updated or faved before then.
   * A listing from this moment or earlier is a listing of everything.
   */
  public static final Instant FLICKR_OPENED = Instant.parse("2004-02-01T00:00:00Z");

  /**
   * Whether a listing from {@code since} lists everything: the first run of {@code -f 1990-01-01}
   * then needs no separate count of the account (see the completeness report).
   *
   * @param since the listing's start, or null
   * @return true if it is {@link #FLICKR_OPENED} or earlier
   */
  public static boolean listsEverything(Instant since) {
    return since == null || !since.isAfter(FLICKR_OPENED);
  }

  /**
   * A full listing uses {@code people.getPhotos} (ordered by upload date, which edits during the
   * run do not change, so pages stay stable); an incremental one uses {@code recentlyUpdated},
   * which finds edits as well as uploads.
   */
  @Override
  public void listUpdated(Instant since, Consumer<? super RemoteItem> sink) throws SourceException {
    if (listsEverything(since)) {
      listPhotos("flickr.people.getPhotos", params("user_id", "me"), sink);
    } else {
      listPhotos("flickr.photos.recentlyUpdated", params("min_date", Long.toString(since.getEpochSecond())), sink);
    }
  }

  @Override
  public void listFavorites(Instant since, Consumer<? super RemoteItem> sink) throws SourceException {
    Map<String, String> p = new LinkedHashMap<>();
    if (!listsEverything(since)) {
      p.put("min_fave_date", Long.toString(since.getEpochSecond()));
    }
    listPhotos("flickr.favorites.getList", p, sink);
  }

  /** Listing passes in all: the first, and at most two re-lists. */
  static final int MAX_PASSES = 3;

  /**
   * How far Flickr's {@code total} may move while one pass pages and still be re-listed: a few
   * uploads or deletions during a run are normal, while a larger swing is not something a
   * re-list can be expected to settle, so the listing then ends unconfirmed at once.
   */
  static int driftTolerance(int total) {
    return Math.max(10, total / 100);
  }

  /**
   * Pages a {@code <photos>} listing. Within a pass it stops on {@code pages} (never on an empty
   * page), dedupes ids and asks again for a page shorter than {@code perpage} that is not the
   * last. A pass confirms the listing when Flickr's {@code total} was the same on every page and
   * the pass accounted for that many items (handed over or refused). Otherwise an item may have
   * been skipped (deleting an item on a page already read moves the next page's first item onto
   * it), so the listing is repeated, up to {@link #MAX_PASSES} passes; only items not handed over
   * before are handed over. A listing never confirmed ends as {@link ListingSink#incomplete}
   * (or throws, for a plain consumer).
   */
  void listPhotos(String method, Map<String, String> base, Consumer<? super RemoteItem> sink) throws SourceException {
    Listing listing = new Listing(method, sink);
    String unconfirmed = null;
    for (int pass = 1; pass <= MAX_PASSES; pass++) {
      Pass p = listPass(listing, base);
      if (p.consistent() && p.accounted() >= p.lastTotal()) {
        unconfirmed = null;
        break;
      }
      if (p.consistent()) {
        unconfirmed = "Flickr reported " + p.lastTotal() + " items but sent " + p.accounted()
            + " distinct ones after re-requesting short pages";
      } else {
        int tolerance = driftTolerance(p.firstTotal());
        unconfirmed = "Flickr's total changed from " + p.firstTotal() + " to " + p.lastTotal()
            + " while paging (items added or deleted during the run)";
        if (p.swing() > tolerance) {
          unconfirmed += ", by more than the " + tolerance + " a re-list is tried for";
          break;
        }
      }
      if (pass < MAX_PASSES) {
        listing.warning(method + ": " + unconfirmed + "; listing again");
      }
    }
    listing.finish(unconfirmed);
  }

  /** One listing across its passes: what was handed over or refused, and whom to tell. */
  private final class Listing {
    private final String method;
    private final Consumer<? super RemoteItem> sink;
    private final ListingSink reporting;
    private final Set<PhotoId> handed = new HashSet<>();
    private final Map<String, String> refused = new LinkedHashMap<>();
    private int reportedTotal = -1;

    Listing(String method, Consumer<? super RemoteItem> sink) {
      this.method = method;
      this.sink = sink;
      this.reporting = sink instanceof ListingSink l ? l : null;
    }

    void hand(RemoteItem item) {
      if (handed.add(item.id())) {
        sink.accept(item);
      }
    }

    /** Tells the sink Flickr's count, first and whenever it moves (a progress display's end). */
    void total(int total) {
      if (reporting != null && total != reportedTotal) {
        reportedTotal = total;
        reporting.total(total);
      }
    }

    void refuse(String rawId, String reason) {
      if (refused.putIfAbsent(rawId, reason) == null) {
        if (reporting != null) {
          reporting.refused(rawId, method + ": " + reason);
        } else {
          warn(method + ": " + reason);
        }
      }
    }

    void warning(String message) {
      if (reporting != null) {
        reporting.warning(message);
      } else {
        warn(message);
      }
    }

    /** Reports a listing that was not confirmed; a plain consumer gets an exception instead. */
    void finish(String unconfirmed) throws SourceException {
      if (reporting != null) {
        if (unconfirmed != null) {
          reporting.incomplete(method + ": listing incomplete: " + unconfirmed + "; nothing was deleted");
        }
        return;
      }
      if (unconfirmed == null && refused.isEmpty()) {
        return;
      }
      List<String> why = new ArrayList<>();
      if (unconfirmed != null) {
        why.add(unconfirmed);
      }
      if (!refused.isEmpty()) {
        why.add(refused.size() + " refused (" + String.join("; ", refused.values()) + ")");
      }
      throw new SourceException(method + ": listing incomplete: " + String.join("; ", why)
          + "; nothing was deleted, run again");
    }
  }

  /**
   * What one pass saw: Flickr's first and last total, how far apart its totals were (0: it held
   * still), and the distinct items it accounted for.
   */
  private record Pass(int firstTotal, int lastTotal, int swing, int accounted) {
    boolean consistent() {
      return swing == 0;
    }
  }

  private Pass listPass(Listing listing, Map<String, String> base) throws SourceException {
    int pages = 1;
    int first = -1;
    int last = -1;
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    Set<PhotoId> listed = new HashSet<>();
    Set<String> refused = new HashSet<>();
    for (int page = 1; page <= pages; page++) {
      Page p = null;
      for (int attempt = 0; attempt <= SHORT_PAGE_REREQUESTS; attempt++) {
        Page got = page(listing.method, base, page);
        if (first < 0) {
          first = got.total;
        }
        last = got.total;
        listing.total(got.total);
        min = Math.min(min, got.total);
        max = Math.max(max, got.total);
        p = p == null ? got : p.merge(got);
        boolean lastPage = page >= got.pages;
        if (lastPage || p.items.size() + p.refused.size() >= got.perPage) {
          break;
        }
      }
      pages = p.pages;
      for (RemoteItem item : p.items) {
        listed.add(item.id());
        listing.hand(item);
      }
      refused.addAll(p.refused.keySet());
      p.refused.forEach(listing::refuse);
    }
    return new Pass(first, last, max - min, listed.size() + refused.size());
  }

  /** One page: its items, and the items refused on it (raw id → reason). */
  private record Page(int pages, int perPage, int total, List<RemoteItem> items, Map<String, String> refused) {
    Page merge(Page again) {
      Map<PhotoId, RemoteItem> byId = new LinkedHashMap<>();
      items.forEach(i -> byId.put(i.id(), i));
      again.items.forEach(i -> byId.putIfAbsent(i.id(), i));
      Map<String, String> bad = new LinkedHashMap<>(refused);
      again.refused.forEach(bad::putIfAbsent);
      return new Page(again.pages, again.perPage, again.total, new ArrayList<>(byId.values()), bad);
    }
  }

  private Page page(String method, Map<String, String> base, int page) throws SourceException {
    Map<String, String> p = new LinkedHashMap<>(base);
    p.put("extras", EXTRAS);
    p.put("per_page", Integer.toString(PER_PAGE));
    p.put("page", Integer.toString(page));
    Element rsp = api(method, p);
    Element photos = Xml.child(rsp, "photos");
    if (photos == null) {
      // stat="ok" without the listing: an error, never an empty list.
      throw new SourceException(method + ": Flickr answered ok but without <photos>; nothing was listed");
    }
    int pages = Xml.intAttr(photos, "pages", -1);
    int total = Xml.intAttr(photos, "total", -1);
    int perPage = Xml.intAttr(photos, "perpage", Xml.intAttr(photos, "per_page", PER_PAGE));
    if (pages < 0 || total < 0) {
      throw new SourceException(method + ": page " + page + " has no readable pages/total");
    }
    List<RemoteItem> items = new ArrayList<>();
    Map<String, String> refused = new LinkedHashMap<>();
    for (Element e : Xml.children(photos, "photo")) {
      try {
        items.add(Items.fromListing(e));
      } catch (Items.BadItem bad) {
        refused.putIfAbsent(bad.rawId(), bad.getMessage());
      }
    }
    return new Page(Math.max(pages, 1), perPage, total, items, refused);
  }

  void warn(String message) {
    try {
      settings.listener().warning(message);
    } catch (RuntimeException ignored) {
      // listeners must not throw; a broken one does not stop the listing
    }
  }

  @Override
  public List<Album> albums() throws SourceException {
    List<Album> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int pages = 1;
    for (int page = 1; page <= pages; page++) {
      Element rsp = api("flickr.photosets.getList", params("per_page", Integer.toString(PER_PAGE),
          "page", Integer.toString(page)));
      Element sets = Xml.child(rsp, "photosets");
      if (sets == null) {
        throw new SourceException("flickr.photosets.getList: Flickr answered ok but without <photosets>");
      }
      pages = Math.max(1, Xml.intAttr(sets, "pages", 1));
      for (Element s : Xml.children(sets, "photoset")) {
        String id = s.getAttribute("id");
        Instant updated = Items.epoch(s.getAttribute("date_update"));
        try {
          Album a = new Album(id, Xml.childText(s, "title"), Xml.childText(s, "description"),
              updated == null ? Instant.EPOCH : updated,
              Math.max(0, Xml.intAttr(s, "count_photos", Xml.intAttr(s, "photos", 0))),
              Math.max(0, Xml.intAttr(s, "count_videos", Xml.intAttr(s, "videos", 0))));
          if (seen.add(a.id())) {
            out.add(a);
          }
        } catch (IllegalArgumentException e) {
          warn("flickr.photosets.getList: refused an album: " + e.getMessage());
        }
      }
    }
    return out;
  }

  @Override
  public void listAlbumMembers(Album album, Consumer<? super PhotoId> sink) throws SourceException {
    Set<String> seen = new HashSet<>();
    // A refused member id is accounted for (and warned about), not a gap: the listing reports the item.
    Set<String> refused = new HashSet<>();
    int pages = 1;
    int total = 0;
    for (int page = 1; page <= pages; page++) {
      Element rsp;
      try {
        rsp = api("flickr.photosets.getPhotos", params("photoset_id", album.id(), "per_page",
            Integer.toString(PER_PAGE), "page", Integer.toString(page), "media", "all"));
      } catch (SourceException e) {
        if (e.getCause() instanceof CallFailure f && f.kind() == Kind.NOT_FOUND) {
          return; // the album was deleted since it was listed: it has no members now
        }
        throw e;
      }
      Element set = Xml.child(rsp, "photoset");
      if (set == null) {
        throw new SourceException("flickr.photosets.getPhotos: Flickr answered ok but without <photoset>");
      }
      pages = Math.max(1, Xml.intAttr(set, "pages", 1));
      total = Xml.intAttr(set, "total", total);
      for (Element e : Xml.children(set, "photo")) {
        String id = e.getAttribute("id");
        try {
          PhotoId pid = PhotoId.of(id);
          if (seen.add(id)) {
            sink.accept(pid);
          }
        } catch (IllegalArgumentException bad) {
          if (refused.add(id)) {
            warn("flickr.photosets.getPhotos: refused a member id '" + Items.printable(id) + "'");
          }
        }
      }
    }
    if (seen.size() + refused.size() < total) {
      throw new SourceException("flickr.photosets.getPhotos: album " + album.id() + " listed " + seen.size()
          + " of " + total + " members; run again");
    }
  }

  @Override
  public Optional<RemoteItem> item(PhotoId id) throws SourceException {
    Element rsp;
    try {
      rsp = api("flickr.photos.getInfo", params("photo_id", id.value()));
    } catch (SourceException e) {
      if (e.getCause() instanceof CallFailure f && f.kind() == Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    Element photo = Xml.child(rsp, "photo");
    if (photo == null) {
      throw new SourceException("flickr.photos.getInfo: Flickr answered ok but without <photo> for " + id);
    }
    // getSizes supplies what a listing's url_o and o_dims extras carry, so that the item gets the
    // same metadata files as when it is listed (the Python tool, too, asked both per id).
    Element original = null;
    for (Element size : sizeElements(id)) {
      if ("Original".equals(size.getAttribute("label"))) {
        original = size;
        break;
      }
    }
    try {
      return Optional.of(Items.fromInfo(photo, original));
    } catch (Items.BadItem bad) {
      throw new ItemUnavailableException(id, FailureKind.INVALID_ITEM, bad.getMessage());
    }
  }

  /** Uses flickr4java's parser of {@code getAllContexts} (it covers what is needed: set ids). */
  @Override
  public List<String> albumIdsOf(PhotoId id) throws SourceException {
    try {
      PhotoAllContext ctx = translate("flickr.photos.getAllContexts", () -> {
        try {
          return flickr4j.getPhotosInterface().getAllContexts(id.value());
        } catch (FlickrException e) {
          throw new CallFailure(Kind.PERMANENT, Xml.toInt(e.getErrorCode(), 0), 200, null,
              "flickr.photos.getAllContexts: " + e.getMessage(), e);
        }
      });
      List<String> out = new ArrayList<>();
      for (PhotoSet s : ctx.getPhotoSetList()) {
        if (s.getId() != null && !out.contains(s.getId())) {
          out.add(s.getId());
        }
      }
      return out;
    } catch (SourceException e) {
      if (e.getCause() instanceof CallFailure f && f.kind() == Kind.NOT_FOUND) {
        throw new ItemUnavailableException(id, FailureKind.NOT_FOUND, id + " was not found on Flickr");
      }
      throw e;
    }
  }

  /** The account's NSID: from the token, else one {@code flickr.test.login} (via flickr4java). */
  String ownerNsid() throws SourceException {
    String nsid = ownerNsid;
    if (nsid == null || nsid.isEmpty()) {
      User user = translate("flickr.test.login", () -> {
        try {
          return flickr4j.getTestInterface().login();
        } catch (FlickrException e) {
          throw new CallFailure(Kind.PERMANENT, 0, 200, null, "flickr.test.login: " + e.getMessage(), e);
        }
      });
      nsid = user.getId();
      ownerNsid = nsid;
    }
    return nsid;
  }

  /**
   * Checks a token with {@code flickr.test.login} and fills in the user's NSID and name.
   *
   * @return the token with user fields set
   * @throws SourceException if the token is refused (an {@link AuthenticationException}) or Flickr fails
   */
  public AccessToken checkLogin() throws SourceException {
    Element rsp = api("flickr.test.login", Map.of());
    Element user = Xml.child(rsp, "user");
    if (user == null || user.getAttribute("id").isEmpty()) {
      throw new SourceException("flickr.test.login: Flickr answered ok but without a user");
    }
    AccessToken t = settings.token();
    return new AccessToken(t.token(), t.secret(), user.getAttribute("id"), Xml.childText(user, "username"));
  }

  @Override
  public OptionalLong ownItemCount() throws SourceException {
    Element rsp = api("flickr.people.getInfo", params("user_id", ownerNsid()));
    Element count = rsp;
    for (String name : new String[] {"person", "photos", "count"}) {
      count = count == null ? null : Xml.child(count, name);
    }
    long n = count == null ? -1 : Xml.toInt(count.getTextContent().trim(), -1);
    return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
  }

  @Override
  public OptionalLong favoriteCount() throws SourceException {
    Element photos = Xml.child(api("flickr.favorites.getList", params("per_page", "1", "page", "1")), "photos");
    int total = photos == null ? -1 : Xml.intAttr(photos, "total", -1);
    return total < 0 ? OptionalLong.empty() : OptionalLong.of(total);
  }

  // ------------------------------------------------------------------ media

  @Override
  public URI mediaUrl(RemoteItem item) throws SourceException {
    return media.mediaUrl(item);
  }

  @Override
  public MediaContent openMedia(RemoteItem item) throws SourceException {
    return media.open(item);
  }

  /**
   * {@code getSizes}: what Flickr offers for an item now, in Flickr's order.
   *
   * @throws ItemUnavailableException NOT_FOUND if Flickr says the item does not exist
   */
  Sizes sizes(PhotoId id) throws SourceException {
    List<Sizes.Size> out = new ArrayList<>();
    for (Element s : sizeElements(id)) {
      // Labels are kept as strings: flickr4java maps unknown labels to THUMB. Video sizes may have
      // width="" (appletv), read as 0.
      out.add(new Sizes.Size(s.getAttribute("label"), Math.max(0, Xml.intAttr(s, "width", 0)),
          Math.max(0, Xml.intAttr(s, "height", 0)), s.getAttribute("source"), s.getAttribute("media")));
    }
    return new Sizes(out);
  }

  /** The {@code <size>} elements of {@code getSizes}, in Flickr's order. */
  private List<Element> sizeElements(PhotoId id) throws SourceException {
    Element rsp;
    try {
      rsp = api("flickr.photos.getSizes", params("photo_id", id.value()));
    } catch (SourceException e) {
      if (e.getCause() instanceof CallFailure f && f.kind() == Kind.NOT_FOUND) {
        throw new ItemUnavailableException(id, FailureKind.NOT_FOUND,
            id + ": Flickr says the item does not exist (flickr.photos.getSizes: " + f.getMessage() + ")");
      }
      throw e;
    }
    Element sizes = Xml.child(rsp, "sizes");
    if (sizes == null) {
      throw new SourceException("flickr.photos.getSizes: Flickr answered ok but without <sizes> for " + id);
    }
    return Xml.children(sizes, "size");
  }

  /**
   * Closes idle pooled connections at once (instead of after the pool's five idle minutes) and
   * stops the client's threads; the source refuses calls from then on.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** @return pooled connections, idle or in use (for tests of {@link #close()}) */
  int pooledConnections() {
    return http.connectionPool().connectionCount();
  }

  @Override
  public String toString() {
    return "FlickrSource[" + settings.endpoint().rest() + ", " + settings.token() + "]";
  }
}
