package io.github.flickrbackup.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One immutable snapshot of an account. Mutations copy it (copy-on-write), so a request reads one
 * consistent state without locks; the sorted indexes are built lazily, once per snapshot.
 */
final class AccountState {
  private static final Comparator<FakeItem> BY_LASTUPDATE_DESC =
      Comparator.comparing(FakeItem::lastUpdate).reversed().thenComparing(FakeItem::id, AccountState::compareIds);
  private static final Comparator<FakeItem> BY_UPLOAD_DESC =
      Comparator.comparing(FakeItem::uploaded).reversed().thenComparing(FakeItem::id, AccountState::compareIds);
  private static final Comparator<FakeItem> BY_FAVED_DESC =
      Comparator.comparing(FakeItem::faved).reversed().thenComparing(FakeItem::id, AccountState::compareIds);

  final FakeOwner owner;
  /** Own items in upload order. */
  final Map<String, FakeItem> items;
  /** Sets in the owner's order. */
  final Map<String, FakeSet> sets;
  /** Every favourite ever known (faved or not). */
  final Map<String, FakeItem> favorites;
  /** The currently faved ids. */
  final Set<String> faved;

  private volatile FakeItem[] byLastUpdateDesc;
  private volatile FakeItem[] byUploadDesc;
  private volatile FakeItem[] favoritesByFavedDesc;

  AccountState(FakeOwner owner, Map<String, FakeItem> items, Map<String, FakeSet> sets,
      Map<String, FakeItem> favorites, Set<String> faved) {
    this.owner = owner;
    this.items = items;
    this.sets = sets;
    this.favorites = favorites;
    this.faved = faved;
  }

  static int compareIds(String a, String b) {
    int c = Integer.compare(b.length(), a.length());
    return c != 0 ? c : b.compareTo(a);
  }

  FakeItem[] byLastUpdateDesc() {
    FakeItem[] a = byLastUpdateDesc;
    if (a == null) {
      a = items.values().toArray(new FakeItem[0]);
      Arrays.sort(a, BY_LASTUPDATE_DESC);
      byLastUpdateDesc = a;
    }
    return a;
  }

  FakeItem[] byUploadDesc() {
    FakeItem[] a = byUploadDesc;
    if (a == null) {
      a = items.values().toArray(new FakeItem[0]);
      Arrays.sort(a, BY_UPLOAD_DESC);
      byUploadDesc = a;
    }
    return a;
  }

  FakeItem[] favoritesByFavedDesc() {
    FakeItem[] a = favoritesByFavedDesc;
    if (a == null) {
      a = faved.stream().map(favorites::get).toArray(FakeItem[]::new);
      Arrays.sort(a, BY_FAVED_DESC);
      favoritesByFavedDesc = a;
    }
    return a;
  }

  /** Any item the fake knows: own items first, then favourites. */
  FakeItem anyItem(String id) {
    FakeItem i = items.get(id);
    return i != null ? i : favorites.get(id);
  }

  Editor edit() {
    return new Editor(this);
  }

  /** Copies the maps it touches; {@link #done()} gives the next snapshot. */
  static final class Editor {
    private final AccountState base;
    private Map<String, FakeItem> items;
    private Map<String, FakeSet> sets;
    private Map<String, FakeItem> favorites;
    private Set<String> faved;

    Editor(AccountState base) {
      this.base = base;
      this.items = base.items;
      this.sets = base.sets;
      this.favorites = base.favorites;
      this.faved = base.faved;
    }

    FakeItem item(String id) {
      return items.get(id);
    }

    void putItem(FakeItem item) {
      if (items == base.items) items = new LinkedHashMap<>(base.items);
      items.put(item.id(), item);
    }

    void removeItem(String id) {
      if (items == base.items) items = new LinkedHashMap<>(base.items);
      items.remove(id);
    }

    void putSet(FakeSet set) {
      if (sets == base.sets) sets = new LinkedHashMap<>(base.sets);
      sets.put(set.id(), set);
    }

    void removeSet(String setId) {
      if (sets == base.sets) sets = new LinkedHashMap<>(base.sets);
      sets.remove(setId);
    }

    void appendToSet(String itemId, String setId, Instant now) {
      FakeSet s = sets.get(setId);
      List<String> m = new ArrayList<>(s.itemIds());
      if (!m.contains(itemId)) m.add(itemId);
      putSet(s.with(s.title(), s.description(), m, s.primaryId(), later(s.updated(), now)));
    }

    void removeFromSet(String itemId, String setId, Instant now) {
      FakeSet s = sets.get(setId);
      List<String> m = new ArrayList<>(s.itemIds());
      m.remove(itemId);
      if (m.isEmpty()) {
        if (sets == base.sets) sets = new LinkedHashMap<>(base.sets);
        sets.remove(setId);
      } else {
        putSet(s.with(s.title(), s.description(), m, s.primaryId(), later(s.updated(), now)));
      }
    }

    void putFavorite(FakeItem item, boolean isFaved) {
      if (favorites == base.favorites) favorites = new LinkedHashMap<>(base.favorites);
      if (faved == base.faved) faved = new LinkedHashSet<>(base.faved);
      favorites.put(item.id(), item);
      if (isFaved) faved.add(item.id());
      else faved.remove(item.id());
    }

    private static Instant later(Instant previous, Instant now) {
      return now.isAfter(previous) ? now : previous.plusSeconds(1);
    }

    AccountState done() {
      return new AccountState(base.owner, items, sets, favorites, faved);
    }
  }
}
