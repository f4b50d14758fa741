package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.internal.catalog.Catalog.AlbumRow;
import io.github.flickrbackup.internal.layout.Layout;
import io.github.flickrbackup.internal.plan.Listed.AlbumFolder;
import io.github.flickrbackup.source.Album;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * The account's albums with their folder names, and which albums hold which item. Immutable
 * once built, when every album is read: an item's home folder never changes during a run (a
 * new item the lister hands on before that got its home from the albums read by then, which
 * this confirms: {@link Listed#albums()}).
 */
final class AlbumFolders {
  static final AlbumFolders NONE = new AlbumFolders(Map.of(), id -> List.of());

  /** Where the albums of an item are looked up: a map in memory, or the catalog item by item. */
  interface Membership {
    /**
     * @return the ids of the albums holding the item, in album order
     * @throws SQLException if the catalog cannot be read
     */
    List<String> albumsOf(String itemId) throws SQLException;
  }

  private final Map<String, AlbumFolder> byId;
  private final Membership membership;

  private AlbumFolders(Map<String, AlbumFolder> byId, Membership membership) {
    this.byId = byId;
    this.membership = membership;
  }

  /**
   * @param albums the account's albums, in the owner's order, with their folders
   * @param albumsByItem item id to the ids of its albums, in album order
   */
  static AlbumFolders of(List<AlbumFolder> albums, Map<String, List<String>> albumsByItem) {
    return of(albums, id -> albumsByItem.getOrDefault(id, List.of()));
  }

  /**
   * @param albums the account's albums, in the owner's order, with their folders
   * @param membership looks up the ids of an item's albums, in album order
   */
  static AlbumFolders of(List<AlbumFolder> albums, Membership membership) {
    Map<String, AlbumFolder> byId = new LinkedHashMap<>();
    albums.forEach(a -> byId.put(a.album().id(), a));
    return new AlbumFolders(byId, membership);
  }

  /** @return the albums, in the owner's order */
  List<AlbumFolder> albums() {
    return List.copyOf(byId.values());
  }

  /**
   * @return the albums holding an item, home first, from the membership lists
   * @throws CompletionException wrapping the {@link SQLException} of a catalog that cannot be read
   */
  List<AlbumFolder> of(String itemId) {
    try {
      return resolve(membership.albumsOf(itemId));
    } catch (SQLException e) {
      throw new CompletionException(e); // unwrapped by the lister, outside the source's listing
    }
  }

  /** @return the albums with these ids that exist, in the given order */
  List<AlbumFolder> resolve(List<String> albumIds) {
    List<AlbumFolder> out = new ArrayList<>(albumIds.size());
    for (String id : albumIds) {
      AlbumFolder a = byId.get(id);
      if (a != null) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * Gives every album a folder. An album keeps the folder it was given while its title is
   * unchanged; a title whose safe name (compared case-insensitively, as macOS and Windows
   * do) is shared with another album gets {@code "title – albumId"}, so duplicates stay
   * apart and names stay stable across runs.
   *
   * @param albums the account's albums, in order
   * @param stored the albums the catalog knows, by id
   * @return the albums with their folders, in the same order
   */
  static List<AlbumFolder> assign(List<Album> albums, Map<String, AlbumRow> stored) {
    Map<String, Integer> nameCount = new HashMap<>();
    for (Album a : albums) {
      nameCount.merge(key(Layout.folderName(a.title())), 1, Integer::sum);
    }
    Set<String> used = new HashSet<>();
    for (Album a : albums) {
      AlbumRow old = stored.get(a.id());
      if (old != null && old.title().equals(a.title())) {
        used.add(key(old.folder()));
      }
    }
    List<AlbumFolder> out = new ArrayList<>(albums.size());
    for (Album a : albums) {
      AlbumRow old = stored.get(a.id());
      String folder;
      if (old != null && old.title().equals(a.title())) {
        folder = old.folder();
      } else {
        String plain = Layout.folderName(a.title());
        folder = nameCount.get(key(plain)) > 1 || used.contains(key(plain))
            ? Layout.disambiguated(a.title(), a.id()) : plain;
        used.add(key(folder));
      }
      out.add(new AlbumFolder(a, folder));
    }
    return out;
  }

  private static String key(String folder) {
    return folder.toLowerCase(Locale.ROOT);
  }
}
