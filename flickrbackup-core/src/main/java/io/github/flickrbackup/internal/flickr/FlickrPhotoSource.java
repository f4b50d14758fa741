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

  private FlickrPhotoSource(SourceSettings s) {
    this.settings = s;
    this.http = httpClient(s);
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
   * A full listing uses {@code people.getPhotos} (ordered by upload date, which edits during the
   * run do not change, so pages stay stable); an incremental one uses {@code recentlyUpdated},
   * which finds edits as well as uploads.
   */
  @Override
  public void listUpdated(Instant since, Consumer<? super RemoteItem> sink) throws SourceException {
    if (since == null || since.equals(Instant.EPOCH) || since.isBefore(Instant.EPOCH)) {
      listPhotos("flickr.people.getPhotos", params("user_id", "me"), sink);
    } else {
      listPhotos("flickr.photos.recentlyUpdated", params("min_date", Long.toString(since.getEpochSecond())), sink);
    }
  }

  @Override
  public void listFavorites(Instant since, Consumer<? super RemoteItem> sink) throws SourceException {
    Map<String, String> p = new LinkedHashMap<>();
    if (since != null && since.isAfter(Instant.EPOCH)) {
      p.put("min_fave_date", Long.toString(since.getEpochSecond()));
    }
    listPhotos("flickr.favorites.getList", p, sink);
  }

  /**
   * Pages a {@code <photos>} listing: stops on {@code pages} (never on an empty page), dedupes
   * ids, asks again for a page shorter than {@code perpage} that is not the last, and checks the
   * count against {@code total}; one more pass fills gaps from items moving between pages.
   */
  void listPhotos(String method, Map<String, String> base, Consumer<? super RemoteItem> sink) throws SourceException {
    Set<PhotoId> seen = new HashSet<>();
    int total = -1;
    for (int pass = 1; pass <= 2; pass++) {
      total = listPass(method, base, sink, seen);
      if (seen.size() >= total) {
        return;
      }
    }
    throw new SourceException(method + ": listing incomplete: Flickr reported " + total + " items but sent "
        + seen.size() + " distinct ones after re-requesting short pages; nothing was deleted, run again");
  }

  private int listPass(String method, Map<String, String> base, Consumer<? super RemoteItem> sink, Set<PhotoId> seen)
      throws SourceException {
    int pages = 1;
    int total = 0;
    for (int page = 1; page <= pages; page++) {
      Page p = null;
      for (int attempt = 0; attempt <= SHORT_PAGE_REREQUESTS; attempt++) {
        Page got = page(method, base, page);
        p = p == null ? got : p.merge(got);
        boolean lastPage = page >= got.pages;
        if (lastPage || p.items.size() + p.rejected >= got.perPage) {
          break;
        }
      }
      pages = p.pages;
      total = p.total;
      for (RemoteItem item : p.items) {
        if (seen.add(item.id())) {
          sink.accept(item);
        }
      }
    }
    return total;
  }

  private record Page(int pages, int perPage, int total, List<RemoteItem> items, int rejected) {
    Page merge(Page again) {
      Map<PhotoId, RemoteItem> byId = new LinkedHashMap<>();
      items.forEach(i -> byId.put(i.id(), i));
      again.items.forEach(i -> byId.putIfAbsent(i.id(), i));
      return new Page(again.pages, again.perPage, again.total, new ArrayList<>(byId.values()),
          Math.max(rejected, again.rejected));
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
    int rejected = 0;
    for (Element e : Xml.children(photos, "photo")) {
      try {
        items.add(Items.fromListing(e));
      } catch (Items.BadItem bad) {
        rejected++;
        warn(method + ": " + bad.getMessage());
      }
    }
    return new Page(Math.max(pages, 1), perPage, total, items, rejected);
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
          warn("flickr.photosets.getPhotos: refused a member id '" + Items.printable(id) + "'");
        }
      }
    }
    if (seen.size() < total) {
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
    try {
      return Optional.of(Items.fromInfo(photo));
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
    List<Sizes.Size> out = new ArrayList<>();
    for (Element s : Xml.children(sizes, "size")) {
      // Labels are kept as strings: flickr4java maps unknown labels to THUMB. Video sizes may have
      // width="" (appletv), read as 0.
      out.add(new Sizes.Size(s.getAttribute("label"), Math.max(0, Xml.intAttr(s, "width", 0)),
          Math.max(0, Xml.intAttr(s, "height", 0)), s.getAttribute("source"), s.getAttribute("media")));
    }
    return new Sizes(out);
  }

  @Override
  public String toString() {
    return "FlickrSource[" + settings.endpoint().rest() + ", " + settings.token() + "]";
  }
}
