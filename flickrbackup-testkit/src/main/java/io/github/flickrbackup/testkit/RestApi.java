package io.github.flickrbackup.testkit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** The REST methods: each validates its arguments, then streams its answer through {@link Out}. */
final class RestApi {
  /** A {@code stat="fail"} answer. */
  static final class RestError extends Exception {
    final int code;

    RestError(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  /** Who is calling: the owner (a valid token) or an anonymous caller with an API key. */
  record Caller(boolean owner, String token, OAuthRegistry.AccessToken access, int shortBy) {
    Caller(boolean owner, String token, OAuthRegistry.AccessToken access) {
      this(owner, token, access, 0);
    }

    /** The same caller with a short-page fault: listing pages that are not the last lose items. */
    Caller shortBy(int missing) {
      return new Caller(owner, token, access, missing);
    }
  }

  /** Which methods need a token. */
  static final Set<String> NEEDS_TOKEN = Set.of("flickr.test.login", "flickr.photos.recentlyUpdated",
      "flickr.auth.oauth.checkToken");
  static final Set<String> METHODS = Set.of("flickr.test.login", "flickr.test.echo", "flickr.test.null",
      "flickr.auth.oauth.checkToken", "flickr.photos.recentlyUpdated", "flickr.people.getPhotos",
      "flickr.photos.search", "flickr.photos.getInfo", "flickr.photos.getSizes", "flickr.photos.getAllContexts",
      "flickr.photosets.getList", "flickr.photosets.getPhotos", "flickr.photosets.getInfo", "flickr.favorites.getList",
      "flickr.people.getInfo");

  static final int MAX_PER_PAGE = 500;
  private static final DateTimeFormatter MYSQL_IN = DateTimeFormatter.ofPattern("yyyy-MM-dd[ HH:mm[:ss]]");

  private final String base;
  private final int searchCap;

  RestApi(String base, int searchCap) {
    this.base = base;
    this.searchCap = searchCap;
  }

  /** How many items a short-page fault drops from a page (never from the last page, reproducing flickrmirrorer#21). */
  private static int drop(Caller caller, int page, int pages, int size) {
    return page < pages ? Math.min(size, caller.shortBy()) : 0;
  }

  void call(String method, Params p, AccountState st, Caller caller, Out out) throws RestError {
    switch (method) {
      case "flickr.test.login" -> testLogin(st, out);
      case "flickr.test.echo" -> testEcho(p, out);
      case "flickr.test.null" -> { out.begin(); out.finish(); }
      case "flickr.auth.oauth.checkToken" -> checkToken(st, caller, out);
      case "flickr.photos.recentlyUpdated" -> recentlyUpdated(p, st, caller, out);
      case "flickr.people.getPhotos" -> peopleGetPhotos(p, st, caller, out, false);
      case "flickr.photos.search" -> peopleGetPhotos(p, st, caller, out, true);
      case "flickr.photos.getInfo" -> getInfo(p, st, caller, out);
      case "flickr.photos.getSizes" -> getSizes(p, st, caller, out);
      case "flickr.photos.getAllContexts" -> getAllContexts(p, st, caller, out);
      case "flickr.photosets.getList" -> photosetsGetList(p, st, caller, out);
      case "flickr.photosets.getPhotos" -> photosetsGetPhotos(p, st, caller, out);
      case "flickr.favorites.getList" -> favoritesGetList(p, st, caller, out);
      case "flickr.photosets.getInfo" -> photosetsGetInfo(p, st, caller, out);
      case "flickr.people.getInfo" -> peopleGetInfo(p, st, caller, out);
      default -> throw new RestError(112, "Method \"" + method + "\" not found");
    }
  }

  // ------------------------------------------------------------------ test / auth

  private void testLogin(AccountState st, Out out) {
    out.begin();
    out.start("user");
    out.attr("id", st.owner.nsid());
    if (st.owner.pathAlias() != null) out.attr("path_alias", st.owner.pathAlias());
    out.text("username", st.owner.username());
    out.end();
    out.finish();
  }

  private void testEcho(Params p, Out out) {
    out.begin();
    for (String[] kv : p.pairs) {
      if (kv[0].startsWith("oauth_")) continue;
      out.text(kv[0], kv[1]);
    }
    out.finish();
  }

  private void checkToken(AccountState st, Caller caller, Out out) {
    out.begin();
    out.start("oauth");
    out.text("token", caller.token());
    out.text("perms", caller.access() == null ? "read" : caller.access().perms);
    out.start("user");
    out.attr("nsid", st.owner.nsid());
    out.attr("username", st.owner.username());
    out.attr("fullname", st.owner.realName());
    out.end();
    out.end();
    out.finish();
  }

  private void peopleGetInfo(Params p, AccountState st, Caller caller, Out out) throws RestError {
    String userId = p.nonEmpty("user_id");
    if (userId == null) throw new RestError(1, "User not found");
    if (!userId.equals(st.owner.nsid()) && !(userId.equals("me") && caller.owner())) throw new RestError(1, "User not found");
    int count = 0;
    Instant first = null;
    for (FakeItem i : st.items.values()) {
      if (!caller.owner() && !i.isPublic()) continue;
      count++;
      if (first == null || i.uploaded().isBefore(first)) first = i.uploaded();
    }
    out.begin();
    out.start("person");
    out.attr("id", st.owner.nsid());
    out.attr("nsid", st.owner.nsid());
    out.num("ispro", 1);
    out.attr("iconserver", "0");
    out.num("iconfarm", 0);
    out.attr("path_alias", st.owner.pathAlias() == null ? "" : st.owner.pathAlias());
    out.text("username", st.owner.username());
    out.text("realname", st.owner.realName());
    out.text("photosurl", base + "photos/" + (st.owner.pathAlias() != null ? st.owner.pathAlias() : st.owner.nsid()) + "/");
    out.start("photos");
    out.text("firstdate", first == null ? "" : Long.toString(first.getEpochSecond()));
    out.start("count");
    if (out.json()) out.num("_content", count);
    else out.content(Integer.toString(count));
    out.end();
    out.end();
    out.end();
    out.finish();
  }

  // ------------------------------------------------------------------ listings

  private void recentlyUpdated(Params p, AccountState st, Caller caller, Out out) throws RestError {
    String minDate = p.nonEmpty("min_date");
    if (minDate == null) throw new RestError(1, "Required arguments missing");
    Instant min = parseDate(minDate);
    if (min == null) throw new RestError(2, "Not a valid date");
    Extras ex = Extras.parse(p.get("extras"));
    Paging paging = Paging.of(p, 100);
    FakeItem[] all = st.byLastUpdateDesc();
    int n = countAtOrAfter(all, min, true);
    List<FakeItem> matched = Arrays.asList(all).subList(0, n);
    writePhotos(out, "photos", matched, matched.size(), paging, ex, caller, st, false, true);
  }

  private void peopleGetPhotos(Params p, AccountState st, Caller caller, Out out, boolean search) throws RestError {
    String userId = p.nonEmpty("user_id");
    if (!search && userId == null) throw new RestError(1, "Required arguments missing");
    boolean me = userId != null && (userId.equals("me") || userId.equals(st.owner.nsid()));
    if (userId != null && userId.equals("me") && !caller.owner()) {
      throw new RestError(99, "Insufficient permissions. Method requires read privileges; none granted.");
    }
    if (!search && !me) throw new RestError(2, "Unknown user");
    if (search && userId != null && !me) {
      // Only the one account exists on the fake: other users have no photos.
      writePhotos(out, "photos", List.of(), 0, Paging.of(p, 100), Extras.parse(p.get("extras")), caller, st, true, false);
      return;
    }
    Extras ex = Extras.parse(p.get("extras"));
    Paging paging = Paging.of(p, 100);
    Instant minUp = optionalDate(p, "min_upload_date");
    Instant maxUp = optionalDate(p, "max_upload_date");
    Instant minTaken = optionalDate(p, "min_taken_date");
    Instant maxTaken = optionalDate(p, "max_taken_date");
    String media = p.nonEmpty("media");
    String privacy = p.nonEmpty("privacy_filter");
    String text = p.nonEmpty("text");
    String tags = p.nonEmpty("tags");
    String sort = p.nonEmpty("sort");
    FakeItem[] all = st.byUploadDesc();
    // The common full listing (no filters) slices the index directly: no work per item.
    List<FakeItem> candidates = Arrays.asList(all);
    if (minUp != null) {
      candidates = candidates.subList(0, countAtOrAfter(all, minUp, false));
    }
    List<Predicate<FakeItem>> filters = new ArrayList<>();
    if (maxUp != null) filters.add(i -> !i.uploaded().isAfter(maxUp));
    if (minTaken != null) filters.add(i -> !takenInstant(i).isBefore(minTaken));
    if (maxTaken != null) filters.add(i -> !takenInstant(i).isAfter(maxTaken));
    if (media != null && !media.equals("all")) {
      boolean videos = media.startsWith("video");
      filters.add(i -> i.isVideo() == videos);
    }
    if (privacy != null) filters.add(i -> privacyMatches(i, privacy));
    if (!caller.owner()) filters.add(FakeItem::isPublic);
    if (text != null) {
      String t = text.toLowerCase(Locale.ROOT);
      filters.add(i -> i.title().toLowerCase(Locale.ROOT).contains(t) || i.description().toLowerCase(Locale.ROOT).contains(t));
    }
    if (tags != null) {
      Set<String> wanted = new HashSet<>(Arrays.asList(tags.toLowerCase(Locale.ROOT).split(",")));
      filters.add(i -> i.tags().stream().anyMatch(tg -> wanted.contains(normaliseTag(tg))));
    }
    if (!filters.isEmpty()) {
      Predicate<FakeItem> all1 = filters.stream().reduce(x -> true, Predicate::and);
      List<FakeItem> f = new ArrayList<>();
      for (FakeItem i : candidates) if (all1.test(i)) f.add(i);
      candidates = f;
    }
    if (search && sort != null && !sort.equals("date-posted-desc")) {
      candidates = new ArrayList<>(candidates);
      switch (sort) {
        case "date-posted-asc" -> candidates.sort((a, b) -> a.uploaded().compareTo(b.uploaded()));
        case "date-taken-asc" -> candidates.sort((a, b) -> a.taken().compareTo(b.taken()));
        case "date-taken-desc" -> candidates.sort((a, b) -> b.taken().compareTo(a.taken()));
        default -> { }
      }
    }
    int total = candidates.size();
    if (search && total > searchCap) {
      // Flickr search returns at most the first 4,000 results; later pages repeat the last one.
      Paging capped = paging.capped(searchCap);
      writePhotos(out, "photos", candidates, total, capped, ex, caller, st, true, false);
      return;
    }
    writePhotos(out, "photos", candidates, total, paging, ex, caller, st, true, false);
  }

  private void favoritesGetList(Params p, AccountState st, Caller caller, Out out) throws RestError {
    String userId = p.nonEmpty("user_id");
    if (userId == null && !caller.owner()) throw new RestError(99, "Insufficient permissions. Method requires read privileges; none granted.");
    if (userId != null && !userId.equals(st.owner.nsid()) && !userId.equals("me")) throw new RestError(1, "User not found");
    Instant min = optionalDate(p, "min_fave_date");
    Instant max = optionalDate(p, "max_fave_date");
    Extras ex = Extras.parse(p.get("extras"));
    Paging paging = Paging.of(p, 100);
    List<FakeItem> favs = Arrays.asList(st.favoritesByFavedDesc());
    if (min != null || max != null) {
      List<FakeItem> f = new ArrayList<>();
      for (FakeItem i : favs) {
        if (min != null && i.faved().isBefore(min)) continue;
        if (max != null && i.faved().isAfter(max)) continue;
        f.add(i);
      }
      favs = f;
    }
    writePhotos(out, "photos", favs, favs.size(), paging, ex, caller, st, false, true);
  }

  /** The common {@code <photos>} listing. */
  private void writePhotos(Out out, String element, List<FakeItem> items, int total, Paging paging, Extras ex,
      Caller caller, AccountState st, boolean totalAsString, boolean favorites) {
    int pages = paging.pages(total);
    int page = paging.effectivePage(pages);
    int from = Math.min((page - 1) * paging.perPage, items.size());
    int to = Math.min(from + paging.perPage, items.size());
    to -= drop(caller, page, pages, to - from);
    out.begin();
    out.start(element);
    out.num("page", page);
    out.num("pages", pages);
    out.num("perpage", paging.perPage);
    if (totalAsString) out.numStr("total", total);
    else out.num("total", total);
    out.startList("photo");
    for (int k = from; k < to; k++) {
      FakeItem it = items.get(k);
      out.startItem("photo");
      Out attrs = out.overriding(it.rawAttributes());
      basicAttrs(attrs, it, true);
      extras(attrs, it, ex, st);
      if (it.faved() != null && favorites) attrs.numStr("date_faved", it.faved().getEpochSecond());
      descriptionChild(out, it, ex);
      out.end();
    }
    out.endList();
    out.end();
    out.finish();
  }

  private static void basicAttrs(Out out, FakeItem it, boolean owner) {
    out.attr("id", it.id());
    if (owner) out.attr("owner", it.ownerNsid());
    out.attr("secret", it.secret());
    out.attr("server", it.server());
    out.num("farm", it.farm());
    out.attr("title", it.title());
    out.num("ispublic", it.isPublic() ? 1 : 0);
    out.num("isfriend", it.isFriend() ? 1 : 0);
    out.num("isfamily", it.isFamily() ? 1 : 0);
  }

  /** XML gives the description as a child element, which must follow the attributes. */
  private static void descriptionChild(Out out, FakeItem it, Extras ex) {
    if (ex.has("description")) out.text("description", it.description());
  }

  private void extras(Out out, FakeItem it, Extras ex, AccountState st) {
    if (ex.has("license")) out.attr("license", it.license());
    if (ex.has("date_upload")) out.numStr("dateupload", it.uploaded().getEpochSecond());
    if (ex.has("date_taken")) {
      out.attr("datetaken", it.taken());
      out.num("datetakengranularity", it.takenGranularity());
      out.attr("datetakenunknown", it.takenUnknown() ? "1" : "0");
    }
    if (ex.has("owner_name")) out.attr("ownername", it.ownerUsername());
    if (ex.has("icon_server")) {
      out.attr("iconserver", "0");
      out.num("iconfarm", 0);
    }
    if (ex.has("original_format")) {
      out.attr("originalsecret", it.originalSecret());
      out.attr("originalformat", it.originalFormat());
    }
    if (ex.has("last_update")) out.numStr("lastupdate", it.lastUpdate().getEpochSecond());
    if (ex.has("geo")) {
      FakeItem.Geo g = it.geo();
      if (g == null) {
        out.num("latitude", 0);
        out.num("longitude", 0);
        out.num("accuracy", 0);
      } else {
        out.dec("latitude", g.latitude());
        out.dec("longitude", g.longitude());
        out.numStr("accuracy", g.accuracy());
        out.num("context", 0);
        out.numStr("geo_is_public", 1);
        out.num("geo_is_friend", 0);
        out.num("geo_is_family", 0);
        out.num("geo_is_contact", 0);
      }
    }
    // Flickr's tags extra holds every tag in its normalised form, machine tags included
    // ("... geo:country=australia brickmakerspark"); machine_tags repeats just the machine tags.
    if (ex.has("tags")) out.attr("tags", String.join(" ", normalisedTags(it)));
    if (ex.has("machine_tags")) out.attr("machine_tags", String.join(" ", it.machineTags()));
    if (ex.has("o_dims")) {
      out.numStr("o_width", it.width());
      out.numStr("o_height", it.height());
    }
    if (ex.has("views")) out.numStr("views", it.views());
    if (ex.has("media")) {
      out.attr("media", it.isVideo() ? "video" : "photo");
      out.attr("media_status", "ready");
    }
    if (ex.has("path_alias")) out.attr("pathalias", it.ownerNsid().equals(st.owner.nsid()) && st.owner.pathAlias() != null ? st.owner.pathAlias() : "");
    if (ex.urls) {
      for (Sizes.Size s : Sizes.STATIC) {
        if (s.extra() == null || !ex.has(s.extra())) continue;
        Sizes.Dim d = Sizes.dim(it, s);
        if (d == null) continue;
        String suffix = s.extra().substring(4);
        out.attr("url_" + suffix, Sizes.source(base, it, s));
        // Flickr mixes number and string forms here; clients must accept both.
        out.num("height_" + suffix, d.height());
        out.numStr("width_" + suffix, d.width());
      }
    }
  }

  // ------------------------------------------------------------------ one photo

  private FakeItem visibleItem(Params p, AccountState st, Caller caller) throws RestError {
    String id = p.nonEmpty("photo_id");
    if (id == null) throw new RestError(1, "Photo not found");
    FakeItem it = st.items.get(id);
    if (it == null) it = st.favorites.get(id);
    if (it == null) throw new RestError(1, "Photo not found");
    boolean own = it.ownerNsid().equals(st.owner.nsid());
    if (own && !caller.owner() && !it.isPublic()) throw new RestError(1, "Photo not found");
    return it;
  }

  private void getInfo(Params p, AccountState st, Caller caller, Out out) throws RestError {
    FakeItem it = visibleItem(p, st, caller);
    boolean own = it.ownerNsid().equals(st.owner.nsid());
    boolean ownerCalling = own && caller.owner();
    out.begin();
    out.start("photo");
    Out photo = out.overriding(it.rawAttributes());
    photo.attr("id", it.id());
    photo.attr("secret", it.secret());
    photo.attr("server", it.server());
    photo.num("farm", it.farm());
    photo.numStr("dateuploaded", it.uploaded().getEpochSecond());
    photo.num("isfavorite", st.faved.contains(it.id()) ? 1 : 0);
    photo.attr("license", it.license());
    photo.attr("safety_level", "0");
    photo.num("rotation", 0);
    photo.attr("originalsecret", it.originalSecret());
    photo.attr("originalformat", it.originalFormat());
    photo.numStr("views", it.views());
    photo.attr("media", it.isVideo() ? "video" : "photo");
    out.start("owner");
    out.attr("nsid", it.ownerNsid());
    out.attr("username", it.ownerUsername());
    out.attr("realname", it.ownerRealName());
    out.attr("location", "");
    out.attr("iconserver", "0");
    out.num("iconfarm", 0);
    out.attr("path_alias", own && st.owner.pathAlias() != null ? st.owner.pathAlias() : "");
    out.end();
    out.text("title", it.title());
    out.text("description", it.description());
    out.start("visibility");
    out.num("ispublic", it.isPublic() ? 1 : 0);
    out.num("isfriend", it.isFriend() ? 1 : 0);
    out.num("isfamily", it.isFamily() ? 1 : 0);
    out.end();
    out.start("dates");
    Out dates = out.overriding(it.rawAttributes());
    dates.numStr("posted", it.uploaded().getEpochSecond());
    dates.attr("taken", it.taken());
    dates.numStr("takengranularity", it.takenGranularity());
    dates.numStr("takenunknown", it.takenUnknown() ? 1 : 0);
    dates.numStr("lastupdate", it.lastUpdate().getEpochSecond());
    out.end();
    if (ownerCalling) {
      out.start("permissions");
      out.num("permcomment", 3);
      out.num("permaddmeta", 2);
      out.end();
    }
    out.start("editability");
    out.num("cancomment", ownerCalling ? 1 : 0);
    out.num("canaddmeta", ownerCalling ? 1 : 0);
    out.end();
    out.start("usage");
    out.num("candownload", 1);
    out.num("canblog", ownerCalling ? 1 : 0);
    out.num("canprint", ownerCalling ? 1 : 0);
    out.num("canshare", 1);
    out.end();
    out.text("comments", "0");
    out.start("notes");
    out.startList("note");
    out.endList();
    out.end();
    out.start("people");
    out.num("haspeople", 0);
    out.end();
    out.start("tags");
    out.startList("tag");
    String authorNum = it.ownerNsid().substring(0, it.ownerNsid().indexOf('@'));
    int n = 0;
    for (String t : it.tags()) tag(out, authorNum, it, t, normaliseTag(t), false, n++);
    for (String t : it.machineTags()) tag(out, authorNum, it, t, normaliseMachineTag(t), true, n++);
    out.endList();
    out.end();
    if (it.geo() != null) {
      out.start("location");
      out.dec("latitude", it.geo().latitude());
      out.dec("longitude", it.geo().longitude());
      out.numStr("accuracy", it.geo().accuracy());
      out.numStr("context", 0);
      out.end();
      // Who may see the location; a listing's geo extra carries the same as geo_is_*.
      out.start("geoperms");
      out.num("ispublic", 1);
      out.num("iscontact", 0);
      out.num("isfriend", 0);
      out.num("isfamily", 0);
      out.end();
    }
    out.start("urls");
    out.startList("url");
    out.startItem("url");
    out.attr("type", "photopage");
    out.content(base + "photos/" + (own && st.owner.pathAlias() != null ? st.owner.pathAlias() : it.ownerNsid()) + "/" + it.id() + "/");
    out.end();
    out.endList();
    out.end();
    if (it.isVideo()) {
      out.start("video");
      out.num("ready", 1);
      out.num("failed", 0);
      out.num("pending", 0);
      out.num("duration", 12);
      out.num("width", it.width());
      out.num("height", it.height());
      out.end();
    }
    out.end();
    out.finish();
  }

  private static void tag(Out out, String authorNum, FakeItem it, String raw, String clean, boolean machine, int n) {
    out.startItem("tag");
    out.attr("id", authorNum + "-" + it.id() + "-" + (100 + n));
    out.attr("author", it.ownerNsid());
    out.attr("authorname", it.ownerUsername());
    out.attr("raw", raw);
    out.num("machine_tag", machine ? 1 : 0);
    out.content(clean);
    out.end();
  }

  private void getSizes(Params p, AccountState st, Caller caller, Out out) throws RestError {
    FakeItem it = visibleItem(p, st, caller);
    boolean ownerCalling = it.ownerNsid().equals(st.owner.nsid()) && caller.owner();
    out.begin();
    out.start("sizes");
    out.num("canblog", 1);
    out.num("canprint", it.isVideo() ? 0 : 1);
    out.num("candownload", 1);
    out.startList("size");
    for (Sizes.Size s : Sizes.STATIC) {
      Sizes.Dim d = Sizes.dim(it, s);
      if (d == null) continue;
      out.startItem("size");
      out.attr("label", s.label());
      if (s.label().equals("Square")) {
        out.num("width", d.width());
        out.num("height", d.height());
      } else {
        out.numStr("width", d.width());
        out.numStr("height", d.height());
      }
      out.attr("source", Sizes.source(base, it, s));
      out.attr("url", base + "photos/" + it.ownerNsid() + "/" + it.id() + "/sizes/" + s.urlCode() + "/");
      out.attr("media", "photo");
      out.end();
    }
    if (it.isVideo()) {
      String page = base + "photos/" + it.ownerNsid() + "/" + it.id() + "/";
      videoSize(out, "Video Player", "640", "360", base + "apps/video/stewart.swf?v=1&photo_id=" + it.id(), page);
      for (Sizes.Rendition r : Sizes.VIDEO) {
        videoSize(out, r.label(), r.width(), r.height(), page + "play/" + r.variant() + "/" + it.secret() + "/", page);
      }
      if (ownerCalling && it.hasVideoOriginal()) {
        videoSize(out, "Video Original", Integer.toString(it.width()), Integer.toString(it.height()),
            page + "play/orig/" + it.originalSecret() + "/", page);
      }
    }
    out.endList();
    out.end();
    out.finish();
  }

  private static void videoSize(Out out, String label, String w, String h, String source, String url) {
    out.startItem("size");
    out.attr("label", label);
    out.attr("width", w);
    out.attr("height", h);
    out.attr("source", source);
    out.attr("url", url);
    out.attr("media", "video");
    out.end();
  }

  private void getAllContexts(Params p, AccountState st, Caller caller, Out out) throws RestError {
    FakeItem it = visibleItem(p, st, caller);
    out.begin();
    boolean own = it.ownerNsid().equals(st.owner.nsid());
    if (out.json()) out.startList("set");
    if (own) {
      for (String setId : it.sets()) {
        FakeSet s = st.sets.get(setId);
        if (s == null) continue;
        FakeItem primary = st.items.get(s.primaryId());
        out.startItem("set");
        out.attr("id", s.id());
        out.attr("title", s.title());
        out.attr("primary", s.primaryId());
        out.attr("secret", primary.secret());
        out.attr("server", primary.server());
        out.num("farm", primary.farm());
        out.numStr("view_count", s.views());
        out.numStr("comment_count", 0);
        int[] counts = counts(s, st, true);
        out.num("count_photo", counts[0]);
        out.num("count_video", counts[1]);
        out.end();
      }
    }
    if (out.json()) out.endList();
    out.finish();
  }

  // ------------------------------------------------------------------ photosets

  private void photosetsGetList(Params p, AccountState st, Caller caller, Out out) throws RestError {
    String userId = p.nonEmpty("user_id");
    if (userId == null && !caller.owner()) throw new RestError(2, "Unknown user");
    if (userId != null && !userId.equals(st.owner.nsid()) && !userId.equals("me")) throw new RestError(2, "Unknown user");
    Extras ex = Extras.parse(p.get("primary_photo_extras"));
    List<FakeSet> sets = new ArrayList<>(st.sets.values());
    if (!caller.owner()) sets.removeIf(s -> counts(s, st, false)[2] == 0);
    int total = sets.size();
    boolean paged = p.nonEmpty("page") != null || p.nonEmpty("per_page") != null;
    Paging paging = paged ? Paging.of(p, MAX_PER_PAGE) : new Paging(1, Math.max(1, total));
    int pages = paging.pages(total);
    int page = paging.effectivePage(pages);
    int from = Math.min((page - 1) * paging.perPage, total);
    int to = Math.min(from + paging.perPage, total);
    out.begin();
    out.start("photosets");
    out.num("cancreate", caller.owner() ? 1 : 0);
    out.num("page", page);
    out.num("pages", pages);
    out.num("perpage", paging.perPage);
    out.num("total", total);
    out.startList("photoset");
    for (int k = from; k < to; k++) {
      FakeSet s = sets.get(k);
      FakeItem primary = st.items.get(s.primaryId());
      int[] c = counts(s, st, caller.owner());
      boolean mix = Math.floorMod(s.id().hashCode(), 2) == 0;
      out.startItem("photoset");
      out.attr("id", s.id());
      out.attr("owner", st.owner.nsid());
      out.attr("username", st.owner.username());
      out.attr("primary", s.primaryId());
      out.attr("secret", primary.secret());
      out.attr("server", primary.server());
      out.num("farm", primary.farm());
      out.numStr("count_views", s.views());
      out.numStr("count_comments", 0);
      out.num("count_photos", c[0]);
      out.num("count_videos", c[1]);
      out.num("can_comment", caller.owner() ? 1 : 0);
      out.numStr("date_create", s.created().getEpochSecond());
      out.numStr("date_update", s.updated().getEpochSecond());
      // "photos": 87 next to "photos": "62", as Flickr's JSON has it.
      if (mix) out.num("photos", c[0]);
      else out.numStr("photos", c[0]);
      out.num("videos", c[1]);
      out.num("visibility_can_see_set", 1);
      out.num("needs_interstitial", 0);
      out.text("title", s.title());
      out.text("description", s.description());
      if (!ex.isEmpty() && primary != null) {
        out.start("primary_photo_extras");
        extras(out, primary, ex, st);
        descriptionChild(out, primary, ex);
        out.end();
      }
      out.end();
    }
    out.endList();
    out.end();
    out.finish();
  }

  private void photosetsGetInfo(Params p, AccountState st, Caller caller, Out out) throws RestError {
    String setId = p.nonEmpty("photoset_id");
    FakeSet s = setId == null ? null : st.sets.get(setId);
    if (s == null) throw new RestError(1, "Photoset not found");
    FakeItem primary = st.items.get(s.primaryId());
    int[] c = counts(s, st, caller.owner());
    out.begin();
    out.start("photoset");
    out.attr("id", s.id());
    out.attr("owner", st.owner.nsid());
    out.attr("username", st.owner.username());
    out.attr("primary", s.primaryId());
    out.attr("secret", primary.secret());
    out.attr("server", primary.server());
    out.num("farm", primary.farm());
    out.num("photos", c[2]);
    out.numStr("count_views", s.views());
    out.numStr("count_comments", 0);
    out.num("count_photos", c[0]);
    out.num("count_videos", c[1]);
    out.num("can_comment", caller.owner() ? 1 : 0);
    out.numStr("date_create", s.created().getEpochSecond());
    out.numStr("date_update", s.updated().getEpochSecond());
    out.text("title", s.title());
    out.text("description", s.description());
    out.end();
    out.finish();
  }

  /** Photos, videos and visible items in a set. */
  private static int[] counts(FakeSet s, AccountState st, boolean owner) {
    int photos = 0;
    int videos = 0;
    for (String id : s.itemIds()) {
      FakeItem i = st.items.get(id);
      if (i == null || (!owner && !i.isPublic())) continue;
      if (i.isVideo()) videos++;
      else photos++;
    }
    return new int[] {photos, videos, photos + videos};
  }

  private void photosetsGetPhotos(Params p, AccountState st, Caller caller, Out out) throws RestError {
    String setId = p.nonEmpty("photoset_id");
    if (setId == null) throw new RestError(1, "Photoset not found");
    FakeSet s = st.sets.get(setId);
    if (s == null) throw new RestError(1, "Photoset not found");
    String userId = p.nonEmpty("user_id");
    if (userId != null && !userId.equals(st.owner.nsid()) && !userId.equals("me")) throw new RestError(2, "Unknown user");
    Extras ex = Extras.parse(p.get("extras"));
    Paging paging = Paging.of(p, MAX_PER_PAGE);
    String media = p.nonEmpty("media");
    String privacy = p.nonEmpty("privacy_filter");
    List<FakeItem> items = new ArrayList<>(s.itemIds().size());
    for (String id : s.itemIds()) {
      FakeItem i = st.items.get(id);
      if (i == null) continue;
      if (!caller.owner() && !i.isPublic()) continue;
      if (media != null && !media.equals("all") && i.isVideo() != media.startsWith("video")) continue;
      if (privacy != null && !privacyMatches(i, privacy)) continue;
      items.add(i);
    }
    int total = items.size();
    int pages = paging.pages(total);
    int page = paging.effectivePage(pages);
    int from = Math.min((page - 1) * paging.perPage, total);
    int to = Math.min(from + paging.perPage, total);
    to -= drop(caller, page, pages, to - from);
    out.begin();
    out.start("photoset");
    out.attr("id", s.id());
    out.attr("primary", s.primaryId());
    out.attr("owner", st.owner.nsid());
    out.attr("ownername", st.owner.username());
    if (!out.json()) setPaging(out, s, page, paging.perPage, pages, total);
    out.startList("photo");
    for (int k = from; k < to; k++) {
      FakeItem it = items.get(k);
      out.startItem("photo");
      Out attrs = out.overriding(it.rawAttributes());
      basicAttrs(attrs, it, false);
      attrs.attr("isprimary", it.id().equals(s.primaryId()) ? "1" : "0");
      extras(attrs, it, ex, st);
      descriptionChild(out, it, ex);
      out.end();
    }
    out.endList();
    // Flickr's JSON puts the paging members after the photo array.
    if (out.json()) setPaging(out, s, page, paging.perPage, pages, total);
    out.end();
    out.finish();
  }

  private static void setPaging(Out out, FakeSet s, int page, int perPage, int pages, int total) {
    out.num("page", page);
    out.numStr("per_page", perPage);
    out.num("perpage", perPage);
    out.num("pages", pages);
    out.attr("title", s.title());
    out.numStr("total", total);
  }

  // ------------------------------------------------------------------ helpers

  private static boolean privacyMatches(FakeItem i, String filter) {
    return switch (filter) {
      case "1" -> i.isPublic();
      case "2" -> !i.isPublic() && i.isFriend() && !i.isFamily();
      case "3" -> !i.isPublic() && i.isFamily() && !i.isFriend();
      case "4" -> !i.isPublic() && i.isFriend() && i.isFamily();
      case "5" -> !i.isPublic() && !i.isFriend() && !i.isFamily();
      default -> true;
    };
  }

  /** How many leading items of a newest-first index are at or after {@code min} (binary search). */
  private static int countAtOrAfter(FakeItem[] desc, Instant min, boolean byLastUpdate) {
    int lo = 0;
    int hi = desc.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      Instant t = byLastUpdate ? desc[mid].lastUpdate() : desc[mid].uploaded();
      if (!t.isBefore(min)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static Instant takenInstant(FakeItem i) {
    try {
      return LocalDateTime.parse(i.taken(), MYSQL_IN).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  /** Unix seconds or a MySQL datetime; anything else is ignored, as no error is documented. */
  private static Instant optionalDate(Params p, String name) {
    String v = p.nonEmpty(name);
    return v == null ? null : parseDate(v);
  }

  static Instant parseDate(String v) {
    v = v.trim();
    if (v.matches("-?\\d{1,12}")) return Instant.ofEpochSecond(Long.parseLong(v));
    try {
      return LocalDateTime.parse(v, MYSQL_IN).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      try {
        return java.time.LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** Every tag of an item as the {@code tags} extra and getInfo's tag texts give it, in the item's order. */
  static List<String> normalisedTags(FakeItem it) {
    List<String> out = new ArrayList<>(it.tags().size() + it.machineTags().size());
    for (String t : it.tags()) out.add(normaliseTag(t));
    for (String t : it.machineTags()) out.add(normaliseMachineTag(t));
    return out;
  }

  /**
   * Flickr's normalised machine tag: namespace and predicate in lower case, the value normalised
   * like a plain tag ({@code lens:type=17-55mm F/2.8} becomes {@code lens:type=1755mmf28}).
   */
  static String normaliseMachineTag(String raw) {
    int eq = raw.indexOf('=');
    return raw.substring(0, eq + 1).toLowerCase(Locale.ROOT) + normaliseTag(raw.substring(eq + 1));
  }

  /** Flickr's normalised tag: lower case, letters and digits only. */
  static String normaliseTag(String raw) {
    StringBuilder sb = new StringBuilder(raw.length());
    raw.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(sb::appendCodePoint);
    return sb.toString();
  }

  /** The requested {@code extras}. */
  static final class Extras {
    private final Set<String> names;
    final boolean urls;

    private Extras(Set<String> names) {
      this.names = names;
      this.urls = names.stream().anyMatch(n -> n.startsWith("url_"));
    }

    static Extras parse(String s) {
      if (s == null || s.isBlank()) return new Extras(Set.of());
      Set<String> names = new HashSet<>();
      for (String n : s.split(",")) {
        String t = n.trim().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) names.add(t);
      }
      return new Extras(names);
    }

    boolean has(String name) {
      return names.contains(name);
    }

    boolean isEmpty() {
      return names.isEmpty();
    }
  }

  /** {@code page} and {@code per_page}: per_page 1 to 500; a page past the end repeats the last page. */
  record Paging(int page, int perPage) {
    static Paging of(Params p, int defaultPerPage) {
      int perPage = parseInt(p.nonEmpty("per_page"), defaultPerPage);
      if (perPage < 1) perPage = defaultPerPage;
      perPage = Math.min(perPage, MAX_PER_PAGE);
      int page = Math.max(1, parseInt(p.nonEmpty("page"), 1));
      return new Paging(page, perPage);
    }

    int pages(int total) {
      return Math.max(1, (total + perPage - 1) / perPage);
    }

    int effectivePage(int pages) {
      return Math.min(page, pages);
    }

    /** For search: pages beyond the cap repeat the last page within it. */
    Paging capped(int cap) {
      int lastInCap = Math.max(1, (cap + perPage - 1) / perPage);
      return new Paging(Math.min(page, lastInCap), perPage);
    }

    private static int parseInt(String s, int fallback) {
      if (s == null) return fallback;
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
  }
}
