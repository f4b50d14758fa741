package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.RemoteItem;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the lister hands on: an item as Flickr listed it, with the albums it belongs to, in
 * the owner's album order. The first album is the item's home (its media lives in that
 * album's folder); the others get links. Empty for favorites and items in no album.
 *
 * <p>A new item may be handed on ahead of the albums, as soon as its home is certain (see
 * {@link Lister}): its download needs only the home folder, and {@link #albums()} waits for
 * the rest, which the writer needs once the bytes are in.
 */
final class Listed {
  private final RemoteItem item;
  private final String homeFolder;
  private final CompletableFuture<List<AlbumFolder>> albums;

  /**
   * @param item the item
   * @param albums its albums with their folders, home first
   */
  Listed(RemoteItem item, List<AlbumFolder> albums) {
    this(item, albums.isEmpty() ? null : albums.get(0).folder(), CompletableFuture.completedFuture(List.copyOf(albums)));
  }

  private Listed(RemoteItem item, String homeFolder, CompletableFuture<List<AlbumFolder>> albums) {
    this.item = Objects.requireNonNull(item, "item");
    this.homeFolder = homeFolder;
    this.albums = albums;
  }

  /**
   * An item handed on before every album's members are read.
   *
   * @param homeFolder its home folder, already certain, or null for an item in no album
   * @param albums its albums, home first, once they are all read
   */
  static Listed ahead(RemoteItem item, String homeFolder, CompletableFuture<List<AlbumFolder>> albums) {
    return new Listed(item, homeFolder, albums.thenApply(List::copyOf));
  }

  /** An album and the folder its items go in. */
  record AlbumFolder(Album album, String folder) {}

  RemoteItem item() {
    return item;
  }

  /**
   * @return its albums with their folders, home first; for an item handed on ahead, once every
   *     album has been read (waiting until then)
   * @throws IllegalStateException if the albums could not be read (the listing fails too, and
   *     the run stops), or if they give another home than the one the item was handed on with
   */
  List<AlbumFolder> albums() {
    List<AlbumFolder> all;
    try {
      all = albums.join();
    } catch (CompletionException e) {
      throw new IllegalStateException("the albums of item " + id() + " could not be read: " + e.getCause(), e);
    }
    String first = all.isEmpty() ? null : all.get(0).folder();
    if (!Objects.equals(first, homeFolder)) {
      // The lister hands an item on ahead only when no album still to be read can come first.
      throw new IllegalStateException("item " + id() + " was handed on with home folder " + homeFolder
          + " but its albums give " + first);
    }
    return all;
  }

  /** @return the home album's folder, or {@code null} when the item is in no album */
  String homeFolder() {
    return homeFolder;
  }

  String id() {
    return item.id().value();
  }

  @Override
  public String toString() {
    return "Listed[" + id() + ", home " + homeFolder + "]";
  }
}
