package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.RemoteItem;
import java.util.List;
import java.util.Objects;

/**
 * What the lister hands on: an item as Flickr listed it, with the albums it belongs to, in
 * the owner's album order. The first album is the item's home (its media lives in that
 * album's folder); the others get links. Empty for favorites and items in no album.
 *
 * @param item the item
 * @param albums its albums with their folders, home first
 */
record Listed(RemoteItem item, List<AlbumFolder> albums) {
  Listed {
    Objects.requireNonNull(item, "item");
    albums = List.copyOf(albums);
  }

  /** An album and the folder its items go in. */
  record AlbumFolder(Album album, String folder) {}

  /** @return the home album's folder, or {@code null} when the item is in no album */
  String homeFolder() {
    return albums.isEmpty() ? null : albums.get(0).folder();
  }

  String id() {
    return item.id().value();
  }
}
