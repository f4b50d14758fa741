package io.github.flickrbackup.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The stateful in-memory Flickr account a {@link FakeFlickr} serves: the owner, their photos and
 * videos, their sets, and their favourites (other owners' items).
 *
 * <p>Build one by hand with {@link #builder()} or generate one with {@link #generate(AccountSpec)}.
 * Once served, {@link FakeFlickr#account()} returns the live account: it is thread-safe, every
 * read sees one consistent snapshot, and its mutations ({@link #editMetadata}, {@link
 * #replaceMedia}, {@link #delete}, ...) are what the REST API serves from the next request on.
 *
 * <pre>{@code
 * FakeAccount account = FakeAccount.builder()
 *     .owner("12345678@N00", "alice", "Alice Example")
 *     .set("72157600000000001", "Holidays", s -> s.description("Summer"))
 *     .photo("1001", p -> p.title("Robot").tags("a", "b").inSets("72157600000000001"))
 *     .video("1002", v -> v.format(MediaFormat.MOV).bytes(300_000))
 *     .favorite("2001", "99999999@N00", f -> f.title("Someone else's"))
 *     .build();
 * }</pre>
 */
public final class FakeAccount {
  private final Clock clock;
  private volatile AccountState state;

  private FakeAccount(AccountState state, Clock clock) {
    this.state = state;
    this.clock = clock;
  }

  /** A builder for a hand-made account; the owner defaults to {@code 12345678@N00 alice}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A generated account: deterministic for a given spec (same seed, same account). */
  public static FakeAccount generate(AccountSpec spec) {
    return AccountGenerator.generate(spec);
  }

  AccountState state() {
    return state;
  }

  Clock clock() {
    return clock;
  }

  /** The owner. */
  public FakeOwner owner() {
    return state.owner;
  }

  /** The own item with this id. @throws IllegalArgumentException if there is none */
  public FakeItem item(String id) {
    FakeItem item = state.items.get(id);
    if (item == null) throw new IllegalArgumentException("no item " + id + " in the account");
    return item;
  }

  /** The own item with this id, if any. */
  public Optional<FakeItem> findItem(String id) {
    return Optional.ofNullable(state.items.get(id));
  }

  /** All own items, in upload order (oldest first). */
  public List<FakeItem> items() {
    return List.copyOf(state.items.values());
  }

  /** All sets, in the owner's order. */
  public List<FakeSet> sets() {
    return List.copyOf(state.sets.values());
  }

  /** The set with this id. @throws IllegalArgumentException if there is none */
  public FakeSet set(String setId) {
    FakeSet s = state.sets.get(setId);
    if (s == null) throw new IllegalArgumentException("no set " + setId + " in the account");
    return s;
  }

  /** The current favourites (other owners' items), most recently faved first. */
  public List<FakeItem> favorites() {
    return List.of(state.favoritesByFavedDesc());
  }

  /** The favourite with this id (faved or not). */
  public FakeItem favorite(String id) {
    FakeItem f = state.favorites.get(id);
    if (f == null) throw new IllegalArgumentException("no favourite " + id + " in the account");
    return f;
  }

  // ---------------------------------------------------------------- mutations

  /**
   * Edits an item's metadata (title, description, tags, dates, visibility, ...) and bumps its
   * {@code lastupdate} unless the edit sets one. Changing {@code inSets} moves it between sets.
   */
  public synchronized FakeItem editMetadata(String id, Consumer<FakeItem.Builder> edit) {
    FakeItem old = item(id);
    FakeItem.Builder b = old.toBuilder();
    edit.accept(b);
    if (Objects.equals(b.lastUpdateOrNull(), old.lastUpdate())) b.lastUpdate(bump(old.lastUpdate()));
    List<String> newSets = List.copyOf(new LinkedHashSet<>(b.setIds()));
    for (String s : newSets) set(s);
    AccountState.Editor e = state.edit();
    for (String s : old.sets()) if (!newSets.contains(s)) e.removeFromSet(id, s, now());
    for (String s : newSets) if (!old.sets().contains(s)) e.appendToSet(id, s, now());
    e.putItem(b.sets(newSets).build());
    state = e.done();
    return item(id);
  }

  /** Replaces an item's media, keeping its size: new secrets, new bytes, {@code lastupdate} bumped. */
  public FakeItem replaceMedia(String id) {
    return replaceMedia(id, item(id).bytes());
  }

  /** Replaces an item's media with one of {@code bytes} bytes: new secrets, new bytes, {@code lastupdate} bumped. */
  public synchronized FakeItem replaceMedia(String id, long bytes) {
    FakeItem old = item(id);
    String h = Hex.of(old.originalSecret() + "/" + old.secret() + "/replaced");
    FakeItem.Builder b = old.toBuilder().secret(h.substring(0, 10)).originalSecret(h.substring(10, 20)).bytes(bytes);
    b.lastUpdate(bump(old.lastUpdate()));
    AccountState.Editor e = state.edit();
    e.putItem(b.build());
    state = e.done();
    return item(id);
  }

  /**
   * Makes Flickr offer a video's original, or stop offering it: {@code Video Original} appears in
   * (or leaves) getSizes and {@code /play/orig/} starts (or stops) serving it. {@code lastupdate}
   * stays: whether Flickr moves it then is not known, and a client must not rely on it (use
   * {@link #editMetadata} as well to move it).
   */
  public synchronized FakeItem setVideoOriginal(String id, boolean offered) {
    FakeItem old = item(id);
    if (!old.isVideo()) throw new IllegalArgumentException(id + " is a photo, not a video");
    AccountState.Editor e = state.edit();
    e.putItem(old.toBuilder().videoOriginal(offered).build());
    state = e.done();
    return item(id);
  }

  /** Uploads a new photo now (default format JPEG). */
  public FakeItem addPhoto(String id, Consumer<FakeItem.Builder> spec) {
    return add(id, MediaFormat.JPEG, spec);
  }

  /** Uploads a new video now (default format MP4). */
  public FakeItem addVideo(String id, Consumer<FakeItem.Builder> spec) {
    return add(id, MediaFormat.MP4, spec);
  }

  private synchronized FakeItem add(String id, MediaFormat defaultFormat, Consumer<FakeItem.Builder> spec) {
    if (state.items.containsKey(id) || state.favorites.containsKey(id)) throw new IllegalArgumentException("item " + id + " already exists");
    FakeOwner o = state.owner;
    FakeItem.Builder b = new FakeItem.Builder(id).owner(o.nsid(), o.username(), o.realName());
    spec.accept(b);
    b.defaultFormat(defaultFormat).defaultTimes(now());
    List<String> sets = List.copyOf(new LinkedHashSet<>(b.setIds()));
    for (String s : sets) set(s);
    AccountState.Editor e = state.edit();
    e.putItem(b.sets(sets).build());
    for (String s : sets) e.appendToSet(id, s, now());
    state = e.done();
    return item(id);
  }

  /** Deletes an own item; sets left empty disappear, as on Flickr. */
  public synchronized void delete(String id) {
    FakeItem old = item(id);
    AccountState.Editor e = state.edit();
    for (String s : old.sets()) e.removeFromSet(id, s, now());
    e.removeItem(id);
    state = e.done();
  }

  /**
   * Moves an item from one set to another ({@code fromSetId} null: just adds it to {@code
   * toSetId}; {@code toSetId} null: just removes it). Both sets' {@code date_update} move; the
   * item's {@code lastupdate} does not.
   */
  public synchronized void moveToSet(String id, String fromSetId, String toSetId) {
    FakeItem old = item(id);
    if (fromSetId != null && !old.sets().contains(fromSetId)) throw new IllegalArgumentException("item " + id + " is not in set " + fromSetId);
    if (toSetId != null) set(toSetId);
    AccountState.Editor e = state.edit();
    List<String> sets = new ArrayList<>(old.sets());
    if (fromSetId != null) {
      e.removeFromSet(id, fromSetId, now());
      sets.remove(fromSetId);
    }
    if (toSetId != null && !sets.contains(toSetId)) {
      e.appendToSet(id, toSetId, now());
      sets.add(toSetId);
    }
    e.putItem(old.toBuilder().sets(sets).build());
    state = e.done();
  }

  /** Creates a set holding these items (the first is the primary). */
  public synchronized FakeSet addSet(String setId, String title, String... itemIds) {
    if (state.sets.containsKey(setId)) throw new IllegalArgumentException("set " + setId + " already exists");
    if (itemIds.length == 0) throw new IllegalArgumentException("a set needs at least one item");
    for (String i : itemIds) item(i);
    AccountState.Editor e = state.edit();
    e.putSet(new FakeSet(setId, title, "", now(), now(), itemIds[0], List.of(), 0));
    for (String i : itemIds) {
      e.appendToSet(i, setId, now());
      FakeItem it = e.item(i);
      List<String> sets = new ArrayList<>(it.sets());
      sets.add(setId);
      e.putItem(it.toBuilder().sets(sets).build());
    }
    state = e.done();
    return set(setId);
  }

  /** Renames a set; its {@code date_update} moves. */
  public synchronized void renameSet(String setId, String title) {
    FakeSet s = set(setId);
    Objects.requireNonNull(title, "title");
    AccountState.Editor e = state.edit();
    e.putSet(s.with(title, s.description(), s.itemIds(), s.primaryId(), bump(s.updated())));
    state = e.done();
  }

  /** Deletes a set; its items stay (only their membership of it goes), as on Flickr. */
  public synchronized void deleteSet(String setId) {
    FakeSet s = set(setId);
    AccountState.Editor e = state.edit();
    for (String id : s.itemIds()) {
      FakeItem it = e.item(id);
      List<String> sets = new ArrayList<>(it.sets());
      sets.remove(setId);
      e.putItem(it.toBuilder().sets(sets).build());
    }
    e.removeSet(setId);
    state = e.done();
  }

  /** Adds another owner's item to the favourites. */
  public synchronized FakeItem addFavorite(String id, String ownerNsid, Consumer<FakeItem.Builder> spec) {
    if (state.items.containsKey(id) || state.favorites.containsKey(id)) throw new IllegalArgumentException("item " + id + " already exists");
    FakeItem.Builder b = Builder.favoriteBuilder(id, ownerNsid, state.owner);
    spec.accept(b);
    b.defaultTimes(Instant.parse("2015-01-01T00:00:00Z"));
    if (b.build().faved() == null) b.faved(now());
    AccountState.Editor e = state.edit();
    e.putFavorite(b.build(), true);
    state = e.done();
    return favorite(id);
  }

  /** Faves again a favourite that was unfaved ({@code date_faved} becomes now). */
  public synchronized void fave(String id) {
    FakeItem f = favorite(id);
    AccountState.Editor e = state.edit();
    e.putFavorite(f.toBuilder().faved(now()).build(), true);
    state = e.done();
  }

  /** Removes an item from the favourites (it stays known, so {@link #fave} can bring it back). */
  public synchronized void unfave(String id) {
    FakeItem f = favorite(id);
    AccountState.Editor e = state.edit();
    e.putFavorite(f, false);
    state = e.done();
  }

  /** Whether the favourite is currently faved. */
  public boolean isFaved(String id) {
    return state.faved.contains(id);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  /** A time after {@code previous} and not before now: timestamps move forward even in fast tests. */
  private Instant bump(Instant previous) {
    Instant n = now();
    return n.isAfter(previous) ? n : previous.plusSeconds(1);
  }

  @Override
  public String toString() {
    AccountState s = state;
    return "FakeAccount{" + s.owner.nsid() + ", " + s.items.size() + " items, " + s.sets.size() + " sets, " + s.faved.size() + " favourites}";
  }

  /**
   * Builds a hand-made {@link FakeAccount}. Items get deterministic defaults (secrets, server,
   * upload times an hour apart starting 2020-01-01, 20 KB JPEGs, 200 KB MP4s).
   *
   * <pre>{@code
   * FakeAccount.builder().photo("1001", p -> p.title("Robot")).build();
   * }</pre>
   */
  public static final class Builder {
    private FakeOwner owner = new FakeOwner("12345678@N00", "alice", "Alice Example", null);
    private final Map<String, FakeItem.Builder> items = new LinkedHashMap<>();
    private final Map<String, String> setTitles = new LinkedHashMap<>();
    private final Map<String, FakeSet.Builder> setSpecs = new LinkedHashMap<>();
    private final Map<String, FakeItem.Builder> favorites = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Instant firstUpload = Instant.parse("2020-01-01T00:00:00Z");
    private Duration uploadSpacing = Duration.ofHours(1);

    private Builder() {}

    /** The owner (default {@code 12345678@N00}, {@code alice}, {@code Alice Example}). */
    public Builder owner(String nsid, String username, String realName) {
      this.owner = new FakeOwner(nsid, username, realName, owner.pathAlias());
      return this;
    }

    /** The owner's path alias (default none). */
    public Builder pathAlias(String alias) {
      this.owner = new FakeOwner(owner.nsid(), owner.username(), owner.realName(), alias);
      return this;
    }

    /** A set (in the owner's order); items join it with {@link FakeItem.Builder#inSets}. */
    public Builder set(String setId, String title) {
      return set(setId, title, s -> {});
    }

    /** A set with optional values. Titles may repeat. */
    public Builder set(String setId, String title, Consumer<FakeSet.Builder> spec) {
      if (setId == null || !setId.matches("\\d{1,20}")) throw new IllegalArgumentException("set id must be digits: " + setId);
      if (setTitles.containsKey(setId)) throw new IllegalArgumentException("duplicate set id " + setId);
      setTitles.put(setId, Objects.requireNonNull(title, "title"));
      FakeSet.Builder b = new FakeSet.Builder();
      spec.accept(b);
      setSpecs.put(setId, b);
      return this;
    }

    /** A photo (default JPEG, 20,000 bytes). */
    public Builder photo(String id, Consumer<FakeItem.Builder> spec) {
      return item(id, MediaFormat.JPEG, spec);
    }

    /** A video (default MP4, 200,000 bytes). */
    public Builder video(String id, Consumer<FakeItem.Builder> spec) {
      return item(id, MediaFormat.MP4, spec);
    }

    private Builder item(String id, MediaFormat defaultFormat, Consumer<FakeItem.Builder> spec) {
      if (items.containsKey(id) || favorites.containsKey(id)) throw new IllegalArgumentException("duplicate item id " + id);
      FakeItem.Builder b = new FakeItem.Builder(id);
      spec.accept(b);
      b.defaultFormat(defaultFormat);
      if (defaultFormat.isVideo() && !b.formatOrNull().isVideo()) throw new IllegalArgumentException("video " + id + " needs a video format, not " + b.formatOrNull());
      if (!defaultFormat.isVideo() && b.formatOrNull().isVideo()) throw new IllegalArgumentException("photo " + id + " needs an image format, not " + b.formatOrNull());
      items.put(id, b);
      return this;
    }

    /** A favourite: another owner's item (default faved 2021-01-01 plus an hour per favourite). */
    public Builder favorite(String id, String ownerNsid, Consumer<FakeItem.Builder> spec) {
      if (items.containsKey(id) || favorites.containsKey(id)) throw new IllegalArgumentException("duplicate item id " + id);
      FakeItem.Builder b = favoriteBuilder(id, ownerNsid, owner);
      spec.accept(b);
      favorites.put(id, b);
      return this;
    }

    static FakeItem.Builder favoriteBuilder(String id, String ownerNsid, FakeOwner accountOwner) {
      if (ownerNsid.equals(accountOwner.nsid())) throw new IllegalArgumentException("a favourite must belong to another owner than " + ownerNsid);
      FakeOwner other = new FakeOwner(ownerNsid, "user" + ownerNsid.substring(0, ownerNsid.indexOf('@')), "Other User", null);
      return new FakeItem.Builder(id).owner(other.nsid(), other.username(), other.realName());
    }

    /** The clock that stamps mutations (default the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The default upload time of the first item, and the spacing of the next ones. */
    public Builder uploads(Instant first, Duration spacing) {
      this.firstUpload = Objects.requireNonNull(first, "first");
      this.uploadSpacing = Objects.requireNonNull(spacing, "spacing");
      return this;
    }

    /** Builds the account. @throws IllegalStateException if an item names an unknown set */
    public FakeAccount build() {
      Map<String, List<String>> members = new LinkedHashMap<>();
      for (String s : setTitles.keySet()) members.put(s, new ArrayList<>());
      List<FakeItem> built = new ArrayList<>(items.size());
      int n = 0;
      for (FakeItem.Builder b : items.values()) {
        b.owner(owner.nsid(), owner.username(), owner.realName());
        b.defaultTimes(firstUpload.plus(uploadSpacing.multipliedBy(n++)));
        List<String> sets = List.copyOf(new LinkedHashSet<>(b.setIds()));
        for (String s : sets) {
          List<String> m = members.get(s);
          if (m == null) throw new IllegalStateException("item " + b.id() + " names unknown set " + s);
          m.add(b.id());
        }
        built.add(b.sets(sets).build());
      }
      return assemble(owner, built, setTitles, setSpecs, members, favoritesBuilt(), clock);
    }

    private List<FakeItem> favoritesBuilt() {
      List<FakeItem> out = new ArrayList<>();
      int n = 0;
      Instant base = Instant.parse("2021-01-01T00:00:00Z");
      for (FakeItem.Builder b : favorites.values()) {
        b.defaultTimes(Instant.parse("2015-01-01T00:00:00Z").plus(Duration.ofDays(n)));
        FakeItem probe = b.build();
        if (probe.faved() == null) b.faved(base.plus(Duration.ofHours(n)));
        out.add(b.build());
        n++;
      }
      return out;
    }
  }

  static FakeAccount assemble(FakeOwner owner, List<FakeItem> items, Map<String, String> setTitles,
      Map<String, FakeSet.Builder> setSpecs, Map<String, List<String>> members, List<FakeItem> favorites, Clock clock) {
    Map<String, FakeItem> byId = new LinkedHashMap<>();
    for (FakeItem i : items) byId.put(i.id(), i);
    Map<String, FakeSet> sets = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : setTitles.entrySet()) {
      String id = e.getKey();
      List<String> m = members.get(id);
      if (m.isEmpty()) throw new IllegalStateException("set " + id + " has no items (a Flickr set always has one)");
      FakeSet.Builder spec = setSpecs.get(id);
      Instant created = spec.created;
      Instant updated = spec.updated;
      if (created == null) created = m.stream().map(i -> byId.get(i).uploaded()).min(Comparator.naturalOrder()).orElseThrow();
      if (updated == null) updated = m.stream().map(i -> byId.get(i).lastUpdate()).max(Comparator.naturalOrder()).orElseThrow();
      sets.put(id, new FakeSet(id, e.getValue(), spec.description, created, updated, spec.primary, m, spec.views));
    }
    Map<String, FakeItem> favs = new LinkedHashMap<>();
    for (FakeItem f : favorites) favs.put(f.id(), f);
    Set<String> faved = new LinkedHashSet<>(favs.keySet());
    return new FakeAccount(new AccountState(owner, byId, sets, favs, faved), clock);
  }
}
