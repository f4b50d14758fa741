package io.github.flickrbackup.metadata;

import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.MediaVariant;
import io.github.flickrbackup.source.RemoteItem;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link MetadataWriter} writes about one item.
 *
 * <pre>{@code
 * byte[] ini = MetadataWriters.ini().render(new ItemRecord(item, albums, url, "1001.jpg"));
 * }</pre>
 *
 * @param item the item as Flickr listed it
 * @param albums the albums it belongs to, primary first
 * @param mediaUrl the URL its media was (or would be) fetched from; a substitute's URL when the
 *     file is not the original
 * @param mediaFileName the media file's name, e.g. {@code 1001.jpg}
 * @param substitute what the media file holds instead of the original, or {@code null} when it
 *     holds the original
 */
public record ItemRecord(RemoteItem item, List<Album> albums, URI mediaUrl, String mediaFileName,
    MediaVariant substitute) {
  /** Validates the record. */
  public ItemRecord {
    Objects.requireNonNull(item, "item");
    albums = List.copyOf(albums);
    Objects.requireNonNull(mediaUrl, "mediaUrl");
    Objects.requireNonNull(mediaFileName, "mediaFileName");
  }

  /**
   * A record of an item whose media file holds the original.
   *
   * @param item the item as Flickr listed it
   * @param albums the albums it belongs to, primary first
   * @param mediaUrl the URL its media was (or would be) fetched from
   * @param mediaFileName the media file's name
   */
  public ItemRecord(RemoteItem item, List<Album> albums, URI mediaUrl, String mediaFileName) {
    this(item, albums, mediaUrl, mediaFileName, null);
  }

  /** @return whether the media file holds the original (no substitute) */
  public boolean original() {
    return substitute == null;
  }
}
