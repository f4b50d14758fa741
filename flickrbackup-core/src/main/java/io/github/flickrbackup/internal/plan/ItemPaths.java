package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.internal.layout.Layout;
import io.github.flickrbackup.internal.plan.Listed.AlbumFolder;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.store.StorePath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an item's files go once its extension is known: the media file in its home folder,
 * a copy (link) in each further album's folder unless {@code storeOnce}, and the metadata
 * files beside each.
 *
 * @param home the media file in the home folder (or the dated folders of an item in no album)
 * @param copies album id to the path of that album's copy, in album order
 * @param membership album id to path for every album, home first: what the catalog records
 */
record ItemPaths(StorePath home, Map<String, StorePath> copies, Map<String, String> membership) {
  ItemPaths {
    copies = Collections.unmodifiableMap(new LinkedHashMap<>(copies));
    membership = Collections.unmodifiableMap(new LinkedHashMap<>(membership));
  }

  static ItemPaths of(Listed listed, String ext, boolean storeOnce) {
    List<AlbumFolder> albums = listed.albums();
    StorePath home = Layout.mediaPath(listed.homeFolder(), listed.item(), ext);
    Map<String, StorePath> copies = new LinkedHashMap<>();
    if (!storeOnce) {
      for (int i = 1; i < albums.size(); i++) {
        AlbumFolder a = albums.get(i);
        copies.put(a.album().id(), Layout.mediaPath(a.folder(), listed.item(), ext));
      }
    }
    Map<String, String> membership = new LinkedHashMap<>();
    if (!albums.isEmpty()) {
      membership.put(albums.get(0).album().id(), home.toString());
    }
    copies.forEach((album, path) -> membership.put(album, path.toString()));
    return new ItemPaths(home, copies, membership);
  }

  /**
   * @return the metadata file a writer makes beside a media file: {@code ID.EXT} plus the
   *     suffix, or {@code ID} plus the suffix for a writer that replaces the extension
   */
  static StorePath metadataOf(StorePath media, MetadataWriter writer) {
    String name = media.fileName();
    if (writer.replacesExtension() && name.lastIndexOf('.') > 0) {
      name = name.substring(0, name.lastIndexOf('.'));
    }
    return media.resolveSibling(name + writer.fileSuffix());
  }

  /** @return every file of the item: media and metadata, home and copies */
  List<StorePath> files(List<MetadataWriter> writers) {
    List<StorePath> all = new ArrayList<>((1 + copies.size()) * (1 + writers.size()));
    List<StorePath> media = new ArrayList<>(1 + copies.size());
    media.add(home);
    media.addAll(copies.values());
    for (StorePath m : media) {
      all.add(m);
      for (MetadataWriter w : writers) {
        all.add(metadataOf(m, w));
      }
    }
    return all;
  }
}
